import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, LOG_START, VersionConflictError, type EventStore, type LogPosition } from '@ledger/event-store';
import type { Decider, DomainEvent } from '@ledger/governance';
import type { CommandContext } from './command-context.js';
import { eventIdFor } from './event-ids.js';

/** A stream folded to its latest version. */
export interface FoldedStream<State> {
  streamId: string;
  state: State;
  version: number;
  /** The log position of the stream's last event; `LOG_START` for an empty stream. */
  position: LogPosition;
}

export interface Decision<Event> {
  events: Event[];
  /** The stream's version after the decision. */
  version: number;
  /** Where the last appended event stands in the log (or the stream's last event when nothing was appended). */
  position: LogPosition;
}

const MAX_ATTEMPTS = 5;
const CACHE_SIZE = 5_000;

/**
 * How every command is carried out: load the stream (from a cache of folded state by version,
 * reading only newer events), let the decider decide, append with the expected version, and on a
 * version conflict start again from a fresh read.
 */
@Injectable()
export class StreamDecisions {
  private readonly folded = new Map<string, FoldedStream<unknown>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The stream's current state; never stale with respect to what the store holds now. */
  async load<Command, Event extends DomainEvent, State>(streamId: string, decider: Decider<Command, Event, State>): Promise<FoldedStream<State>> {
    const cached = this.folded.get(streamId) as FoldedStream<State> | undefined;
    let folded: FoldedStream<State> = cached ?? { streamId, state: decider.initialState, version: 0, position: LOG_START };
    const newer = await this.store.readStream(streamId, { fromVersion: folded.version + 1 });
    if (newer.length > 0 || !cached) {
      let state = folded.state;
      for (const event of newer) state = decider.evolve(state, { type: event.type, data: event.data } as Event);
      const last = newer[newer.length - 1];
      folded = { streamId, state, version: last?.streamVersion ?? folded.version, position: last?.position ?? folded.position };
      this.remember(folded);
    }
    return folded;
  }

  /**
   * Decides `command(state)` on the stream and appends what the decider answers.
   * `command` is called again on each retry, so facts it gathers are fresh each time; it answers
   * null when, on the state it sees, there is nothing to decide.
   */
  async decide<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: (state: State) => Command | null | Promise<Command | null>,
    context: CommandContext,
  ): Promise<Decision<Event>> {
    for (let attempt = 1; ; attempt++) {
      const stream = await this.load(streamId, decider);
      const decided = await command(stream.state);
      const events = decided === null ? [] : decider.decide(decided, stream.state);
      if (events.length === 0) return { events, version: stream.version, position: stream.position };
      try {
        const result = await this.store.append(
          streamId,
          events.map((event, index) => ({
            eventId: eventIdFor(context.idempotencyKey, context.actor, streamId, index),
            type: event.type,
            schemaVersion: 1,
            data: event.data,
            metadata: { actor: context.actor, correlationId: context.correlationId, idempotencyKey: context.idempotencyKey ?? undefined },
          })),
          { expectedVersion: stream.version },
        );
        return { events, version: result.nextStreamVersion, position: result.positions[result.positions.length - 1] };
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private remember(stream: FoldedStream<unknown>): void {
    this.folded.delete(stream.streamId);
    this.folded.set(stream.streamId, stream);
    if (this.folded.size > CACHE_SIZE) this.folded.delete(this.folded.keys().next().value as string);
  }
}
