import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class RevocationRequest {
  @ApiProperty({ example: 'The integration was retired on 30 November 2026.', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'Revoke only this key of the name (after a rotation, the old one); leave out to revoke every key of the name.', example: 'k3v9x2m4q8w1z7p5' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9]{16}$/, { message: 'keyId must be the 16 letters and digits the key was issued with' })
  keyId?: string;
}

export class RevocationAnswer {
  @ApiProperty({ description: 'The key’s name.' }) id!: string;
  @ApiProperty({ type: [String], description: 'The key ids revoked.' }) revoked!: string[];
  @ApiProperty({ example: '7421:1050' }) position!: string;
}
