import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsLedgerDate } from '../../validation/ledger-validators.js';

export class PostHolderRequest {
  @ApiProperty({ example: 'Matt Pope' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  personName!: string;

  @ApiProperty({ example: '2016-09-01' })
  @IsLedgerDate()
  startDate!: string;

  @ApiPropertyOptional({ description: 'Exclusive.' })
  @IsOptional()
  @IsLedgerDate()
  endDate?: string;
}
