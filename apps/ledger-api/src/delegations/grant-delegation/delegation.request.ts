import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsLedgerDate, IsPence, IsScopeList, IsSlug } from '../../validation/ledger-validators.js';

export class InstrumentRequest {
  @ApiProperty({ example: "Leader's Scheme of Delegation, Part 3 of the Constitution" })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  title!: string;

  @ApiPropertyOptional({ example: 'Part 3, section 3.4' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reference?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ require_protocol: true })
  @MaxLength(2000)
  url?: string;
}

export class DelegationRequest {
  @ApiProperty({ example: 'cabinet-to-dass' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'wiltshire-council', description: 'The organisation on whose behalf authority is delegated (its scheme of delegation).' })
  @IsSlug()
  organisationId!: string;

  @ApiProperty({ example: 'wiltshire-cabinet', description: 'The body or post delegating.' })
  @IsSlug()
  fromId!: string;

  @ApiProperty({ example: 'wiltshire-director-adult-social-services', description: 'The body or post receiving the authority.' })
  @IsSlug()
  toId!: string;

  @ApiProperty({ type: [String], example: ['adult-social-care'] })
  @IsScopeList()
  scopes!: string[];

  @ApiPropertyOptional({ description: 'Integer pence; absent means no financial limit.', example: 100_000_000 })
  @IsOptional()
  @IsPence()
  limitPence?: number;

  @ApiProperty({ example: '2021-04-01' })
  @IsLedgerDate()
  effectiveFrom!: string;

  @ApiPropertyOptional({ description: 'Exclusive.' })
  @IsOptional()
  @IsLedgerDate()
  effectiveUntil?: string;

  @ApiProperty({ description: 'Whether the delegate may delegate further.' })
  @IsBoolean()
  mayRedelegate!: boolean;

  @ApiProperty({ type: InstrumentRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => InstrumentRequest)
  instrument!: InstrumentRequest;

  @ApiPropertyOptional({ example: 'wiltshire-alliance-mou' })
  @IsOptional()
  @IsSlug()
  authorisedByProposalId?: string;
}
