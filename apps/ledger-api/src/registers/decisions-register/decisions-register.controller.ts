import { Controller, Get, Query as QueryParams, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Page, RatificationView } from '@ledger/read-models';
import { PublicRead } from '../../api-keys/access.decorator.js';
import type { AuthenticatedRequest } from '../../api-keys/api-key.guard.js';
import { seesExemptDetail } from '../../api-keys/principal.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { BodyDecisionsQuery } from './body-decisions.query-params.js';
import { decisionFilterOf } from './decision-filter.params.js';
import { GetBodyDecisions } from './body-decisions.query.js';
import { AnswersWith } from '../../openapi/answers-with.decorator.js';

@ApiTags('bodies')
@Controller('v1/bodies')
export class DecisionsRegisterController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/decisions')
  @PublicRead()
  @ApiOperation({
    summary:
      'The body’s decisions register: every ratification it (or a post of that id) made, newest first, `from`/`to` bounding the decision date. `Accept: text/csv` for CSV. ' +
      'For exempt proposals, anonymous and integration callers see `conditions` and meeting detail as `"[exempt: Schedule 12A paragraph N]"`.',
  })
  @ApiParam({ name: 'id', description: 'A body (or post) id.', example: 'wokingham-health-and-wellbeing-board' })
  @ApiProduces('application/json', 'text/csv')
  @AnswersWith('BodyDecisionList', '{ items: [ratification, as in GET /v1/ratifications], nextCursor }')
  @ApiBadRequestResponse({ description: 'validation_failed: a date, limit or cursor that is not valid.' })
  @ApiNotFoundResponse({ description: 'not_found: an id that cannot name a body.' })
  list(@SlugParam('id', 'body') bodyId: string, @QueryParams() query: BodyDecisionsQuery, @Req() request: AuthenticatedRequest): Promise<Page<RatificationView>> {
    return this.queries.execute(
      new GetBodyDecisions(bodyId, decisionFilterOf(query), seesExemptDetail(request.principal)),
    );
  }
}
