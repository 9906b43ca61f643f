import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class EventsQuery {
  @ApiPropertyOptional({ description: 'Events after this log position; the start of the log when absent.' })
  @IsOptional()
  @IsString()
  fromPosition?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, default: 500, description: 'Events per page (JSON); NDJSON streams to the head of the log.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  minPosition?: string;
}
