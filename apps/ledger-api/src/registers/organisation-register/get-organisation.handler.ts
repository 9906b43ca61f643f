import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@ledger/governance';
import { organisationById, type OrganisationView } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetOrganisation } from './get-organisation.query.js';

@QueryHandler(GetOrganisation)
export class GetOrganisationHandler implements IQueryHandler<GetOrganisation> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ id }: GetOrganisation): Promise<OrganisationView> {
    const organisation = await organisationById(this.readModels, id);
    if (!organisation) throw new NotFoundError('organisation', id);
    return organisation;
  }
}
