import { Query } from '@nestjs/cqrs';
import type { BodyListOptions, BodySummaryView, Page } from '@ledger/read-models';

export class GetBodies extends Query<Page<BodySummaryView>> {
  constructor(readonly options: BodyListOptions) {
    super();
  }
}
