import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsLedgerDate } from '../../validation/ledger-validators.js';

export class MembershipEndRequest {
  @ApiProperty({ example: '2023-07-01', description: 'Exclusive: the member no longer sits from this instant.' })
  @IsLedgerDate()
  endDate!: string;

  @ApiPropertyOptional({ example: 'Chair rotates to the ICB' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}
