import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isLogPosition, type LogPosition } from '@ledger/event-store';
import { InvalidCommandError, parseInstant } from '@ledger/governance';
import type { AuditEntry, Page } from '@ledger/read-models';
import { PublicRead } from '../../api-keys/access.decorator.js';
import { AuditQuery } from './audit.query.js';
import { GetAuditTrail } from './get-audit-trail.query.js';

@ApiTags('audit')
@Controller('v1/audit')
export class AuditTrailController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @PublicRead()
  @ApiOperation({ summary: 'The audit trail: one row per event in log order, with a line of English. `Accept: text/csv` for CSV.' })
  @ApiOkResponse({ description: '{ items: [{position, streamId, streamVersion, eventId, type, actor, recordedAt, summary}], nextCursor }' })
  list(@QueryParams() query: AuditQuery): Promise<Page<AuditEntry>> {
    if (query.fromPosition !== undefined && !isLogPosition(query.fromPosition)) {
      throw new InvalidCommandError('fromPosition must be a log position ("<transactionId>:<sequence>").', 'fromPosition');
    }
    return this.queries.execute(
      new GetAuditTrail({
        streamId: query.streamId,
        actor: query.actor,
        type: query.type,
        fromPosition: query.fromPosition as LogPosition | undefined,
        recordedFrom: query.recordedFrom ? parseInstant(query.recordedFrom) : undefined,
        recordedTo: query.recordedTo ? parseInstant(query.recordedTo) : undefined,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  }
}
