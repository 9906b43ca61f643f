import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ReadParams } from '../read.params.js';

/** `GET /v1/search?q`. */
export class SearchParams extends ReadParams {
  @ApiProperty({ description: 'Words, each of which must appear in the name, title or id.', example: 'wokingham section 75' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q!: string;
}
