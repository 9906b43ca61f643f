import { Query } from '@nestjs/cqrs';
import type { BodyDecisionsQuery, Page, RatificationView } from '@ledger/read-models';

/** A body's (or post's) decisions register: every ratification it made, newest first. */
export class GetBodyDecisions extends Query<Page<RatificationView>> {
  constructor(
    readonly bodyId: string,
    readonly filter: BodyDecisionsQuery,
    readonly seesExemptDetail: boolean,
  ) {
    super();
  }
}
