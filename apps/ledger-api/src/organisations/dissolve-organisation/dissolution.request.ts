import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsLedgerDate, IsSlug } from '../../validation/ledger-validators.js';

export class DissolutionRequest {
  @ApiProperty({ example: '2022-07-01', description: 'The organisation no longer exists from this instant.' })
  @IsLedgerDate()
  dissolvedOn!: string;

  @ApiPropertyOptional({ example: 'bsw-icb' })
  @IsOptional()
  @IsSlug()
  successorId?: string;

  @ApiProperty({ description: 'Whether the delegations it granted pass to the successor (true) or lapse (false).' })
  @IsBoolean()
  transferDelegations!: boolean;
}
