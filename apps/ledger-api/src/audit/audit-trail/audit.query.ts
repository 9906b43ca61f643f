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
