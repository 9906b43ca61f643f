import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsSlug } from '../../validation/ledger-validators.js';

export class PostRequest {
  @ApiProperty({ example: 'wbc-director-adult-social-services' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'Director of Adult Social Services' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiProperty({ example: 'wokingham-borough-council' })
  @IsSlug()
  organisationId!: string;
}
