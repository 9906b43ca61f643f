import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsLedgerDate } from '../../validation/ledger-validators.js';
import { happenedOn } from '../dated-records.js';

export class RescissionRequest {
  @ApiProperty({ example: '2018-01-10', description: happenedOn('the decision was rescinded') })
  @IsLedgerDate()
  rescindedOn!: string;

  @ApiProperty({ example: 'Recorded against the wrong version of the agreement' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason!: string;
}
