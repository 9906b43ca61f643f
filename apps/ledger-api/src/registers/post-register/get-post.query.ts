import { Query } from '@nestjs/cqrs';
import type { PostView } from '@ledger/read-models';

export class GetPost extends Query<PostView> {
  /** `at`: a date or an instant with an offset; now when absent. */
  constructor(
    readonly id: string,
    readonly at: string | undefined,
  ) {
    super();
  }
}
