import { isLogPosition, type LogPosition } from '@ledger/event-store';
import { InvalidCommandError, parseInstant } from '@ledger/governance';
import type { AuditFilter, ListOptions } from '@ledger/read-models';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQuery } from '../../lists/list.query.js';
import { IsLedgerDateInQuery } from '../../validation/ledger-validators.js';

export class AuditQuery extends ListQuery {
  @ApiPropertyOptional({ example: 'proposal-wbc-enhanced-s75' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  streamId?: string;

  @ApiPropertyOptional({ example: 'clerk:wokingham-democratic-services' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'RatificationRecorded' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  type?: string;

  @ApiPropertyOptional({ description: 'From this log position on, inclusive.' })
  @IsOptional()
  @IsString()
  fromPosition?: string;

  @ApiPropertyOptional({ description: 'Recorded at or after (record time).' })
  @IsOptional()
  @IsLedgerDateInQuery()
  recordedFrom?: string;

  @ApiPropertyOptional({ description: 'Recorded before (record time).' })
  @IsOptional()
  @IsLedgerDateInQuery()
  recordedTo?: string;
}

/** The audit trail's filter from the query; refuses a `fromPosition` that is not a log position. */
export function auditFilterOf(query: AuditQuery): AuditFilter & ListOptions {
  if (query.fromPosition !== undefined && !isLogPosition(query.fromPosition)) {
    throw new InvalidCommandError('fromPosition must be a log position ("<transactionId>:<sequence>").', 'fromPosition');
  }
  return {
    streamId: query.streamId,
    actor: query.actor,
    type: query.type,
    fromPosition: query.fromPosition as LogPosition | undefined,
    recordedFrom: query.recordedFrom ? parseInstant(query.recordedFrom) : undefined,
    recordedTo: query.recordedTo ? parseInstant(query.recordedTo) : undefined,
    limit: query.limit,
    cursor: query.cursor,
  };
}
