import { canonicalEvent, type CanonicalEvent } from './canonical-event.js';
import type { NewEvent } from './envelope.js';
import { EmptyAppendError, InvalidEventError, InvalidExpectedVersionError, InvalidStreamIdError, RepeatedStreamAppendError } from './errors.js';
import type { AppendOptions, StreamAppend } from './event-store.port.js';

/** The checks every store makes before an append reaches it, so that each refuses the same input the same way. */

const STREAM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,199}$/;

export function assertStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || !STREAM_ID_PATTERN.test(streamId)) throw new InvalidStreamIdError(streamId);
}

/** The expected version as text (`no-stream`, `stream-exists`, `any` or a whole number), or `InvalidExpectedVersionError`. */
export function expectedVersionText(expected: unknown): string {
  if (expected === 'any' || expected === 'no-stream' || expected === 'stream-exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return String(expected);
  throw new InvalidExpectedVersionError(expected);
}

/**
 * Checks an append — its stream, expected version, guards and events — and answers its events in
 * canonical form, recorded at `recordedAt`. Refuses an empty append and one that carries an event id twice.
 */
export function checkedAppend(streamId: string, events: readonly NewEvent[], { expectedVersion, expectedStreams = [] }: AppendOptions, recordedAt: string): CanonicalEvent[] {
  assertStreamId(streamId);
  for (const guard of expectedStreams) {
    assertStreamId(guard.streamId);
    if (!Number.isSafeInteger(guard.version) || guard.version < 0) throw new InvalidExpectedVersionError(guard.version);
  }
  expectedVersionText(expectedVersion);
  if (!Array.isArray(events) || events.length === 0) throw new EmptyAppendError(streamId);
  const canonical = events.map((event, index) => canonicalEvent(streamId, event, index, recordedAt));
  const firstIndexOf = new Map<string, number>();
  canonical.forEach(({ eventId }, index) => {
    if (firstIndexOf.has(eventId)) throw new InvalidEventError(index, `eventId ${eventId} repeats event ${firstIndexOf.get(eventId)} of this append.`);
    firstIndexOf.set(eventId, index);
  });
  return canonical;
}

/**
 * Checks an append to several streams as `checkedAppend` checks each part, and answers the parts in
 * canonical form. Refuses an append of no parts, a stream named twice, and an expected version that
 * is not a number (the parts of one decision know where each stream stood).
 */
export function checkedStreamAppends(appends: readonly StreamAppend[], options: Pick<AppendOptions, 'expectedStreams'>, recordedAt: string): { streamId: string; version: number; events: CanonicalEvent[] }[] {
  if (!Array.isArray(appends) || appends.length === 0) throw new EmptyAppendError('(no stream)');
  const named = new Set<string>();
  return appends.map(({ streamId, events, expectedVersion }, index) => {
    if (typeof expectedVersion !== 'number') throw new InvalidExpectedVersionError(expectedVersion);
    const canonical = checkedAppend(streamId, events, { expectedVersion, expectedStreams: index === 0 ? options.expectedStreams : [] }, recordedAt);
    if (named.has(streamId)) throw new RepeatedStreamAppendError(streamId);
    named.add(streamId);
    return { streamId, version: expectedVersion, events: canonical };
  });
}
