import type { DomainEvent } from '../shared/decider.js';
import type { Instant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';

/** The document that made a delegation: "Leader's Scheme of Delegation, Part 3 of the Constitution", "Section 75 Agreement cl. 5". */
export interface Instrument {
  title: string;
  reference: string | null;
  url: string | null;
}

/**
 * Authority passed from a holder (a governing body, another body, or a post) to another holder, on
 * behalf of the organisation whose scheme this is, in force over `[effectiveFrom, effectiveUntil)`.
 */
export type DelegationGranted = DomainEvent<
  'DelegationGranted',
  {
    delegationId: string;
    organisationId: string;
    fromId: string;
    toId: string;
    scopes: Scope[];
    /** Integer pence; null when the delegation has no financial limit. */
    limitPence: number | null;
    effectiveFrom: Instant;
    effectiveUntil: Instant | null;
    mayRedelegate: boolean;
    instrument: Instrument;
    authorisedByProposalId: string | null;
  }
>;

/** One term a variation changes, and what it becomes. */
export type DelegationTermChange =
  | { term: 'scopes'; to: Scope[] }
  | { term: 'limitPence'; to: number | null }
  | { term: 'effectiveUntil'; to: Instant | null }
  | { term: 'mayRedelegate'; to: boolean };

/**
 * The terms change from `effectiveFrom` on (possibly backdated); before that date the earlier terms
 * still hold. Only the listed terms change, so a limit of `null` ("no limit") is a change like any other.
 */
export type DelegationVaried = DomainEvent<
  'DelegationVaried',
  { delegationId: string; organisationId: string; effectiveFrom: Instant; reason: string; changes: DelegationTermChange[] }
>;

/** Not in force from `effectiveFrom` until a reinstatement takes effect. */
export type DelegationSuspended = DomainEvent<
  'DelegationSuspended',
  { delegationId: string; organisationId: string; effectiveFrom: Instant; reason: string }
>;

/** In force again from `effectiveFrom`, ending the open suspension. */
export type DelegationReinstated = DomainEvent<
  'DelegationReinstated',
  { delegationId: string; organisationId: string; effectiveFrom: Instant; reason: string }
>;

/** Withdrawn for good from `effectiveFrom`; a backdated revocation changes the answer for the past it reaches. */
export type DelegationRevoked = DomainEvent<
  'DelegationRevoked',
  { delegationId: string; organisationId: string; effectiveFrom: Instant; reason: string }
>;

export type SchemeEvent = DelegationGranted | DelegationVaried | DelegationSuspended | DelegationReinstated | DelegationRevoked;

/** Every delegation made on behalf of one organisation is in one stream: its scheme of delegation. */
export const schemeStreamId = (organisationId: string) => `scheme-${organisationId}`;
