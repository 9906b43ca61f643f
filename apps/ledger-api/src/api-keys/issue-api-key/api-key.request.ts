import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { API_KEY_PREFIX } from '@ledger/api-keys';
import { IsLedgerDate, IsSlug } from '../../validation/ledger-validators.js';
import { KEY_NAME } from '../key-name.param.js';
import { ROLES, type Role } from '../principal.js';

export class ApiKeyRequest {
  @ApiProperty({ example: 'wiltshire-modern-gov', maxLength: 100, pattern: KEY_NAME.source, description: 'Names the key’s holder in every event it writes. `anonymous`, `bootstrap`, `admin`, `system`, `ledger` and the like are reserved.' })
  @IsString()
  @Matches(KEY_NAME, { message: 'name must be letters, digits and "._-", starting with a letter or digit, at most 100 characters' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ type: [String], maxItems: 500, description: 'For integration keys: the bodies (or posts) it may post decisions, rescissions and call-ins for; each must be one the ledger knows, else 400 naming it.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(500)
  @IsSlug({ each: true })
  bodyIds?: string[];

  @ApiPropertyOptional({ example: '2027-12-31T23:59:59Z', description: 'When the key stops working on its own (a date means 00:00 Europe/London); leave out for a key that works until revoked.' })
  @IsOptional()
  @IsLedgerDate()
  expiresAt?: string;
}

export class IssuedApiKey {
  @ApiProperty({ description: 'The key’s name (as for every command, the id it concerns).' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Names this key among the name’s keys (in the log, the list, a revocation); public, and no use without the secret.', example: 'k3v9x2m4q8w1z7p5' }) keyId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String] }) bodyIds!: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) expiresAt!: string | null;
  @ApiProperty({ description: `The key itself, \`${API_KEY_PREFIX}<key id>_<secret>\`: shown this once, stored only as a hash.` }) key!: string;
  @ApiProperty({ description: 'The log position of the key’s ApiKeyIssued event.', example: '7421:1050' }) position!: string;
}
