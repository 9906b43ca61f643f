import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IsLedgerDate } from '../validation/ledger-validators.js';

/** `POST /v1/ledger/replays`: the moment to replay the read models as known at — exactly one of the two. */
export class ReplayRequest {
  @ApiPropertyOptional({ example: '2022-03-01', description: 'What the ledger had recorded by this instant (a date means 00:00 Europe/London).' })
  @IsOptional()
  @IsLedgerDate()
  asKnownAt?: string;

  @ApiPropertyOptional({ example: '1042:17', description: 'What the ledger held up to this log position.' })
  @IsOptional()
  @IsString()
  @Matches(/^(0|[1-9]\d{0,19}):(0|[1-9]\d{0,19})$/, { message: 'untilPosition must be a log position ("<transactionId>:<sequence>").' })
  untilPosition?: string;
}
