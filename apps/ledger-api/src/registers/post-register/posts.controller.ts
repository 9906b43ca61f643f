import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PostView } from '@ledger/read-models';
import { PublicRead } from '../../api-keys/access.decorator.js';
import { ReadAtParams } from '../read.params.js';
import { GetPost } from './get-post.query.js';
import { AnswersWith } from '../../openapi/answers-with.decorator.js';

@ApiTags('posts')
@Controller('v1/posts')
export class PostRegisterController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @PublicRead()
  @ApiOperation({ summary: 'A post with who held it at `at` (default now) and every holding (an addition to API.md).' })
  @AnswersWith('PostAnswer', '{id, title, organisationId, at, holder: {personName, startDate, endDate, ended} | null, holders}')
  @ApiNotFoundResponse({ description: 'No such post (not_found).' })
  one(@Param('id') id: string, @QueryParams() query: ReadAtParams): Promise<PostView> {
    return this.queries.execute(new GetPost(id, query.at));
  }
}
