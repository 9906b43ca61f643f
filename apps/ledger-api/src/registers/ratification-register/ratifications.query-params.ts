import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsSlug } from '../../validation/ledger-validators.js';
import { DecisionFilterParams } from '../decisions-register/decision-filter.params.js';

export const AUTHORITY_FILTERS = ['lapsed', 'holds'] as const;
export type AuthorityFilter = (typeof AUTHORITY_FILTERS)[number];

/** `GET /v1/ratifications?organisationId&deciderId&outcome&from&to&authority&callIn&keyDecision`. */
export class RatificationsQuery extends DecisionFilterParams {
  @ApiPropertyOptional({ example: 'wokingham-borough-council' })
  @IsOptional()
  @IsSlug()
  organisationId?: string;

  @ApiPropertyOptional({ description: 'A body or post id.', example: 'wbc-corporate-leadership-team' })
  @IsOptional()
  @IsSlug()
  deciderId?: string;

  @ApiPropertyOptional({
    enum: AUTHORITY_FILTERS,
    description:
      '`lapsed`: ratifications whose recorded authority no longer holds on what the ledger knows now (its question asked again); `holds`: those whose authority still holds. ' +
      'Only decisions that recorded an authority basis (`approve` steps) are considered; each item carries `authorityNow: {allowed, reasons}`.',
  })
  @IsOptional()
  @IsIn(AUTHORITY_FILTERS)
  authority?: AuthorityFilter;
}
