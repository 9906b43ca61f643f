import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@ledger/governance';
import { delegationById, type DelegationDetail } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetDelegation } from './get-delegation.query.js';

@QueryHandler(GetDelegation)
export class GetDelegationHandler implements IQueryHandler<GetDelegation> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ id }: GetDelegation): Promise<DelegationDetail> {
    const delegation = await delegationById(this.readModels, id);
    if (!delegation) throw new NotFoundError('delegation', id);
    return delegation;
  }
}
