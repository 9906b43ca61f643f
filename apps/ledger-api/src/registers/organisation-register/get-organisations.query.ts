import { Query } from '@nestjs/cqrs';
import type { ListOptions, OrganisationSummaryView, Page } from '@ledger/read-models';

export class GetOrganisations extends Query<Page<OrganisationSummaryView>> {
  constructor(readonly options: ListOptions) {
    super();
  }
}
