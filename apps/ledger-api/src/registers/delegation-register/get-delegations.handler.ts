import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listDelegations, type DelegationView, type Page } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetDelegations } from './get-delegations.query.js';

@QueryHandler(GetDelegations)
export class GetDelegationsHandler implements IQueryHandler<GetDelegations> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute({ filter }: GetDelegations): Promise<Page<DelegationView>> {
    return listDelegations(this.readModels, filter);
  }
}
