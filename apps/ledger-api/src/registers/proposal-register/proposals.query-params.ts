import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { PROPOSAL_STATUSES } from '@ledger/governance';
import { ListQuery } from '../../lists/list.query.js';
import { IsLedgerDateInQuery, IsScope, IsSlug } from '../../validation/ledger-validators.js';

/** `GET /v1/proposals?status&organisationId&scope&from&to`. */
export class ProposalsQuery extends ListQuery {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Proposals whose current route names the organisation, or that a decision was recorded for.', example: 'wokingham-borough-council' })
  @IsOptional()
  @IsSlug()
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Hierarchical: `community-services` also finds `community-services/children`.', example: 'integrated-care' })
  @IsOptional()
  @IsScope()
  scope?: string;

  @ApiPropertyOptional({ description: 'Tabled on or after (a date is 00:00 Europe/London).', example: '2017-05-01' })
  @IsOptional()
  @IsLedgerDateInQuery()
  from?: string;

  @ApiPropertyOptional({ description: 'Tabled on or before (inclusive).', example: '2018-03-31' })
  @IsOptional()
  @IsLedgerDateInQuery()
  to?: string;
}

/** `GET /v1/proposals/{id}/history`: a list, so it pages. */
export class ProposalHistoryQuery extends ListQuery {}

/** `GET /v1/proposals/{id}`: only the wait for the read models. */
export class ProposalQuery {
  @ApiPropertyOptional({ description: 'Wait until the read models include this log position (as a command answered).' })
  @IsOptional()
  @IsString()
  minPosition?: string;
}
