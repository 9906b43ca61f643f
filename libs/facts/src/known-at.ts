import { compareLogPositions, type LogPosition, type StoredEvent } from '@ledger/event-store';
import type { Instant } from '@ledger/governance';

/**
 * A moment on the record-time axis: what the ledger had recorded by an instant (the events'
 * `recordedAt`), or up to a log position. Reads "as known at" answer from those events alone.
 */
export type KnownAt = { asKnownAt: Instant } | { untilPosition: LogPosition };

/** Whether the ledger knew of `event` at that moment. */
export function knownAt(moment: KnownAt): (event: Pick<StoredEvent, 'position' | 'metadata'>) => boolean {
  if ('asKnownAt' in moment) {
    const until = Date.parse(moment.asKnownAt);
    return (event) => Date.parse(event.metadata.recordedAt) <= until;
  }
  return (event) => compareLogPositions(event.position, moment.untilPosition) <= 0;
}

/** The moment in words, for messages and answers. */
export function describeKnownAt(moment: KnownAt): string {
  return 'asKnownAt' in moment ? `as known at ${moment.asKnownAt}` : `as known up to log position ${moment.untilPosition}`;
}
