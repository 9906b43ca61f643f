import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsLedgerDate, IsPence, IsScopeList, IsSlug } from '../../validation/ledger-validators.js';
import { happenedOn } from '../dated-records.js';
import { RouteStepRequest } from './route-step.request.js';

export class ExemptRequest {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'Schedule 12A Local Government Act 1972, paragraph 1–7.' })
  @IsInt()
  @Min(1)
  @Max(7)
  paragraph!: 1 | 2 | 3 | 4 | 5 | 6 | 7;

  @ApiProperty({ example: 'Information relating to the financial or business affairs of any particular person' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class ProposalRequest {
  @ApiProperty({ example: 'wokingham-enhanced-s75' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'Enhanced Section 75 Partnership Agreement' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  summary?: string;

  @ApiProperty({ type: [String], example: ['adult-social-care', 'community-services'] })
  @IsScopeList()
  scopes!: string[];

  @ApiPropertyOptional({ description: 'Integer pence.', example: 59_290_000_000 })
  @IsOptional()
  @IsPence()
  valuePence?: number;

  @ApiProperty()
  @IsBoolean()
  keyDecision!: boolean;

  @ApiPropertyOptional({ type: ExemptRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExemptRequest)
  exempt?: ExemptRequest;

  @ApiProperty({ example: 'wokingham-integration-programme-board', description: 'The body or post that proposes it.' })
  @IsSlug()
  proposedById!: string;

  @ApiProperty({ type: [RouteStepRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RouteStepRequest)
  route!: RouteStepRequest[];

  @ApiProperty({ example: '2017-05-16', description: happenedOn('the proposal was tabled') })
  @IsLedgerDate()
  tabledOn!: string;
}
