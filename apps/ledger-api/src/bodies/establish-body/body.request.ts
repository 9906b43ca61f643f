import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { BODY_KINDS, type BodyKind } from '@ledger/governance';
import { IsLedgerDate, IsSlug } from '../../validation/ledger-validators.js';

export class BodyRequest {
  @ApiProperty({ example: 'wiltshire-cabinet' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'Wiltshire Council Cabinet' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: BODY_KINDS })
  @IsIn(BODY_KINDS)
  kind!: BodyKind;

  @ApiPropertyOptional({ example: 'wiltshire-council', description: 'The organisation it decides for; a governing-body must name it.' })
  @IsOptional()
  @IsSlug()
  organisationId?: string;

  @ApiPropertyOptional({ type: [String], example: ['wiltshire-council', 'bsw-icb'], description: 'For joint committees and partnership boards: the member organisations.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsSlug({ each: true })
  memberOrganisationIds?: string[];

  @ApiProperty({ example: '2022-07-01' })
  @IsLedgerDate()
  establishedOn!: string;

  @ApiPropertyOptional({ description: 'Its terms of reference, or where to find them.' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  termsOfReference?: string;
}
