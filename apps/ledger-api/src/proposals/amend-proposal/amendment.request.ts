import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsLedgerDate, IsPence, IsScopeList } from '../../validation/ledger-validators.js';
import { happenedOn } from '../dated-records.js';
import { RouteStepRequest } from '../table-proposal/route-step.request.js';

export class AmendmentRequest {
  @ApiProperty({ example: '2017-11-01', description: happenedOn('the proposal was amended') })
  @IsLedgerDate()
  amendedOn!: string;

  @ApiProperty({ example: 'The GP Alliance asked for the risk share to be stated' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null clears it.' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(50_000)
  summary?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsScopeList()
  scopes?: string[];

  @ApiPropertyOptional({ nullable: true, description: 'Integer pence; null clears it.' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsPence()
  valuePence?: number | null;

  @ApiPropertyOptional({ type: [RouteStepRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RouteStepRequest)
  route?: RouteStepRequest[];
}
