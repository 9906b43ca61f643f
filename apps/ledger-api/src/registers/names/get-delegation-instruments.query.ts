import { Query } from '@nestjs/cqrs';
import type { Instrument } from '@ledger/governance';

/** The instruments of these delegations, by id (unknown ids left out). */
export class GetDelegationInstruments extends Query<Record<string, Instrument>> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}
