import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ROUTE_REQUIREMENTS, type RouteRequirement } from '@ledger/governance';
import { IsSlug } from '../../validation/ledger-validators.js';

export class RouteStepRequest {
  @ApiPropertyOptional({ example: 'wokingham-borough-council', description: 'The organisation whose decision the step asks for.' })
  @IsOptional()
  @IsSlug()
  organisationId?: string;

  @ApiPropertyOptional({ example: 'wokingham-health-and-wellbeing-board', description: 'The body (or, on approve steps, the post) that must take the step.' })
  @IsOptional()
  @IsSlug()
  bodyId?: string;

  @ApiProperty({ enum: ROUTE_REQUIREMENTS })
  @IsIn(ROUTE_REQUIREMENTS)
  requirement!: RouteRequirement;
}
