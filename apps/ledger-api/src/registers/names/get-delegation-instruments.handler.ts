import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Instrument } from '@ledger/governance';
import { delegationInstruments } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetDelegationInstruments } from './get-delegation-instruments.query.js';

@QueryHandler(GetDelegationInstruments)
export class GetDelegationInstrumentsHandler implements IQueryHandler<GetDelegationInstruments> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute({ ids }: GetDelegationInstruments): Promise<Record<string, Instrument>> {
    return delegationInstruments(this.readModels, ids);
  }
}
