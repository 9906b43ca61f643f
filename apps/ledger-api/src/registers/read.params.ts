import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { IsLedgerDateInQuery } from '../validation/ledger-validators.js';

/** The query of a read of one thing: only `minPosition` (handled by the global interceptor). */
export class ReadParams {
  @ApiPropertyOptional({ description: 'Wait until the read models include this log position (as a command answered).' })
  @IsOptional()
  @IsString()
  minPosition?: string;
}

/** A read of one thing as it stood at a valid time. */
export class ReadAtParams extends ReadParams {
  @ApiPropertyOptional({
    description: 'A date (00:00 Europe/London) or an ISO 8601 instant with an offset, such as an instant the API answered (2017-05-16T00:00:00%2B01:00, the + encoded); now when absent.',
    example: '2023-01-01',
  })
  @IsOptional()
  @IsLedgerDateInQuery()
  at?: string;
}
