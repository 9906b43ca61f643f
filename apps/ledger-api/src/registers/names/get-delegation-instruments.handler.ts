import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Instrument } from '@ledger/governance';
import { delegationInstruments } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetDelegationInstruments } from './get-delegation-instruments.query.js';
import { ReadInTheLastSecond } from './read-in-the-last-second.js';

@QueryHandler(GetDelegationInstruments)
export class GetDelegationInstrumentsHandler implements IQueryHandler<GetDelegationInstruments> {
  private readonly instruments: ReadInTheLastSecond<Instrument>;

  constructor(@Inject(READ_MODELS) readModels: ReadModels) {
    this.instruments = new ReadInTheLastSecond((ids) => delegationInstruments(readModels, ids));
  }

  execute({ ids }: GetDelegationInstruments): Promise<Record<string, Instrument>> {
    return this.instruments.of(ids);
  }
}
