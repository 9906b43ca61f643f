import { Controller, Get, Query as QueryParams, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Page, RatificationView, WithAuthorityNow } from '@ledger/read-models';
import { PublicRead } from '../../api-keys/access.decorator.js';
import type { AuthenticatedRequest } from '../../api-keys/api-key.guard.js';
import { seesExemptDetail } from '../../api-keys/principal.js';
import { ListRatificationRegister } from './list-ratifications.query.js';
import { RatificationsQuery } from './ratifications.query-params.js';
import { AnswersWith } from '../../openapi/answers-with.decorator.js';

@ApiTags('proposals')
@Controller('v1/ratifications')
export class RatificationRegisterController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @PublicRead()
  @ApiOperation({
    summary:
      'Who approved what, newest decision first, each with its statutory record, what became of it and the authority basis recorded with it. ' +
      '`authority=lapsed` lists those whose authority no longer holds on what the ledger knows now. `Accept: text/csv` for CSV. ' +
      'For exempt proposals, anonymous and integration callers see `conditions` and meeting detail as `"[exempt: Schedule 12A paragraph N]"`.',
  })
  @ApiProduces('application/json', 'text/csv')
  @AnswersWith('RatificationList', '{ items: [{id, proposalId, proposalTitle, exemptParagraph, version, stepIndex, requirement, organisationId, deciderId, deciderKind, outcome, decidedOn, reasons, ' +
      'alternativesConsidered, meeting, conditions, conflictsOfInterest, decidedByPerson, callInUntil, counts, rescinded, rescission, setAside, callIns, status, pendingCallIn, ' +
      'implementableFrom, authority, position, recordedAt, authorityNow: {holds, reasons, since: {position, recordedAt, streamId, streamVersion, type} | null} | null}], nextCursor. ' +
      '`authorityNow` asks the recorded authority question again on what the ledger knows now: null for a decision that needed no authority; `since` names the event on whose recording it lapsed.')
  @ApiBadRequestResponse({ description: 'validation_failed: a filter, limit or cursor that is not valid.' })
  list(@QueryParams() query: RatificationsQuery, @Req() request: AuthenticatedRequest): Promise<Page<WithAuthorityNow<RatificationView>>> {
    return this.queries.execute(
      new ListRatificationRegister(
        {
          organisationId: query.organisationId,
          deciderId: query.deciderId,
          outcome: query.outcome,
          callIn: query.callIn,
          keyDecision: query.keyDecision,
          from: query.from,
          to: query.to,
          limit: query.limit,
          cursor: query.cursor,
        },
        query.authority,
        seesExemptDetail(request.principal),
      ),
    );
  }
}
