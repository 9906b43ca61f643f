import type { DelegationTermChange, Instant, SchemeEvent } from '@ledger/governance';
import type { DelegationHistoryEntry, DelegationView } from './delegations.views.js';
import type { EventReadings } from './delegation-timeline.js';

/** A row of `delegations` as the driver answers it (timestamps as Date or text, bigints as text or number). */
export interface DelegationRow {
  /** Read with DISSOLUTION_COLUMNS: its organisation's dissolution, if any. */
  organisation_dissolved_on?: Date | string | null;
  organisation_successor_id?: string | null;
  organisation_transfer_delegations?: boolean | null;
  delegation_id: string;
  organisation_id: string;
  from_id: string;
  to_id: string;
  scopes: string[];
  limit_pence: string | number | null;
  effective_from: Date | string;
  effective_until: Date | string | null;
  may_redelegate: boolean;
  standing: 'active' | 'suspended' | 'revoked';
  suspended_from: Date | string | null;
  suspension_reason: string | null;
  revoked_from: Date | string | null;
  revocation_reason: string | null;
  instrument_title: string;
  instrument_reference: string | null;
  instrument_url: string | null;
  authorised_by_proposal_id: string | null;
  granted_recorded_at: Date | string;
  revocation_recorded_at: Date | string | null;
}

/** A row of `delegation_history`. */
export interface HistoryRow {
  log_transaction: string | number;
  log_sequence: string | number;
  position: string;
  delegation_id: string;
  organisation_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: DelegationHistoryEntry['type'];
  actor: string | null;
  recorded_at: Date | string;
  effective_from: Date | string;
  reason: string | null;
  changes: DelegationTermChange[] | string | null;
  valid_until: Date | string | null;
  status: EventReadings['now']['status'];
  scopes: string[];
  limit_pence: string | number | null;
  effective_until: Date | string | null;
  may_redelegate: boolean;
  recorded_status: EventReadings['asRecorded']['status'];
  recorded_scopes: string[];
  recorded_limit_pence: string | number | null;
  recorded_effective_until: Date | string | null;
  recorded_may_redelegate: boolean;
}

export function instant(value: Date | string): Instant;
export function instant(value: Date | string | null): Instant | null;
export function instant(value: Date | string | null): Instant | null {
  return value === null ? null : new Date(value).toISOString();
}

export const pence = (value: string | number | null): number | null => (value === null ? null : Number(value));

const changesOf = (row: HistoryRow): DelegationTermChange[] =>
  row.changes === null ? [] : typeof row.changes === 'string' ? (JSON.parse(row.changes) as DelegationTermChange[]) : row.changes;

/** The event a history row records, given its delegation's row (the grant's instrument and parties live there). */
export function eventOf(delegation: DelegationRow, row: HistoryRow): SchemeEvent {
  const delegationId = row.delegation_id;
  const organisationId = row.organisation_id;
  const effectiveFrom = instant(row.effective_from);
  const reason = row.reason ?? '';
  switch (row.type) {
    case 'DelegationGranted':
      return {
        type: 'DelegationGranted',
        data: {
          delegationId,
          organisationId,
          fromId: delegation.from_id,
          toId: delegation.to_id,
          scopes: row.recorded_scopes,
          limitPence: pence(row.recorded_limit_pence),
          effectiveFrom,
          effectiveUntil: instant(row.recorded_effective_until),
          mayRedelegate: row.recorded_may_redelegate,
          instrument: { title: delegation.instrument_title, reference: delegation.instrument_reference, url: delegation.instrument_url },
          authorisedByProposalId: delegation.authorised_by_proposal_id,
        },
      };
    case 'DelegationVaried':
      return { type: 'DelegationVaried', data: { delegationId, organisationId, effectiveFrom, reason, changes: changesOf(row) } };
    case 'DelegationSuspended':
    case 'DelegationReinstated':
    case 'DelegationRevoked':
      return { type: row.type, data: { delegationId, organisationId, effectiveFrom, reason } };
  }
}

export function toDelegationView(row: DelegationRow, terms: { scopes: string[]; limit_pence: string | number | null; effective_until: Date | string | null; may_redelegate: boolean } = row, termsAt: Instant | null = null): DelegationView {
  const standing =
    row.standing === 'revoked'
      ? { status: row.standing, from: instant(row.revoked_from), reason: row.revocation_reason }
      : row.standing === 'suspended'
        ? { status: row.standing, from: instant(row.suspended_from), reason: row.suspension_reason }
        : { status: row.standing, from: null, reason: null };
  return {
    delegationId: row.delegation_id,
    organisationId: row.organisation_id,
    fromId: row.from_id,
    toId: row.to_id,
    scopes: terms.scopes,
    limitPence: pence(terms.limit_pence),
    effectiveFrom: instant(row.effective_from),
    effectiveUntil: instant(terms.effective_until),
    mayRedelegate: terms.may_redelegate,
    termsAt,
    standing,
    instrument: { title: row.instrument_title, reference: row.instrument_reference, url: row.instrument_url },
    authorisedByProposalId: row.authorised_by_proposal_id,
    grantRecordedAt: instant(row.granted_recorded_at),
    revocationRecordedAt: instant(row.revocation_recorded_at),
    organisationDissolution:
      row.organisation_dissolved_on === undefined || row.organisation_dissolved_on === null
        ? null
        : { dissolvedOn: instant(row.organisation_dissolved_on)!, successorId: row.organisation_successor_id ?? null, effect: row.organisation_transfer_delegations ? 'transferred' : 'lapsed' },
  };
}

/** The columns of its organisation's dissolution a delegation row is read with (`LEFT JOIN organisations o`). */
export const DISSOLUTION_COLUMNS = 'o.dissolved_on AS organisation_dissolved_on, o.successor_id AS organisation_successor_id, o.transfer_delegations AS organisation_transfer_delegations';

export function toHistoryEntry(row: HistoryRow): DelegationHistoryEntry {
  return {
    position: row.position,
    streamVersion: row.stream_version,
    recordedAt: instant(row.recorded_at),
    actor: row.actor,
    type: row.type,
    effectiveFrom: instant(row.effective_from),
    reason: row.reason,
    changes: changesOf(row),
    now: {
      status: row.status,
      scopes: row.scopes,
      limitPence: pence(row.limit_pence),
      effectiveUntil: instant(row.effective_until),
      mayRedelegate: row.may_redelegate,
      validUntil: instant(row.valid_until),
    },
    asRecorded: {
      status: row.recorded_status,
      scopes: row.recorded_scopes,
      limitPence: pence(row.recorded_limit_pence),
      effectiveUntil: instant(row.recorded_effective_until),
      mayRedelegate: row.recorded_may_redelegate,
    },
  };
}
