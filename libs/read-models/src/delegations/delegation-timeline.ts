import { openSuspension, suspensionAt, termsAt, type Instant, type RecordedDelegation, type SchemeEvent } from '@ledger/governance';
import { foldDelegation, type DelegationRecord } from './delegation-record.js';
import type { DelegationReading, DelegationSegmentStatus, DelegationStandingView } from './delegations.views.js';

export const SCHEME_EVENT_TYPES: ReadonlySet<string> = new Set([
  'DelegationGranted',
  'DelegationVaried',
  'DelegationSuspended',
  'DelegationReinstated',
  'DelegationRevoked',
]);

/** The valid time an event of a delegation takes effect. */
export function effectiveFromOf(event: SchemeEvent): Instant {
  return event.data.effectiveFrom;
}

/** How the delegation stands at `at`, ignoring expiry (the reading's `effectiveUntil` says that). Same order as governance's `standingAt`. */
export function statusAt(delegation: RecordedDelegation, at: Instant): DelegationSegmentStatus {
  if (delegation.revocation && delegation.revocation.effectiveFrom <= at) return 'revoked';
  if (suspensionAt(delegation, at)) return 'suspended';
  return 'in-force';
}

export function readingAt(delegation: RecordedDelegation, at: Instant): DelegationReading {
  const terms = termsAt(delegation, at);
  return { status: statusAt(delegation, at), scopes: terms.scopes, limitPence: terms.limitPence, effectiveUntil: terms.effectiveUntil, mayRedelegate: terms.mayRedelegate };
}

/** One event's two readings of the delegation from its effective date, and the end of its valid-time segment as known now. */
export interface EventReadings {
  asRecorded: DelegationReading;
  now: DelegationReading & { validUntil: Instant | null };
}

export interface DelegationTimeline {
  delegation: DelegationRecord;
  /** One per event, in the order given (the order recorded). */
  readings: EventReadings[];
}

/**
 * Folds a delegation's events in the order recorded into the read model's record of it, reading it from each
 * event's effective date twice: as known once that event was recorded, and as known after them all.
 * Events before the grant, or of another delegation, are a caller's bug.
 */
export function replayDelegation(events: readonly SchemeEvent[]): DelegationTimeline {
  const grant = events[0];
  if (!grant || grant.type !== 'DelegationGranted') throw new Error('A delegation’s history begins with its grant.');
  const id = grant.data.delegationId;
  let record: DelegationRecord | null = null;
  const asRecorded: DelegationReading[] = [];
  for (const event of events) {
    if (event.data.delegationId !== id) throw new Error(`Event of delegation ${event.data.delegationId} replayed with ${id}.`);
    record = foldDelegation(record, event)!;
    asRecorded.push(readingAt(record, effectiveFromOf(event)));
  }
  const delegation = record!;
  // Valid-time segments: in date order (the order recorded among the same date), each until the next one's date.
  const order = events.map((event, index) => ({ index, from: effectiveFromOf(event) })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.index - b.index));
  const validUntil = new Array<Instant | null>(events.length).fill(null);
  order.forEach(({ index }, rank) => (validUntil[index] = order[rank + 1]?.from ?? null));
  return {
    delegation,
    readings: events.map((event, index) => ({ asRecorded: asRecorded[index], now: { ...readingAt(delegation, effectiveFromOf(event)), validUntil: validUntil[index] } })),
  };
}

/** The latest terms in valid time: the grant with every variation applied. */
export function latestTerms(delegation: RecordedDelegation) {
  const last = delegation.variations.at(-1);
  return last ? termsAt(delegation, last.effectiveFrom) : delegation.granted;
}

/** What has been recorded about the delegation's standing, whatever the clock says. */
export function recordedStanding(delegation: RecordedDelegation): DelegationStandingView {
  if (delegation.revocation) return { status: 'revoked', from: delegation.revocation.effectiveFrom, reason: delegation.revocation.reason };
  const open = openSuspension(delegation);
  if (open) return { status: 'suspended', from: open.from, reason: open.reason };
  return { status: 'active', from: null, reason: null };
}
