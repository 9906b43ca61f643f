import { followLog, LOG_START, type EventStore, type FollowLogOptions, type LogPosition, type OrderedLog, type StoredEvent } from '@ledger/event-store';
import type { DomainEvent, StreamRules } from '@ledger/governance';

/** A stream folded to a version. */
export interface FoldedStream<State> {
  streamId: string;
  state: State;
  version: number;
  /** The log position of the stream's last event folded; `LOG_START` for an empty stream. */
  position: LogPosition;
}

/** A stream to read, the rules to fold it with and how its stored events are read. */
export interface StreamToLoad<State> {
  streamId: string;
  decider: Pick<StreamRules<never, DomainEvent, State>, 'evolve' | 'initialState' | 'codec'>;
}

export type LoadedStreams<T extends readonly StreamToLoad<unknown>[]> = { [K in keyof T]: T[K] extends StreamToLoad<infer State> ? FoldedStream<State> : never };

/** Reads streams folded: at their current versions, or as the ledger knew them at a past moment. */
export interface StreamReader {
  loadAll<const T extends readonly StreamToLoad<unknown>[]>(streams: T): Promise<LoadedStreams<T>>;
}

/** Folds stored events onto a stream as it stood, each read through the stream's codec (upcast and checked). */
export function foldOnto<State>(known: FoldedStream<State>, decider: StreamToLoad<State>['decider'], events: readonly StoredEvent[]): FoldedStream<State> {
  if (events.length === 0) return known;
  let state = known.state;
  for (const event of events) state = decider.evolve(state, decider.codec.decode(event));
  const last = events[events.length - 1];
  return { streamId: known.streamId, state, version: last.streamVersion, position: last.position };
}

export function emptyStream<State>(streamId: string, decider: StreamToLoad<State>['decider']): FoldedStream<State> {
  return { streamId, state: decider.initialState, version: 0, position: LOG_START };
}

const CAPACITY = 20_000;

/**
 * The ledger's one cache of folded streams, shared by the commands and the reads of one process:
 * each stream's state at the last version seen, so that reading it again reads only the events
 * appended since — for every stream asked for, in one round trip. Never stale with respect to
 * what the store holds when it is asked.
 */
export class FoldedStreams implements StreamReader {
  private readonly folded = new Map<string, FoldedStream<unknown>>();
  private readonly deciders = new Map<string, StreamToLoad<unknown>['decider']>();
  private followers = 0;

  /**
   * The streams as fresh as the log this process's projector has read — and so at least as fresh
   * as the read models a read shows them with — answered without asking the store when every
   * stream asked for is kept (kept streams are kept up with the log as the projector reads it);
   * else, or with no projector in this process, as `loadAll`. For reads; a command asks the store.
   */
  readonly followed: StreamReader = {
    loadAll: async <const T extends readonly StreamToLoad<unknown>[]>(streams: T): Promise<LoadedStreams<T>> => {
      if (this.followers > 0 && streams.every(({ streamId }) => this.folded.has(streamId))) {
        return streams.map(({ streamId }) => this.folded.get(streamId)!) as unknown as LoadedStreams<T>;
      }
      return this.loadAll(streams);
    },
  };

  constructor(
    private readonly store: Pick<EventStore, 'readStreams'>,
    private readonly capacity = CAPACITY,
  ) {}

  /** The stream's current state. */
  async load<State>(streamId: string, decider: StreamToLoad<State>['decider']): Promise<FoldedStream<State>> {
    const [stream] = await this.loadAll([{ streamId, decider }] as const);
    return stream;
  }

  /** Several streams' current states, read in one round trip. */
  async loadAll<const T extends readonly StreamToLoad<unknown>[]>(streams: T): Promise<LoadedStreams<T>> {
    if (streams.length === 0) return [] as unknown as LoadedStreams<T>;
    const known = streams.map(({ streamId, decider }) => (this.folded.get(streamId) as FoldedStream<unknown> | undefined) ?? emptyStream(streamId, decider));
    const newer = await this.store.readStreams(known.map(({ streamId, version }) => ({ streamId, fromVersion: version + 1 })));
    return streams.map(({ decider }, index) => {
      const events = newer.get(known[index].streamId) ?? [];
      const folded = foldOnto(known[index], decider, events);
      this.deciders.set(folded.streamId, decider);
      this.remember(folded);
      return folded;
    }) as unknown as LoadedStreams<T>;
  }

  /**
   * The log as the projector reads it, keeping every kept stream up with each page read: an event
   * that is the next version of a kept stream is folded onto it; one that shows a version was
   * missed (the log's order may put a stream's later version first) forgets the stream, to be read
   * again. While it is being read, reads may answer from what is kept (`followed`); `stop` ends that.
   */
  following(log: OrderedLog): OrderedLog & { stop(): void } {
    this.followers += 1;
    let stopped = false;
    const streams = this;
    const followingLog = {
      async readLog(options?: Parameters<OrderedLog['readLog']>[0]) {
        const page = await log.readLog(options);
        streams.follow(page);
        return page;
      },
      followLog: (options?: FollowLogOptions) => followLog(followingLog, options),
      headPosition: () => log.headPosition(),
      countLogThrough: (position: LogPosition) => log.countLogThrough(position),
      stop() {
        if (!stopped) streams.followers -= 1;
        stopped = true;
      },
    };
    return followingLog;
  }

  private follow(events: readonly StoredEvent[]): void {
    for (const event of events) {
      const kept = this.folded.get(event.streamId);
      if (!kept || event.streamVersion <= kept.version) continue;
      const decider = this.deciders.get(event.streamId);
      if (event.streamVersion !== kept.version + 1 || !decider) {
        this.forget(event.streamId);
        continue;
      }
      this.folded.set(event.streamId, foldOnto(kept, decider, [event]));
    }
  }

  /** What this process last saw of the stream, without asking the store. */
  seen<State>(streamId: string): FoldedStream<State> | undefined {
    return this.folded.get(streamId) as FoldedStream<State> | undefined;
  }

  /** Keeps a stream as folded after an append, unless a later version is kept already. */
  remember(stream: FoldedStream<unknown>): void {
    const kept = this.folded.get(stream.streamId);
    if (kept && kept.version > stream.version) return;
    this.folded.delete(stream.streamId);
    this.folded.set(stream.streamId, stream);
    if (this.folded.size > this.capacity) this.forget(this.folded.keys().next().value as string);
  }

  /** Forgets a stream, so that the next load folds it from the store. */
  forget(streamId: string): void {
    this.folded.delete(streamId);
    this.deciders.delete(streamId);
  }
}
