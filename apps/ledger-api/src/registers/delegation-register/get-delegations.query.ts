import { Query } from '@nestjs/cqrs';
import type { DelegationFilter, DelegationView, Page } from '@ledger/read-models';

export class GetDelegations extends Query<Page<DelegationView>> {
  constructor(readonly filter: DelegationFilter) {
    super();
  }
}
