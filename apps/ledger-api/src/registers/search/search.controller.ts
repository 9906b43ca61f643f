import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SearchResults } from '@ledger/read-models';
import { PublicRead } from '../../api-keys/access.decorator.js';
import { SearchLedger } from './search-ledger.query.js';
import { SearchParams } from './search.params.js';
import { AnswersWith } from '../../openapi/answers-with.decorator.js';

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @PublicRead()
  @ApiOperation({ summary: 'Organisations and bodies by words in their name or id, proposals by words in their current title or id (every word must appear; at most 20 of each). An addition to API.md.' })
  @AnswersWith('SearchAnswer', '{ organisations: [{id, name, kind}], bodies: [{id, name, kind}], proposals: [{id, title, status, tabledOn}] }')
  search(@QueryParams() query: SearchParams): Promise<SearchResults> {
    return this.queries.execute(new SearchLedger(query.q));
  }
}
