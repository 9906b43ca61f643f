import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ListQuery } from '../../lists/list.query.js';
import { IsLedgerDateInQuery, IsSlug } from '../../validation/ledger-validators.js';

/** `GET /v1/delegations?organisationId&fromId&toId&at`. */
export class DelegationsParams extends ListQuery {
  @ApiPropertyOptional({ example: 'wiltshire-council', description: 'Delegations of this organisation’s scheme.' })
  @IsOptional()
  @IsSlug()
  organisationId?: string;

  @ApiPropertyOptional({ example: 'wiltshire-cabinet', description: 'Given by this body or post.' })
  @IsOptional()
  @IsSlug()
  fromId?: string;

  @ApiPropertyOptional({ example: 'wiltshire-director-adult-social-services', description: 'Given to this body or post.' })
  @IsOptional()
  @IsSlug()
  toId?: string;

  @ApiPropertyOptional({ example: '2023-01-01', description: 'Only those in force then (valid time), with their terms as at it. A date (00:00 Europe/London) or an instant with an offset.' })
  @IsOptional()
  @IsLedgerDateInQuery()
  at?: string;
}
