import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { auditTrail, type AuditEntry, type Page } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetAuditTrail } from './get-audit-trail.query.js';

@QueryHandler(GetAuditTrail)
export class GetAuditTrailHandler implements IQueryHandler<GetAuditTrail> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute({ filter }: GetAuditTrail): Promise<Page<AuditEntry>> {
    return auditTrail(this.readModels, filter);
  }
}
