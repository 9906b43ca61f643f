import { Query } from '@nestjs/cqrs';
import type { DelegationDetail } from '@ledger/read-models';

export class GetDelegation extends Query<DelegationDetail> {
  constructor(readonly id: string) {
    super();
  }
}
