import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsLedgerDate } from '../../validation/ledger-validators.js';
import { happenedOn } from '../dated-records.js';

export class WithdrawalRequest {
  @ApiProperty({ example: '2018-03-01', description: happenedOn('the proposal was withdrawn') })
  @IsLedgerDate()
  withdrawnOn!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason!: string;
}
