import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ListQuery } from '../../lists/list.query.js';
import { IsLedgerDateInQuery } from '../../validation/ledger-validators.js';

/** `GET /v1/bodies/{id}/decisions?from&to`. */
export class BodyDecisionsQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Decided on or after (a date is 00:00 Europe/London).', example: '2017-05-01' })
  @IsOptional()
  @IsLedgerDateInQuery()
  from?: string;

  @ApiPropertyOptional({ description: 'Decided on or before (inclusive).', example: '2018-03-31' })
  @IsOptional()
  @IsLedgerDateInQuery()
  to?: string;
}
