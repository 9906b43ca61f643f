import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsLedgerDate } from '../../validation/ledger-validators.js';

export class RotationRequest {
  @ApiPropertyOptional({
    example: '2026-12-12T00:00:00Z',
    description: 'Until when the name’s keys until now keep working, for the holder to change over (at most 90 days); default 7 days from now.',
  })
  @IsOptional()
  @IsLedgerDate()
  oldKeysExpireAt?: string;

  @ApiPropertyOptional({ description: 'When the new key stops working on its own; leave out for a key that works until revoked.' })
  @IsOptional()
  @IsLedgerDate()
  expiresAt?: string;
}
