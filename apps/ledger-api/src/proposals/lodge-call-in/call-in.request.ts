import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { CALL_IN_OUTCOMES, type CallInOutcome } from '@ledger/governance';
import { IsLedgerDate, IsSlug } from '../../validation/ledger-validators.js';
import { happenedOn } from '../dated-records.js';

export class CallInRequest {
  @ApiProperty({ example: 'wirral-jscb-call-in-1' })
  @IsSlug()
  callInId!: string;

  @ApiProperty({ example: 'wirral-cabinet-2017-11-27' })
  @IsSlug()
  ratificationId!: string;

  @ApiProperty({ example: 'wirral-adult-care-and-health-overview-and-scrutiny' })
  @IsSlug()
  scrutinyBodyId!: string;

  @ApiProperty({ example: '2017-12-01', description: happenedOn('the call-in was lodged') })
  @IsLedgerDate()
  lodgedOn!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  reason!: string;
}

export class CallInResolutionRequest {
  @ApiProperty({ example: '2017-12-12', description: happenedOn('the call-in was resolved') })
  @IsLedgerDate()
  resolvedOn!: string;

  @ApiProperty({ enum: CALL_IN_OUTCOMES })
  @IsIn(CALL_IN_OUTCOMES)
  outcome!: CallInOutcome;
}
