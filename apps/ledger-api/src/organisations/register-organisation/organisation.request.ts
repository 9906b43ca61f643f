import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ORGANISATION_KINDS, type OrganisationKind } from '@ledger/governance';
import { IsLedgerDate, IsScope, IsSlug } from '../../validation/ledger-validators.js';

export class OrganisationRequest {
  @ApiProperty({ example: 'wiltshire-council' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'Wiltshire Council' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ type: [String], example: ['adult-social-care', 'public-health', 'bcf'], description: 'The statutory functions it holds, as scopes.' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsScope({ each: true })
  functions!: string[];

  @ApiProperty({ example: '2009-04-01', description: 'A date (00:00 Europe/London) or an ISO 8601 instant with offset.' })
  @IsLedgerDate()
  establishedOn!: string;
}
