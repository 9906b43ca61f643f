import type { DelegationTermChange, Instant, Instrument, Scope } from '@ledger/governance';

/** A delegation's terms: what it allows, and until when. */
export interface DelegationTermsView {
  scopes: Scope[];
  /** Integer pence; null when there is no financial limit. */
  limitPence: number | null;
  effectiveUntil: Instant | null;
  mayRedelegate: boolean;
}

/**
 * What has been recorded about the delegation, whatever the clock says: `active`, `suspended` (by a
 * suspension no reinstatement has ended yet, from `from`) or `revoked` (from `from`, which may lie
 * in the future or, for a backdated revocation, before the revocation was recorded).
 */
export interface DelegationStandingView {
  status: 'active' | 'suspended' | 'revoked';
  from: Instant | null;
  reason: string | null;
}

/** A delegation as `GET /v1/delegations` lists it. */
export interface DelegationView extends DelegationTermsView {
  delegationId: string;
  organisationId: string;
  fromId: string;
  toId: string;
  /** When the delegation took effect (valid time). */
  effectiveFrom: Instant;
  /**
   * The valid time the terms are read at: the `at` asked about, or null for the latest terms (the
   * grant with every recorded variation applied).
   */
  termsAt: Instant | null;
  standing: DelegationStandingView;
  instrument: Instrument;
  authorisedByProposalId: string | null;
  /** When the ledger recorded the grant, and the revocation if any (record time). */
  grantRecordedAt: Instant;
  revocationRecordedAt: Instant | null;
  /**
   * The organisation it was made for was dissolved: from `dissolvedOn` the delegation counts for
   * the successor (`transferred`) or not at all (`lapsed`). Null while the organisation exists.
   */
  organisationDissolution: { dissolvedOn: Instant; successorId: string | null; effect: 'transferred' | 'lapsed' } | null;
}

/** Whether the delegation counts over a stretch of valid time, ignoring expiry (`effectiveUntil` says that). */
export type DelegationSegmentStatus = 'in-force' | 'suspended' | 'revoked';

/** The delegation from a date on: its standing and terms. */
export interface DelegationReading extends DelegationTermsView {
  status: DelegationSegmentStatus;
}

/** One event of a delegation's history, on both time axes. */
export interface DelegationHistoryEntry {
  /** Record time: where the event stands in the log, and when the ledger recorded it. */
  position: string;
  streamVersion: number;
  recordedAt: Instant;
  actor: string | null;
  type: 'DelegationGranted' | 'DelegationVaried' | 'DelegationSuspended' | 'DelegationReinstated' | 'DelegationRevoked';
  /** Valid time: when what the event says takes effect. */
  effectiveFrom: Instant;
  reason: string | null;
  /** The terms a variation changes; empty for other events. */
  changes: DelegationTermChange[];
  /**
   * The delegation from `effectiveFrom` until `validUntil` (the next event's date; null: from then
   * on), as the ledger knows it now, with every later record, backdated ones included.
   */
  now: DelegationReading & { validUntil: Instant | null };
  /** The delegation from `effectiveFrom` as the ledger knew it once this event was recorded. */
  asRecorded: DelegationReading;
}

/** `GET /v1/delegations/{id}`: the delegation with its full history, in the order recorded. */
export interface DelegationDetail extends DelegationView {
  history: DelegationHistoryEntry[];
}
