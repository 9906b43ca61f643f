import type { LogPosition } from './log-position.js';

/** Who did what, on whose request: the part of an event the ledger keeps beside its data. */
export interface EventMetadata {
  /** Set by the store when the event is appended; never taken from the caller. */
  recordedAt: string;
  actor?: string;
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
}

/** What a caller may say about an event's metadata; `recordedAt` is the store's to set. */
export type NewEventMetadata = Omit<EventMetadata, 'recordedAt'>;

/** An event as a command handler hands it to the store. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  /** A UUID. Appending an event whose id the stream already holds answers the first append again. */
  eventId: string;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata?: NewEventMetadata;
}

/** An event as it stands in the log. */
export interface StoredEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  streamId: string;
  /** 1 for the first event of a stream, then 2, 3, … without gaps. */
  streamVersion: number;
  /** Where the event stands in the whole log, in commit-safe order. */
  position: LogPosition;
  /** SHA-256 (hex) over the previous event's hash, the stream version and the canonical bytes. */
  hash: string;
}

/** A recorded event as an append hands it over, its `recordedAt` left to the append. */
export function asNewEvent({ eventId, type, schemaVersion, data, metadata: { recordedAt, ...metadata } }: StoredEvent): NewEvent {
  return { eventId, type, schemaVersion, data, metadata };
}

/**
 * Checks that events to copy as recorded are one run a store can append at once: consecutive
 * versions of one stream, recorded at one instant. Answers what is wrong, or null.
 */
export function problemWithCopyRun(events: readonly StoredEvent[]): string | null {
  const [first] = events;
  if (!first) return 'a copy carries at least one event';
  const { streamId, streamVersion, metadata } = first;
  const stray = events.find((event, index) => event.streamId !== streamId || event.streamVersion !== streamVersion + index || event.metadata.recordedAt !== metadata.recordedAt);
  return stray ? `a copy is consecutive events of one stream recorded at one instant (${streamId} from version ${streamVersion} at ${metadata.recordedAt})` : null;
}

/**
 * What the stream must look like for an append to go ahead:
 * `no-stream` (it holds no event yet), `stream-exists` (it holds at least one),
 * a number (it holds exactly that many events) or `any`.
 */
export type ExpectedVersion = 'no-stream' | 'stream-exists' | 'any' | number;

export interface AppendResult {
  /** The stream's version after the append (the last appended event's `streamVersion`). */
  nextStreamVersion: number;
  /** The log position of each appended event, in order. */
  positions: LogPosition[];
  /** The last appended event's hash: the stream's new chain head. */
  hash: string;
  /** True when every event was already stored: a retried append that appended nothing. */
  duplicate: boolean;
}
