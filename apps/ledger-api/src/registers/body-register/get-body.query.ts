import { Query } from '@nestjs/cqrs';
import type { BodyView } from '@ledger/read-models';

export class GetBody extends Query<BodyView> {
  /** `at`: a date or an instant with an offset; now when absent. */
  constructor(
    readonly id: string,
    readonly at: string | undefined,
  ) {
    super();
  }
}
