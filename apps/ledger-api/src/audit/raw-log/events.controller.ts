import { Readable } from 'node:stream';
import { Controller, Get, Headers, Inject, Query as QueryParams, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, isLogPosition, LOG_START, type EventStore, type LogPosition, type StoredEvent } from '@ledger/event-store';
import { InvalidCommandError } from '@ledger/governance';
import { Allow } from '../../api-keys/access.decorator.js';
import { EventsQuery } from './events.query.js';

const NDJSON = 'application/x-ndjson';

/** The raw log for auditors, in commit-safe order: a page of JSON, or NDJSON streamed to the head. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/events')
export class EventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Allow('auditor')
  @ApiOperation({ summary: 'The raw log (auditors). `Accept: application/x-ndjson` streams every event after fromPosition, one per line.' })
  @ApiOkResponse({ description: '{ items: [event envelope], nextPosition }' })
  async list(@QueryParams() query: EventsQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    if (query.fromPosition !== undefined && !isLogPosition(query.fromPosition)) {
      throw new InvalidCommandError('fromPosition must be a log position ("<transactionId>:<sequence>").', 'fromPosition');
    }
    const after = (query.fromPosition as LogPosition | undefined) ?? LOG_START;
    if (accept?.includes(NDJSON)) {
      void reply.header('Content-Type', NDJSON);
      return Readable.from(this.lines(after));
    }
    const items = await this.store.readLog({ after, limit: query.limit ?? 500 });
    return { items, nextPosition: items.length > 0 ? items[items.length - 1].position : null };
  }

  /** Every event from `after` to the head of the log as it stands when the stream began. */
  private async *lines(after: LogPosition): AsyncGenerator<string> {
    let position = after;
    for (;;) {
      const page: StoredEvent[] = await this.store.readLog({ after: position, limit: 1_000 });
      if (page.length === 0) return;
      yield page.map((event) => JSON.stringify(event)).join('\n') + '\n';
      position = page[page.length - 1].position;
    }
  }
}
