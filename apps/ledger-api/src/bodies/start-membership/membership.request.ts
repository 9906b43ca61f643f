import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsLedgerDate, IsSlug } from '../../validation/ledger-validators.js';

export class MembershipRequest {
  @ApiProperty({ example: 'chair-2022', description: 'Chosen by the client; unique within the body.' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'membershipId must be lower-case letters, digits and dashes' })
  membershipId!: string;

  @ApiPropertyOptional({ example: 'Cllr Richard Clewer', description: 'A person sitting on the body (or give memberOrganisationId).' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  memberName?: string;

  @ApiPropertyOptional({ example: 'bsw-icb', description: 'An organisation sitting on the body (a joint committee member).' })
  @IsOptional()
  @IsSlug()
  memberOrganisationId?: string;

  @ApiProperty({ example: 'chair' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  role!: string;

  @ApiPropertyOptional({ example: 'wiltshire-council', description: 'Whom the member represents, e.g. a partner member of an ICB board.' })
  @IsOptional()
  @IsSlug()
  onBehalfOfOrganisationId?: string;

  @ApiProperty({ example: '2022-07-01' })
  @IsLedgerDate()
  startDate!: string;

  @ApiPropertyOptional({ example: '2023-07-01', description: 'Exclusive.' })
  @IsOptional()
  @IsLedgerDate()
  endDate?: string;
}
