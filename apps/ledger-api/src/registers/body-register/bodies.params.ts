import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BODY_KINDS, type BodyKind } from '@ledger/governance';
import { ListQuery } from '../../lists/list.query.js';
import { IsSlug } from '../../validation/ledger-validators.js';

/** `GET /v1/bodies?organisationId&kind`. */
export class BodiesParams extends ListQuery {
  @ApiPropertyOptional({ example: 'wiltshire-council', description: 'Bodies naming the organisation as their own or host, or as a member organisation.' })
  @IsOptional()
  @IsSlug()
  organisationId?: string;

  @ApiPropertyOptional({ enum: BODY_KINDS })
  @IsOptional()
  @IsIn(BODY_KINDS)
  kind?: BodyKind;
}
