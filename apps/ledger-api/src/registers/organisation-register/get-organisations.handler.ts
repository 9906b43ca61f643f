import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listOrganisations, type OrganisationSummaryView, type Page } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetOrganisations } from './get-organisations.query.js';

@QueryHandler(GetOrganisations)
export class GetOrganisationsHandler implements IQueryHandler<GetOrganisations> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute({ options }: GetOrganisations): Promise<Page<OrganisationSummaryView>> {
    return listOrganisations(this.readModels, options);
  }
}
