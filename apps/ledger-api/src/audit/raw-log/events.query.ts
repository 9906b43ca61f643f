import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { ListQuery } from '../../lists/list.query.js';

/** `GET /v1/events`: the list conventions (`limit` 50 by default, at most 500; `cursor`), and where to start. */
export class EventsQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Events after this log position (exclusive: pass the last position you hold); the start of the log when absent.' })
  @IsOptional()
  @IsString()
  fromPosition?: string;
}
