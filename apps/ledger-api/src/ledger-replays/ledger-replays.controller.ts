import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DATABASE, type Database, type LogPosition } from '@ledger/event-store';
import type { KnownAt } from '@ledger/facts';
import { InvalidCommandError, parseInstant } from '@ledger/governance';
import { keptReplays, newReplaySchema, READ_MODEL_PROJECTIONS, replayOf, replayReadModels, type KeptReplay } from '@ledger/read-models';
import { SealedLog } from '@ledger/verifiable-log';
import { Allow } from '../api-keys/access.decorator.js';
import { AS_KNOWN_AT_HEADER } from '../read-models/as-known-at.interceptor.js';
import { ReplayRequest } from './replay.request.js';
import { AnswersWith, CreatesWith } from '../openapi/answers-with.decorator.js';
import type { BuiltReplayAnswer, ReplayAnswer, ReplayList } from '../openapi/read-answers.js';

/**
 * Replays of the read models as the ledger stood at a past moment, built by the running ledger
 * itself — the way to have one on the embedded store, which serves one process — and the ones it
 * keeps. Reads with `X-Ledger-As-Known-At` are served from them.
 */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller('v1/ledger/replays')
export class LedgerReplaysController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly log: SealedLog,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('auditor')
  @ApiOperation({
    summary:
      'Builds the read models as the ledger stood at a past moment — what it had recorded by `asKnownAt`, or up to `untilPosition` — into a schema of their own, ' +
      'from the sealed log. A moment already replayed answers that replay (200) and builds nothing. Read it with the header `X-Ledger-As-Known-At: <asKnownAt>`.',
  })
  @CreatesWith('BuiltReplayAnswer', '{schema, asKnownAt, untilPosition, events, createdAt, seconds, readWith}')
  @AnswersWith('ReplayAnswer', 'The replay of that moment already kept: {schema, asKnownAt, untilPosition, events, createdAt, readWith}')
  @ApiBadRequestResponse({ description: 'validation_failed: neither or both of asKnownAt and untilPosition, or one that is not valid.' })
  async replay(@Body() request: ReplayRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReplayAnswer | BuiltReplayAnswer> {
    if ((request.asKnownAt === undefined) === (request.untilPosition === undefined)) {
      throw new InvalidCommandError('Give exactly one of asKnownAt and untilPosition.', request.asKnownAt === undefined ? 'asKnownAt' : 'untilPosition');
    }
    const knownAt: KnownAt = request.asKnownAt !== undefined ? { asKnownAt: parseInstant(request.asKnownAt)! } : { untilPosition: request.untilPosition as LogPosition };
    const kept = await replayOf(this.database, knownAt);
    if (kept) {
      void reply.status(200);
      return readable(kept);
    }
    const schema = await newReplaySchema(this.database);
    const result = await replayReadModels(this.log, this.database, READ_MODEL_PROJECTIONS, schema, knownAt);
    return { ...readable((await replayOf(this.database, knownAt))!), seconds: result.seconds };
  }

  @Get()
  @Allow('auditor')
  @ApiOperation({ summary: 'The replays the ledger keeps, newest first.' })
  @AnswersWith('ReplayList', '{ items: [{schema, asKnownAt, untilPosition, events, createdAt, readWith}] }')
  async list(): Promise<ReplayList> {
    return { items: (await keptReplays(this.database)).map(readable) };
  }
}

/** A replay with how to read from it. */
function readable(replay: KeptReplay): ReplayAnswer {
  return { ...replay, readWith: replay.asKnownAt === null ? null : { header: AS_KNOWN_AT_HEADER, value: replay.asKnownAt } };
}
