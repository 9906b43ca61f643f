import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RATIFICATION_OUTCOMES } from '@ledger/governance';
import { CALL_IN_FILTERS } from '@ledger/read-models';
import { ListQuery } from '../../lists/list.query.js';
import { IsLedgerDateInQuery, IsSlug } from '../../validation/ledger-validators.js';

export const AUTHORITY_FILTERS = ['lapsed', 'holds'] as const;
export type AuthorityFilter = (typeof AUTHORITY_FILTERS)[number];

/** `GET /v1/ratifications?organisationId&deciderId&outcome&from&to&authority`. */
export class RatificationsQuery extends ListQuery {
  @ApiPropertyOptional({ example: 'wokingham-borough-council' })
  @IsOptional()
  @IsSlug()
  organisationId?: string;

  @ApiPropertyOptional({ description: 'A body or post id.', example: 'wbc-corporate-leadership-team' })
  @IsOptional()
  @IsSlug()
  deciderId?: string;

  @ApiPropertyOptional({ enum: RATIFICATION_OUTCOMES })
  @IsOptional()
  @IsIn(RATIFICATION_OUTCOMES)
  outcome?: string;

  @ApiPropertyOptional({ description: 'Decided on or after (a date is 00:00 Europe/London).', example: '2017-05-01' })
  @IsOptional()
  @IsLedgerDateInQuery()
  from?: string;

  @ApiPropertyOptional({ description: 'Decided on or before (inclusive).', example: '2018-03-31' })
  @IsOptional()
  @IsLedgerDateInQuery()
  to?: string;

  @ApiPropertyOptional({
    enum: AUTHORITY_FILTERS,
    description:
      '`lapsed`: ratifications whose recorded authority no longer holds on what the ledger knows now (its question asked again); `holds`: those whose authority still holds. ' +
      'Only decisions that recorded an authority basis (`approve` steps) are considered; each item carries `authorityNow: {allowed, reasons}`.',
  })
  @IsOptional()
  @IsIn(AUTHORITY_FILTERS)
  authority?: AuthorityFilter;

  @ApiPropertyOptional({ enum: CALL_IN_FILTERS, description: '`open`: decisions whose call-in period has not yet ended; `lodged`: decisions a call-in was lodged against (with its outcome).' })
  @IsOptional()
  @IsIn(CALL_IN_FILTERS)
  callIn?: string;
}
