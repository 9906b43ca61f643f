import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseInstant } from '@ledger/governance';
import type { DelegationDetail, DelegationView, Page } from '@ledger/read-models';
import { PublicRead } from '../../api-keys/access.decorator.js';
import { ReadParams } from '../read.params.js';
import { DelegationsParams } from './delegations.params.js';
import { GetDelegation } from './get-delegation.query.js';
import { GetDelegations } from './get-delegations.query.js';
import { AnswersWith } from '../../openapi/answers-with.decorator.js';

@ApiTags('delegations')
@Controller('v1/delegations')
export class DelegationRegisterController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @PublicRead()
  @ApiOperation({
    summary: 'Delegations by the date they took effect, then id; with `at`, only those in force then, with their terms as at it. `Accept: text/csv` for CSV.',
  })
  @AnswersWith('DelegationList', '{ items: [{delegationId, organisationId, fromId, toId, scopes, limitPence, effectiveFrom, effectiveUntil, mayRedelegate, termsAt, standing, instrument, authorisedByProposalId, grantRecordedAt, revocationRecordedAt}], nextCursor }')
  list(@QueryParams() query: DelegationsParams): Promise<Page<DelegationView>> {
    return this.queries.execute(
      new GetDelegations({
        organisationId: query.organisationId,
        fromId: query.fromId,
        toId: query.toId,
        at: query.at === undefined ? undefined : parseInstant(query.at),
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  }

  @Get(':id')
  @PublicRead()
  @ApiOperation({ summary: 'A delegation with its full history, in the order recorded, on both time axes.' })
  @AnswersWith('DelegationAnswer', 'The delegation as listed, with history: [{position, streamVersion, recordedAt, actor, type, effectiveFrom, reason, changes, now, asRecorded}]')
  @ApiNotFoundResponse({ description: 'No such delegation (not_found).' })
  one(@Param('id') id: string, @QueryParams() _query: ReadParams): Promise<DelegationDetail> {
    return this.queries.execute(new GetDelegation(id));
  }
}
