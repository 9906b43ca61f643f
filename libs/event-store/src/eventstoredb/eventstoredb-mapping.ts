import { ANY, CancelledError, DeadlineExceededError, jsonEvent, NO_STREAM, NotLeaderError, START, STREAM_EXISTS, TimeoutError, UnavailableError, WrongExpectedVersionError, type AllStreamResolvedEvent, type AppendExpectedRevision, type EventData, type Position, type ResolvedEvent } from '@eventstore/db-client';
import { chainHash, type CanonicalEvent } from '../core/canonical-event.js';
import type { ExpectedVersion, StoredEvent } from '../core/envelope.js';
import { EventStoreUnavailableError, VersionConflictError } from '../core/errors.js';
import { LOG_START, parseLogPosition, type LogPosition } from '../core/log-position.js';

/**
 * How the ledger's envelope, positions, expected versions and errors map onto EventStoreDB's.
 * Pure functions over the client's own types, tested on real values; the adapter that
 * talks to a server uses them.
 *
 * - A stream version (1, 2, …; 0 for an empty stream) is EventStoreDB's revision + 1.
 * - A log position `"<commit>:<prepare>"` is the `$all` position: ordered the same way, so the
 *   ledger's `compareLogPositions` holds for it.
 * - The data is the event's data; the metadata carries the ledger's metadata with `schemaVersion`
 *   and the stream's hash chain, which EventStoreDB does not keep itself.
 */

/** Metadata as the ledger writes it beside each EventStoreDB event. */
export interface LedgerEventMetadata {
  recordedAt: string;
  actor?: string;
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
  schemaVersion: number;
  /** The stream's hash chain at this event (hex), as the PostgreSQL store keeps it. */
  hash: string;
  /**
   * Which attempt wrote the event: EventStoreDB answers a second append of the same ids at the
   * same revision as a success without writing, and this tells the writer whether it was the one.
   */
  appendId?: string;
}

export function logPositionOf(position: Position): LogPosition {
  return `${position.commit}:${position.prepare}`;
}

/** Where to read `$all` from, after a log position the ledger holds. */
export function positionOf(logPosition: LogPosition): Position | typeof START {
  if (logPosition === LOG_START) return START;
  const { transactionId, sequence } = parseLogPosition(logPosition);
  return { commit: transactionId, prepare: sequence };
}

export function expectedRevisionOf(expected: ExpectedVersion): AppendExpectedRevision {
  switch (expected) {
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return expected === 0 ? NO_STREAM : BigInt(expected - 1);
  }
}

const describeExpected = (expected: AppendExpectedRevision) => (typeof expected === 'bigint' ? `version ${expected + 1n}` : String(expected).replace('_', '-'));

/**
 * The ledger's typed error for what EventStoreDB refused or could not do: a wrong expected
 * version is a version conflict; an unreachable server, or one that did not answer in time, is
 * the event store being unavailable. Other errors pass through.
 */
export function ledgerErrorOf(error: unknown, server = 'EventStoreDB'): unknown {
  // Unreachable, too slow to answer, the call cancelled by the server (shutting down, a leader
  // change), or a subscriber dropped for falling behind: all pass once the server is back.
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError || error instanceof TimeoutError || error instanceof CancelledError || error instanceof NotLeaderError) {
    return new EventStoreUnavailableError(server, error.message);
  }
  if (!(error instanceof WrongExpectedVersionError)) return error;
  const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) + 1 : 0;
  return new VersionConflictError(error.streamName, describeExpected(error.expectedVersion), actual);
}

/** Where a connection string points, without its credentials: `esdb://admin:changeit@db:2113?tls=true` → `esdb://db:2113`. */
export function describeServer(connectionString: string): string {
  const [address] = connectionString.split('?');
  return address.replace(/\/\/[^@/]*@/, '//');
}

/**
 * The events to append after `previous` (the stream's version and chain head), each with its
 * hash chained as the PostgreSQL store chains it, over the same canonical bytes (the events come
 * canonical, from `checkedAppend`, so that retried attempts do not write them again).
 */
export function eventDataOf(events: readonly CanonicalEvent[], previous: { version: number; hash: string }, appendId?: string): { events: EventData[]; hashes: string[] } {
  let hash = previous.hash;
  const hashes: string[] = [];
  const data = events.map((event, index) => {
    hash = chainHash(hash, previous.version + index + 1, event.body);
    hashes.push(hash);
    const metadata: LedgerEventMetadata = { ...event.metadata, schemaVersion: event.schemaVersion, hash, ...(appendId ? { appendId } : {}) };
    return jsonEvent({ id: event.eventId, type: event.type, data: event.data as never, metadata: metadata as never });
  });
  return { events: data, hashes };
}

/**
 * Whether an event is one the ledger wrote: JSON, outside EventStoreDB's own streams and types,
 * carrying the ledger's metadata. Anything else on the server (another application's events) is
 * not part of the ledger's log and is passed over.
 */
export function isLedgerEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): boolean {
  const event = resolved.event;
  if (!event || isSystemEvent(resolved) || !event.isJson) return false;
  const metadata = event.metadata as Partial<LedgerEventMetadata> | undefined;
  return typeof metadata === 'object' && metadata !== null && typeof metadata.hash === 'string' && typeof metadata.recordedAt === 'string';
}

/** Which attempt wrote the event, if the ledger said (see `LedgerEventMetadata.appendId`). */
export function appendIdOf(resolved: ResolvedEvent | AllStreamResolvedEvent): string | undefined {
  return (resolved.event?.metadata as Partial<LedgerEventMetadata> | undefined)?.appendId;
}

/** Whether an event of `$all` is EventStoreDB's own (system streams and types begin with `$`). */
export function isSystemEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): boolean {
  const event = resolved.event;
  return event === undefined || event.streamId.startsWith('$') || event.type.startsWith('$');
}

/** What older servers give as the `$all` position of an event read from its stream: they do not know it. */
const UNKNOWN_POSITION = 2n ** 64n - 1n;

/** Whether an event read from a stream came without its place in `$all` (older servers). */
export const positionUnknown = (event: StoredEvent): boolean => event.position === LOG_START;

/**
 * A ledger event as EventStoreDB returns it, read from its stream or from `$all`. Read from a
 * stream, older servers do not say where it stands in `$all`: its position is then `LOG_START`.
 */
export function storedEventOf(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent {
  const event = resolved.event;
  if (!event || !event.isJson) throw new Error('Not a ledger event: the ledger writes JSON events only.');
  const { schemaVersion, hash, appendId: _appendId, ...metadata } = event.metadata as unknown as LedgerEventMetadata;
  const position = 'position' in event && event.position ? event.position : resolved.commitPosition !== undefined ? { commit: resolved.commitPosition, prepare: resolved.commitPosition } : undefined;
  const known = position && position.commit !== UNKNOWN_POSITION ? position : undefined;
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata,
    streamId: event.streamId,
    streamVersion: Number(event.revision) + 1,
    position: known ? logPositionOf(known) : LOG_START,
    hash,
  };
}
