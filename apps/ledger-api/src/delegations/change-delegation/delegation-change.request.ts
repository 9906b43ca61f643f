import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsLedgerDate, IsPence, IsScopeList } from '../../validation/ledger-validators.js';

/** A suspension, reinstatement or revocation: from when, and why. */
export class DelegationChangeRequest {
  @ApiProperty({ example: '2021-04-01' })
  @IsLedgerDate()
  effectiveFrom!: string;

  @ApiProperty({ example: 'Scheme of delegation revised by Full Council' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason!: string;
}

/** A variation: new terms from a date; an absent term is unchanged, `null` removes a limit or an end date. */
export class DelegationVariationRequest extends DelegationChangeRequest {
  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((_, value) => value !== undefined) // absent: unchanged; null is no set of scopes
  @IsScopeList()
  scopes?: string[];

  @ApiPropertyOptional({ nullable: true, description: 'Integer pence; null removes the limit.' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsPence()
  limitPence?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'null removes the end date.' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsLedgerDate()
  effectiveUntil?: string | null;

  @ApiPropertyOptional()
  @ValidateIf((_, value) => value !== undefined) // absent: unchanged; null is neither yes nor no
  @IsBoolean()
  mayRedelegate?: boolean;
}
