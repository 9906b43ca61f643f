import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsSlug } from '../../validation/ledger-validators.js';
import { ROLES, type Role } from '../principal.js';

export class ApiKeyRequest {
  @ApiProperty({ example: 'wiltshire-modern-gov', description: 'Names the key’s holder in every event it writes.' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'name must be letters, digits and "._-", starting with a letter or digit' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ type: [String], description: 'For integration keys: the bodies (or posts) it may post decisions, rescissions and call-ins for; each must be one the ledger knows, else 400 naming it.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(500)
  @IsSlug({ each: true })
  bodyIds?: string[];
}

export class IssuedApiKey {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String] }) bodyIds!: string[];
  @ApiProperty({ description: 'The key itself: shown this once, stored only as a hash.' }) key!: string;
}
