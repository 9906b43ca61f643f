import { Query } from '@nestjs/cqrs';
import type { AuditEntry, AuditFilter, Page } from '@ledger/read-models';

export class GetAuditTrail extends Query<Page<AuditEntry>> {
  constructor(readonly filter: AuditFilter) {
    super();
  }
}
