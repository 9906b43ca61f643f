import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BodySummaryView, BodyView, Page } from '@ledger/read-models';
import { PublicRead } from '../../api-keys/access.decorator.js';
import { ReadAtParams } from '../read.params.js';
import { BodiesParams } from './bodies.params.js';
import { GetBodies } from './get-bodies.query.js';
import { GetBody } from './get-body.query.js';
import { AnswersWith } from '../../openapi/answers-with.decorator.js';

@ApiTags('bodies')
@Controller('v1/bodies')
export class BodyRegisterController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @PublicRead()
  @ApiOperation({ summary: 'Every body, by id, optionally of one organisation (own, host or member) and of one kind. `Accept: text/csv` for CSV.' })
  @AnswersWith('BodyList', '{ items: [{id, name, kind, organisationId, memberOrganisationIds, establishedOn, dissolvedOn}], nextCursor }')
  list(@QueryParams() query: BodiesParams): Promise<Page<BodySummaryView>> {
    return this.queries.execute(new GetBodies({ organisationId: query.organisationId, kind: query.kind, limit: query.limit, cursor: query.cursor }));
  }

  @Get(':id')
  @PublicRead()
  @ApiOperation({ summary: 'A body with who sat on it at `at` (default now), the organisations it governs, and every membership.' })
  @AnswersWith('BodyAnswer', '{id, name, kind, organisationId, memberOrganisationIds, establishedOn, dissolvedOn, termsOfReference, governs, at, members, history}')
  @ApiNotFoundResponse({ description: 'No such body (not_found).' })
  one(@Param('id') id: string, @QueryParams() query: ReadAtParams): Promise<BodyView> {
    return this.queries.execute(new GetBody(id, query.at));
  }
}
