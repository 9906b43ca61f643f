import { Query } from '@nestjs/cqrs';
import type { HolderAuthority } from '@ledger/governance';
import type { HolderAuthorityCheck } from '@ledger/read-models';

export class GetHolderAuthority extends Query<HolderAuthority> {
  constructor(readonly question: HolderAuthorityCheck) {
    super();
  }
}
