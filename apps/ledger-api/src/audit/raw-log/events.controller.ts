import { Readable } from 'node:stream';
import { Controller, Get, Headers, Query as QueryParams, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { isLogPosition, LOG_START, type LogPosition, type StoredEvent } from '@ledger/event-store';
import { InvalidCommandError } from '@ledger/governance';
import { decodeCursor, InvalidCursorError, pageLimit, toPage } from '@ledger/read-models';
import { SealedLog } from '@ledger/verifiable-log';
import { Allow } from '../../api-keys/access.decorator.js';
import { AnswersAsStored } from '../../london-time/london-time.interceptor.js';
import { EventsQuery } from './events.query.js';
import { AnswersWith } from '../../openapi/answers-with.decorator.js';
import type { RawLogPage } from '../../openapi/read-answers.js';

const NDJSON = 'application/x-ndjson';

/**
 * The raw log for auditors, in commit-safe order: a page of JSON, or NDJSON streamed to the head.
 * It serves the sealed log — each event checked against its leaf, sealing what follows the seal
 * first — so it never hands out an event the seal does not explain; events as stored and hashed,
 * instants in UTC included (every other answer gives London time).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/events')
export class EventsController {
  constructor(private readonly log: SealedLog) {}

  @Get()
  @Allow('auditor')
  @AnswersAsStored()
  @ApiOperation({ summary: 'The raw log (auditors), events exactly as stored and hashed: their instants stay in UTC (`2017-05-15T23:00:00.000Z`). `Accept: application/x-ndjson` streams every event after fromPosition, one per line.' })
  @AnswersWith('RawLogPage', '{ items: [event envelope], nextCursor, nextPosition }')
  async list(@QueryParams() query: EventsQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<RawLogPage | Readable> {
    if (query.fromPosition !== undefined && !isLogPosition(query.fromPosition)) {
      throw new InvalidCommandError('fromPosition must be a log position ("<transactionId>:<sequence>").', 'fromPosition');
    }
    const after = query.cursor !== undefined ? positionOf(query.cursor) : ((query.fromPosition as LogPosition | undefined) ?? LOG_START);
    if (accept?.includes(NDJSON)) {
      void reply.header('Content-Type', NDJSON);
      return Readable.from(this.lines(after));
    }
    const limit = pageLimit(query.limit);
    const page = toPage(await this.log.readLog({ after, limit: limit + 1 }), limit, (event) => [event.position], (event) => event);
    // nextPosition: the last position of the page, to pass as fromPosition (kept beside nextCursor).
    return { ...page, nextPosition: page.items.length > 0 ? page.items[page.items.length - 1].position : null };
  }

  /** Every event from `after` to the head of the log as it stands when the stream began. */
  private async *lines(after: LogPosition): AsyncGenerator<string> {
    let position = after;
    for (;;) {
      const page: StoredEvent[] = await this.log.readLog({ after: position, limit: 1_000 });
      if (page.length === 0) return;
      yield page.map((event) => JSON.stringify(event)).join('\n') + '\n';
      position = page[page.length - 1].position;
    }
  }
}

/** The position a cursor of this list stands for. */
function positionOf(cursor: string): LogPosition {
  const [position] = decodeCursor(cursor, 1);
  if (typeof position !== 'string' || !isLogPosition(position)) throw new InvalidCursorError(cursor);
  return position;
}
