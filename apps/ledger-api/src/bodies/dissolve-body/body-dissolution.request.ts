import { ApiProperty } from '@nestjs/swagger';
import { IsLedgerDate } from '../../validation/ledger-validators.js';

export class BodyDissolutionRequest {
  @ApiProperty({ example: '2022-06-30', description: 'The body no longer exists from this instant.' })
  @IsLedgerDate()
  dissolvedOn!: string;
}
