import { Controller, Get, Query as QueryParams, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { HistoryEntry, Page, ProposalListItem, ProposalView } from '@ledger/read-models';
import { PublicRead } from '../../api-keys/access.decorator.js';
import type { AuthenticatedRequest } from '../../api-keys/api-key.guard.js';
import { seesExemptDetail } from '../../api-keys/principal.js';
import { SlugParam } from '../../validation/slug-param.pipe.js';
import { ProposalHistoryQuery, ProposalQuery, ProposalsQuery } from './proposals.query-params.js';
import { GetProposal, GetProposalHistory, ListProposalRegister } from './proposal-register.queries.js';
import { AnswersWith } from '../../openapi/answers-with.decorator.js';

const EXEMPT_NOTE =
  'For an exempt proposal, anonymous and integration callers see `summary`, `conditions`, meeting detail and `exempt.reason` as `"[exempt: Schedule 12A paragraph N]"`.';

@ApiTags('proposals')
@Controller('v1/proposals')
export class ProposalRegisterController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @PublicRead()
  @ApiOperation({ summary: `The register of proposals, most recently tabled first. \`Accept: text/csv\` for CSV. ${EXEMPT_NOTE}` })
  @ApiProduces('application/json', 'text/csv')
  @AnswersWith('ProposalList', '{ items: [{id, version, status, title, summary, scopes, valuePence, keyDecision, exempt, proposedById, tabledOn, withdrawnOn, organisationIds, position}], nextCursor }')
  @ApiBadRequestResponse({ description: 'validation_failed: a filter, limit or cursor that is not valid.' })
  list(@QueryParams() query: ProposalsQuery, @Req() request: AuthenticatedRequest): Promise<Page<ProposalListItem>> {
    return this.queries.execute(
      new ListProposalRegister(
        { status: query.status, organisationId: query.organisationId, scope: query.scope, from: query.from, to: query.to, limit: query.limit, cursor: query.cursor },
        seesExemptDetail(request.principal),
      ),
    );
  }

  @Get(':id')
  @PublicRead()
  @ApiOperation({ summary: `A proposal: its current version, its route with the decision that stands for each step, every version and every ratification. ${EXEMPT_NOTE}` })
  @ApiParam({ name: 'id', example: 'wokingham-enhanced-s75-partnership' })
  @AnswersWith('ProposalDetail', '{id, version, status, title, summary, …, route: [{stepIndex, organisationId, bodyId, requirement, decision}], versions, ratifications, position}. ' +
      'Each decision (on the route and among the ratifications) carries `authorityNow`: whether its recorded authority still holds on what the ledger knows now, as in GET /v1/ratifications.')
  @ApiNotFoundResponse({ description: 'not_found: no such proposal.' })
  get(@SlugParam('id', 'proposal') proposalId: string, @QueryParams() _query: ProposalQuery, @Req() request: AuthenticatedRequest): Promise<ProposalView> {
    return this.queries.execute(new GetProposal(proposalId, seesExemptDetail(request.principal)));
  }

  @Get(':id/history')
  @PublicRead()
  @ApiOperation({ summary: `Every event of the proposal in order, each with position, type, recordedAt, actor, data and a line of English. \`Accept: text/csv\` for CSV. ${EXEMPT_NOTE}` })
  @ApiParam({ name: 'id', example: 'wokingham-enhanced-s75-partnership' })
  @ApiProduces('application/json', 'text/csv')
  @AnswersWith('ProposalHistory', '{ items: [{proposalId, position, streamVersion, type, recordedAt, actor, data, summary, exemptParagraph}], nextCursor }')
  @ApiNotFoundResponse({ description: 'not_found: no such proposal.' })
  @ApiBadRequestResponse({ description: 'validation_failed: a limit or cursor that is not valid.' })
  history(@SlugParam('id', 'proposal') proposalId: string, @QueryParams() query: ProposalHistoryQuery, @Req() request: AuthenticatedRequest): Promise<Page<HistoryEntry>> {
    return this.queries.execute(new GetProposalHistory(proposalId, { limit: query.limit, cursor: query.cursor }, seesExemptDetail(request.principal)));
  }
}
