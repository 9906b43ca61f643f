import { setTimeout as sleep } from 'node:timers/promises';
import { VersionConflictError, type AppendResult, type EventStore, type LogPosition } from '@ledger/event-store';
import { emptyStream, FoldedStreams, foldOnto, type FoldedStream, type LoadedStreams, type StreamReader, type StreamToLoad } from '@ledger/facts';
import { DomainError, type DomainEvent, type StreamRules } from '@ledger/governance';
import type { CommandContext } from './command-context.js';
import { eventIdFor } from './event-ids.js';

export interface Decision<Event, State> {
  events: Event[];
  /** The stream as it stands after the decision. */
  stream: FoldedStream<State>;
  /** Where the last appended event stands in the log (or the stream's last event when nothing was appended). */
  position: LogPosition;
}

export interface DecideOptions<State> {
  /**
   * Other streams the command will read, named from the state last seen (which may be behind):
   * they are read in the same round trip as the stream itself and handed to the command fresh.
   */
  alsoRead?: (state: State) => StreamToLoad<unknown>[];
}

/**
 * What a command reads besides its own stream. The append is guarded by every stream it loads:
 * it goes ahead only if none has moved since. Facts a decision may or may not consult are read
 * through `consulting`, and only those it does consult guard the append (`dependOn`).
 */
export interface DecisionReader extends StreamReader {
  readonly consulting: StreamReader;
  dependOn(streams: readonly { streamId: string; version: number }[]): void;
}

/**
 * What one attempt at a command reads besides its own stream: the streams read with it in its
 * first round trip are served as they are, anything else is read from the store. It remembers
 * the versions the decision depends on, and the append is guarded by them.
 */
class AttemptReader implements DecisionReader {
  readonly versionsRead = new Map<string, number>();
  readonly consulting: StreamReader = { loadAll: (streams) => this.read(streams) };

  constructor(
    private readonly fresh: Map<string, FoldedStream<unknown>>,
    private readonly store: StreamReader,
  ) {}

  async loadAll<const T extends readonly StreamToLoad<unknown>[]>(streams: T): Promise<LoadedStreams<T>> {
    const result = await this.read(streams);
    this.dependOn(result as unknown as FoldedStream<unknown>[]);
    return result;
  }

  dependOn(streams: readonly { streamId: string; version: number }[]): void {
    for (const { streamId, version } of streams) this.versionsRead.set(streamId, version);
  }

  private async read<const T extends readonly StreamToLoad<unknown>[]>(streams: T): Promise<LoadedStreams<T>> {
    const missing = streams.filter(({ streamId }) => !this.fresh.has(streamId));
    if (missing.length > 0) for (const loaded of await this.store.loadAll(missing)) this.fresh.set(loaded.streamId, loaded);
    return streams.map(({ streamId }) => this.fresh.get(streamId)!) as LoadedStreams<T>;
  }
}

const MAX_ATTEMPTS = 8;

/** One stream's part of a change across streams: the stream, its rules, and the command to decide on it as it stands (null: nothing to decide there). */
export interface StreamPart {
  streamId: string;
  /** A change holds parts of several kinds: each part's command and state are its own decider's (`streamPart` types them). */
  decider: StreamRules<unknown, DomainEvent, unknown>;
  command: (state: unknown, reader: DecisionReader) => unknown;
}

/** A part of a change across streams, typed by its decider. */
export function streamPart<Command, Event extends DomainEvent, State>(
  streamId: string,
  decider: StreamRules<Command, Event, State>,
  command: (state: State, reader: DecisionReader) => Command | null | Promise<Command | null>,
): StreamPart {
  return { streamId, decider: decider as unknown as StreamPart['decider'], command: command as StreamPart['command'] };
}

/**
 * How every command is carried out: load the streams it reads (from the process's folded streams,
 * shared with the reads, so only newer events are read, in one round trip for all of them), let
 * the decider decide, append with the expected version, and on a version conflict start again
 * from a fresh read.
 */
