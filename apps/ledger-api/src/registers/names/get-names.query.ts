import { Query } from '@nestjs/cqrs';

/** The names of these organisations and bodies, and titles of these posts, by id (unknown ids left out). */
export class GetNames extends Query<Record<string, string>> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}
