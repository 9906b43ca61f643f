import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ROUTE_REQUIREMENTS, type RouteRequirement } from '@ledger/governance';
import { IsPence, IsScopeList, IsSlug } from '../../validation/ledger-validators.js';

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

  @ApiPropertyOptional({
    type: [String],
    example: ['primary-care'],
    description: "Approve steps only: the proposal's scopes this organisation decides, when not all of them (partners hold different functions). Authority is checked over these.",
  })
  @IsOptional()
  @IsScopeList()
  scopes?: string[];

  @ApiPropertyOptional({
    description: "Approve steps only: this organisation's share of the proposal's value, in pence (Wirral's pooled fund: council £73.9m of £592.9m). Authority is checked for it.",
    example: 7_390_000_000,
  })
  @IsOptional()
  @IsPence()
  valuePence?: number;
}
