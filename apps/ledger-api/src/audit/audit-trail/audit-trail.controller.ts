import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEntry, Page } from '@ledger/read-models';
import { PublicRead } from '../../api-keys/access.decorator.js';
import { auditFilterOf, AuditQuery } from './audit.query.js';
import { GetAuditTrail } from './get-audit-trail.query.js';
import { AnswersWith } from '../../openapi/answers-with.decorator.js';

@ApiTags('audit')
@Controller('v1/audit')
export class AuditTrailController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @PublicRead()
  @ApiOperation({ summary: 'The audit trail: one row per event in log order, with a line of English. `Accept: text/csv` for CSV.' })
  @AnswersWith('AuditTrail', '{ items: [{position, streamId, streamVersion, eventId, type, actor, recordedAt, summary}], nextCursor }')
  list(@QueryParams() query: AuditQuery): Promise<Page<AuditEntry>> {
    return this.queries.execute(new GetAuditTrail(auditFilterOf(query)));
  }
}
