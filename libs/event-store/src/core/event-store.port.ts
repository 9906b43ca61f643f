import type { AppendResult, ExpectedVersion, NewEvent, StoredEvent } from './envelope.js';
import type { LogPosition } from './log-position.js';

/** The injection token of the event store; each adapter binds it once. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  /**
   * Other streams the decision was made on, at the versions read (0: the stream did not exist).
   * The append goes ahead only if each still stands there, and none can move until it commits;
   * otherwise `VersionConflictError` names the stream that moved.
   */
  expectedStreams?: readonly { streamId: string; version: number }[];
}

/** One stream's part of an append to several streams. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  /** The version the stream stands at, as the decision read it (0: the stream does not exist yet). */
  expectedVersion: number;
}

export interface ReadStreamOptions {
  /** The first stream version to read; defaults to 1. */
  fromVersion?: number;
  /** At most this many events; defaults to all. */
  maxCount?: number;
}

export interface ReadLogOptions {
  /** Read events after this position; defaults to the start of the log. */
  after?: LogPosition;
  /** At most this many events; defaults to 1,000. */
  limit?: number;
}

export interface FollowLogOptions extends ReadLogOptions {
  /** Stops following when aborted. */
  signal?: AbortSignal;
  /** How long to wait before looking again when the log had nothing new; defaults to 50 ms. */
  idleDelayMs?: number;
}

/** What verifying a stream's hash chain found. */
export type StreamVerification =
  | { valid: true; streamId: string; events: number; headHash: string }
  | { valid: false; streamId: string; streamVersion: number; position: LogPosition | null; reason: string };

export interface EventStore {
  /**
   * Appends events to one stream if it stands at `expectedVersion`, all or nothing.
   * Throws `VersionConflictError` otherwise, having appended nothing.
   * Appending events whose ids the stream already holds answers the first append again.
   */
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /**
   * Appends to several distinct streams as one change, each part at its expected version, the
   * guards as `append`'s. On the SQL stores every part is appended or none (one transaction).
   * EventStoreDB has no transaction across streams: there every part's version and every guard is
   * checked first (so a refusal appends nothing), then the parts are appended in order, and a
   * failure between them leaves the first ones recorded; the command's retry with its
   * Idempotency-Key proposes the same event ids, is answered the parts already recorded, and
   * appends the rest. A part whose events are all stored already is answered as a retry
   * (`duplicate: true`) on every store. Answers one result per part, in order.
   */
  appendToStreams(appends: readonly StreamAppend[], options?: Pick<AppendOptions, 'expectedStreams'>): Promise<AppendResult[]>;

  /** The stream's events from a version on, in stream order; empty when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /**
   * Several streams at once, each from its own version (one round trip on SQL stores): what a
   * command needs to know from the streams it reads. Events come grouped by stream, in order.
   */
  readStreams(requests: readonly { streamId: string; fromVersion: number }[]): Promise<Map<string, StoredEvent[]>>;

  /** A page of the whole log after a position, in commit-safe order: never skips a committed event. */
  readLog(options?: ReadLogOptions): Promise<StoredEvent[]>;

  /** The position of the last event a log reader can see now; `LOG_START` for an empty log. */
  headPosition(): Promise<LogPosition>;

  /**
   * The position of the last event committed, even one that the commit-safe order still holds
   * back behind a transaction open elsewhere (SQL stores); on a store without such transactions,
   * the head position. Waiting for readers to reach it means waiting out what is in flight.
   */
  lastCommittedPosition(): Promise<LogPosition>;

  /** The last event of the whole log a reader can see, or null when the log is empty. */
  lastEvent(): Promise<StoredEvent | null>;

  /**
   * How many events the log holds up to and including `position`; null when the store cannot
   * tell without reading them all (EventStoreDB), so progress shows no estimate.
   */
  countLogThrough(position: LogPosition): Promise<number | null>;

  /**
   * Appends events exactly as another store recorded them — the same ids, stream versions,
   * `recordedAt` and hashes — for moving a ledger between stores. The events are consecutive in
   * one stream and were recorded at one instant; the stream must stand just before the first.
   * Copies already there are accepted again (a resumed copy); anything else is refused with
   * `VersionConflictError`, or `CopyMismatchError` if the hashes would not come out the same.
   */
  appendAsRecorded(events: readonly StoredEvent[]): Promise<void>;

  /** Follows the log: yields every page of new events as they commit, until the signal aborts. */
  followLog(options?: FollowLogOptions): AsyncIterable<StoredEvent[]>;

  /** Recomputes the stream's hash chain from the stored bytes. */
  verifyStream(streamId: string): Promise<StreamVerification>;

  close(): Promise<void>;
}

/**
 * The log in order, as projections read it: the event store itself, or a reader that passes on
 * only what it has checked (the sealed log).
 */
export type OrderedLog = Pick<EventStore, 'readLog' | 'followLog' | 'headPosition' | 'countLogThrough'>;
