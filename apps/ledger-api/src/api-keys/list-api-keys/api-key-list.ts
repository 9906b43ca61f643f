import { ApiProperty } from '@nestjs/swagger';
import type { ApiKeyRecord, KeyStatus } from '@ledger/api-keys';
import { ROLES, type Role } from '../principal.js';

export class ListedApiKey implements ApiKeyRecord {
  @ApiProperty() name!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String] }) bodyIds!: string[];
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status!: KeyStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'The actor who issued it, e.g. admin:bootstrap.' }) createdBy!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'To within LEDGER_KEY_SWEEP_INTERVAL on other instances.' }) lastUsedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) expiresAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) revocationReason!: string | null;
}

export class ApiKeyList {
  @ApiProperty({ type: [ListedApiKey] }) items!: ListedApiKey[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: every key is in one answer.' }) nextCursor!: null;
}