export class StreamDecisions implements StreamReader {
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly folded: FoldedStreams,
  ) {}

  /** The stream's current state; never stale with respect to what the store holds now. */
  load<State>(streamId: string, decider: StreamToLoad<State>['decider']): Promise<FoldedStream<State>> {
    return this.folded.load(streamId, decider);
  }

  /** Several streams' current states, read in one round trip. */
  loadAll<const T extends readonly StreamToLoad<unknown>[]>(streams: T): Promise<LoadedStreams<T>> {
    return this.folded.loadAll(streams);
  }

  /**
   * The stream as this command decides on it: as it stands now or, when the command is a retry of
   * an attempt that may have recorded it (see `CommandContext.retrying`), as it stood before the
   * first of the command's own events — so that its checks pass as they did the first time.
   */
  async loadForCommand<State>(streamId: string, decider: StreamToLoad<State>['decider'], context: CommandContext): Promise<FoldedStream<State>> {
    return (await this.beforeOwnEvents(streamId, decider, context)) ?? this.load(streamId, decider);
  }

  /** On a retry, the stream before the command's own first event, if the store holds it; else undefined. */
  private async beforeOwnEvents<State>(streamId: string, decider: StreamToLoad<State>['decider'], context: CommandContext): Promise<FoldedStream<State> | undefined> {
    if (!context.retrying || context.idempotencyKey === null) return undefined;
    const ownFirst = eventIdFor(context.idempotencyKey, context.actor, streamId, 0);
    const events = await this.store.readStream(streamId);
    const index = events.findIndex((event) => event.eventId === ownFirst);
    return index < 0 ? undefined : foldOnto(emptyStream(streamId, decider), decider, events.slice(0, index));
  }

  /**
   * Decides `command(state)` on the stream and appends what the decider answers.
   * `command` is called again on each retry, so facts it gathers are fresh each time; it answers
   * null when, on the state it sees, there is nothing to decide.
   */
  async decide<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: StreamRules<Command, Event, State>,
    command: (state: State, reader: DecisionReader) => Command | null | Promise<Command | null>,
    context: CommandContext,
    options: DecideOptions<State> = {},
  ): Promise<Decision<Event, State>> {
    return this.inTurn([streamId], () => this.decideNow(streamId, decider, command, context, options));
  }

  /**
   * Decides on several streams as one change: each part's command on its stream, in order, then
   * one append of everything decided (`EventStore.appendToStreams`: one transaction on the SQL
   * stores), so that a refusal or a failure of any part leaves every stream as it was. Every
   * command is called again on a retry after a version conflict. Answers each part's decision.
   */
  decideTogether(parts: readonly StreamPart[], context: CommandContext): Promise<Decision<DomainEvent, unknown>[]> {
    return this.inTurn(
      parts.map((part) => part.streamId),
      () => this.decideTogetherNow(parts, context),
    );
  }

  /**
   * Commands on one stream from this process take turns, so they do not conflict with each
   * other; the expected version still guards against other processes. A change across streams
   * waits for the turn of each.
   */
  private inTurn<T>(streamIds: readonly string[], work: () => Promise<T>): Promise<T> {
    const previous = Promise.all(streamIds.map((streamId) => this.turns.get(streamId) ?? Promise.resolve()));
    const turn = previous.then(work);
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    for (const streamId of streamIds) this.turns.set(streamId, settled);
    void settled.then(() => {
      for (const streamId of streamIds) if (this.turns.get(streamId) === settled) this.turns.delete(streamId);
    });
    return turn;
  }

  private async decideTogetherNow(parts: readonly StreamPart[], context: CommandContext): Promise<Decision<DomainEvent, unknown>[]> {
    const asFirstSaw = await Promise.all(parts.map((part) => this.beforeOwnEvents(part.streamId, part.decider, context)));
    for (let attempt = 1; ; attempt++) {
      const fresh = await this.loadAll(parts.filter((_, index) => !asFirstSaw[index]).map(({ streamId, decider }) => ({ streamId, decider })));
      const streams = parts.map((part, index) => asFirstSaw[index] ?? fresh.find((stream) => stream.streamId === part.streamId)!);
      const reader = new AttemptReader(new Map(), this);
      const decided: DomainEvent[][] = [];
      for (const [index, part] of parts.entries()) {
        const command = await part.command(streams[index].state, reader);
        decided.push(command === null ? [] : part.decider.decide(command, streams[index].state));
      }
      const appending = parts.flatMap((part, index) => (decided[index].length > 0 ? [{ part, index }] : []));
      if (appending.length === 0) return streams.map((stream) => ({ events: [], stream, position: stream.position }));
      const partIds = new Set(parts.map((part) => part.streamId));
      try {
        const appends = appending.map(({ part, index }) => ({ streamId: part.streamId, events: this.newEvents(part.streamId, part.decider, decided[index], context), expectedVersion: streams[index].version }));
        const expectedStreams = [...reader.versionsRead].filter(([other]) => !partIds.has(other)).map(([other, version]) => ({ streamId: other, version }));
        const results = await this.store.appendToStreams(appends, { expectedStreams });
        const decisions = streams.map((stream): Decision<DomainEvent, unknown> => ({ events: [], stream, position: stream.position }));
        for (const [n, { part, index }] of appending.entries()) decisions[index] = await this.settled(streams[index], part.decider, decided[index], results[n]);
        return decisions;
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await sleep(Math.random() * 5 * attempt); // another process appended first: read again, a moment apart
      }
    }
  }

  /** The decision once its events are appended: the stream as it stands after them, kept for the next command. */
  private async settled<Event extends DomainEvent, State>(stream: FoldedStream<State>, decider: StreamToLoad<State>['decider'] & Pick<StreamRules<unknown, Event, State>, 'evolve'>, events: Event[], result: AppendResult): Promise<Decision<Event, State>> {
    const position = result.positions[result.positions.length - 1];
    if (result.duplicate) {
      // A retry answered from the log: what it appended may differ from what was decided now.
      this.folded.forget(stream.streamId);
      return { events, stream: await this.load(stream.streamId, decider), position };
    }
    const after = { streamId: stream.streamId, state: events.reduce(decider.evolve, stream.state), version: result.nextStreamVersion, position };
    this.folded.remember(after);
    return { events, stream: after, position };
  }

  /** The events a command appends to a stream, in the store's envelope: ids stable across retries of one Idempotency-Key. */
  private newEvents(streamId: string, decider: Pick<StreamRules<unknown, DomainEvent, unknown>, 'codec'>, events: readonly DomainEvent[], context: CommandContext) {
    return events.map((event, index) => ({
      eventId: eventIdFor(context.idempotencyKey, context.actor, streamId, index),
      type: event.type,
      schemaVersion: decider.codec.schemaVersionOf(event.type),
      data: event.data,
      metadata: { actor: context.actor, correlationId: context.correlationId, idempotencyKey: context.idempotencyKey ?? undefined },
    }));
  }

  private async decideNow<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: StreamRules<Command, Event, State>,
    command: (state: State, reader: DecisionReader) => Command | null | Promise<Command | null>,
    context: CommandContext,
    { alsoRead }: DecideOptions<State>,
  ): Promise<Decision<Event, State>> {
    // A retry whose first attempt recorded its events decides again on the stream as it stood
    // then: it proposes the same events, and the append answers what was recorded.
    const asFirstSaw = await this.beforeOwnEvents(streamId, decider, context);
    for (let attempt = 1; ; attempt++) {
      const cached = asFirstSaw ?? this.folded.seen<State>(streamId);
      const extra = alsoRead ? alsoRead(cached?.state ?? decider.initialState).filter((other) => other.streamId !== streamId) : [];
      // When this process has seen every stream the command reads, it decides on what it has seen
      // and lets the guarded append tell whether anything moved since (then it reads and decides again).
      const speculative = !asFirstSaw && attempt === 1 && cached !== undefined && extra.length > 0 && extra.every(({ streamId: other }) => this.folded.seen(other) !== undefined);
      let stream: FoldedStream<State>;
      let others: FoldedStream<unknown>[];
      if (speculative) {
        stream = cached;
        others = extra.map(({ streamId: other }) => this.folded.seen(other)!);
      } else if (asFirstSaw) {
        stream = asFirstSaw;
        others = (await this.loadAll(extra)) as unknown as FoldedStream<unknown>[];
      } else {
        [stream, ...others] = (await this.loadAll([{ streamId, decider }, ...extra])) as unknown as [FoldedStream<State>, ...FoldedStream<unknown>[]];
      }
      const reader = new AttemptReader(new Map(others.map((other) => [other.streamId, other])), this);
      let events: Event[];
      try {
        const decided = await command(stream.state, reader);
        events = decided === null ? [] : decider.decide(decided, stream.state);
      } catch (error) {
        // A refusal must rest on what the streams hold now, not on what was seen; the database away is no refusal.
        if (speculative && error instanceof DomainError) continue;
        throw error;
      }
      if (events.length === 0) {
        if (speculative) continue;
        return { events, stream, position: stream.position };
      }
      try {
        const result = await this.store.append(streamId, this.newEvents(streamId, decider, events, context), {
          expectedVersion: stream.version, expectedStreams: [...reader.versionsRead].map(([other, version]) => ({ streamId: other, version })) },
        );
        return await this.settled(stream, decider, events, result);
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        if (!speculative) await sleep(Math.random() * 5 * attempt); // another process appended first: read again, a moment apart
      }
    }
  }
}
