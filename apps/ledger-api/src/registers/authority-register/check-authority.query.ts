import { Query } from '@nestjs/cqrs';
import type { AuthorityAnswer } from '@ledger/governance';
import type { AuthorityCheck } from '@ledger/read-models';

export class CheckAuthority extends Query<AuthorityAnswer> {
  constructor(readonly question: AuthorityCheck) {
    super();
  }
}
