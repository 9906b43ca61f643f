import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthorityAnswer, HolderAuthority } from '@ledger/governance';
import { PublicRead } from '../../api-keys/access.decorator.js';
import { AuthorityCheckParams, HolderAuthorityParams } from './authority.params.js';
import { CheckAuthority } from './check-authority.query.js';
import { GetHolderAuthority } from './get-holder-authority.query.js';
import { AnswersWith } from '../../openapi/answers-with.decorator.js';

@ApiTags('authority')
@Controller('v1/authority')
export class AuthorityRegisterController {
  constructor(private readonly queries: QueryBus) {}

  @Get('check')
  @PublicRead()
  @ApiOperation({
    summary:
      'Whether the holder may decide the scopes (and amount) for the organisation at `at` (default now), judged exactly as the write side judges a ratification.',
  })
  @AnswersWith('AuthorityCheckAnswer', '{allowed, chains: [[{delegationId, fromId, toId, scopes, limitPence, effectiveFrom, effectiveUntil}]], reasons: [string]}')
  check(@QueryParams() query: AuthorityCheckParams): Promise<AuthorityAnswer> {
    return this.queries.execute(
      new CheckAuthority({
        holderId: query.holderId,
        organisationId: query.organisationId,
        scopes: query.scopes,
        amountPence: query.amountPence === undefined ? null : Number(query.amountPence),
        at: query.at,
      }),
    );
  }

  @Get()
  @PublicRead()
  @ApiOperation({ summary: 'Every scope the holder may decide at `at` (default now), per organisation, with its limit and chain.' })
  @AnswersWith('HolderAuthorityAnswer', '{holderId, at, organisations: [{organisationId, governingBody, scopes: [{scope, limitPence, chain}]}]}')
  ofHolder(@QueryParams() query: HolderAuthorityParams): Promise<HolderAuthority> {
    return this.queries.execute(new GetHolderAuthority({ holderId: query.holderId, at: query.at }));
  }
}
