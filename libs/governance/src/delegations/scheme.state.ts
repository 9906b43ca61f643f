import type { Instant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';
import { PersistentMap } from './persistent-map.js';
import type { DelegationTermChange, Instrument } from './scheme.events.js';

/** What a delegation allows at some moment; variations change these from their effective dates. */
export interface DelegationTerms {
  scopes: Scope[];
  limitPence: number | null;
  effectiveUntil: Instant | null;
  mayRedelegate: boolean;
}

export interface Variation {
  effectiveFrom: Instant;
  reason: string;
  changes: DelegationTermChange[];
}

/** A period `[from, until)` in which the delegation was suspended; `until` is null while no reinstatement is recorded. */
export interface Suspension {
  from: Instant;
  until: Instant | null;
  reason: string;
  reinstatementReason: string | null;
}

/**
 * A delegation's valid-time history as any record of it holds it — the scheme's state, or a read
 * model's own record: what the rules below read to judge it at an instant (`termsAt`, `standingAt`,
 * `suspensionAt`, `openSuspension`).
 */
export interface RecordedDelegation {
  effectiveFrom: Instant;
  /** The terms as granted, before any variation. */
  granted: DelegationTerms;
  /** Ordered by effective date, then in the order recorded (a later record of the same date wins). */
  variations: readonly Pick<Variation, 'effectiveFrom' | 'changes'>[];
  /** Ordered and never overlapping. */
  suspensions: readonly Suspension[];
  revocation: { effectiveFrom: Instant; reason: string } | null;
}

/** One delegation with its whole valid-time history, so that it can be judged at any instant. */
export interface Delegation extends RecordedDelegation {
  delegationId: string;
  organisationId: string;
  fromId: string;
  toId: string;
  variations: readonly Variation[];
  instrument: Instrument;
  authorisedByProposalId: string | null;
}

/**
 * A scheme of delegation: every delegation made on behalf of one organisation. Indexed by the
 * holder that received each delegation, because an authority check walks from the holder back
 * towards the governing body. Both maps are persistent (each event copies a small part of them), so
 * folding a scheme of thousands of events stays fast and every folded version stays valid.
 */
export interface SchemeState {
  delegations: PersistentMap<Delegation>;
  /** Ids of the delegations each holder received, in the order granted. */
  delegationIdsByHolder: PersistentMap<readonly string[]>;
}

export const emptyScheme: SchemeState = { delegations: PersistentMap.empty(), delegationIdsByHolder: PersistentMap.empty() };

/** How a delegation stands at an instant: in force with its terms as varied by then, or why not. */
export type DelegationStanding =
  | { status: 'in-force'; terms: DelegationTerms }
  | { status: 'not-yet-in-force'; from: Instant }
  | { status: 'expired'; from: Instant }
  | { status: 'suspended'; from: Instant; until: Instant | null }
  | { status: 'revoked'; from: Instant };

/** The terms in force at `at`: the grant, with every variation effective by then applied in date order. */
export function termsAt(delegation: RecordedDelegation, at: Instant): DelegationTerms {
  let terms = delegation.granted;
  for (const variation of delegation.variations) {
    if (variation.effectiveFrom > at) break;
    terms = applyChanges(terms, variation.changes);
  }
  return terms;
}

export function applyChanges(terms: DelegationTerms, changes: readonly DelegationTermChange[]): DelegationTerms {
  let next = terms;
  for (const change of changes) next = { ...next, [change.term]: change.to };
  return next;
}

export function standingAt(delegation: RecordedDelegation, at: Instant): DelegationStanding {
  if (at < delegation.effectiveFrom) return { status: 'not-yet-in-force', from: delegation.effectiveFrom };
  const terms = termsAt(delegation, at);
  const revokedFrom = delegation.revocation && delegation.revocation.effectiveFrom <= at ? delegation.revocation.effectiveFrom : null;
  const expiredFrom = terms.effectiveUntil !== null && terms.effectiveUntil <= at ? terms.effectiveUntil : null;
  if (revokedFrom !== null && (expiredFrom === null || revokedFrom <= expiredFrom)) return { status: 'revoked', from: revokedFrom };
  if (expiredFrom !== null) return { status: 'expired', from: expiredFrom };
  const suspension = suspensionAt(delegation, at);
  if (suspension) return { status: 'suspended', from: suspension.from, until: suspension.until };
  return { status: 'in-force', terms };
}

export function suspensionAt(delegation: RecordedDelegation, at: Instant): Suspension | undefined {
  return delegation.suspensions.find((suspension) => suspension.from <= at && (suspension.until === null || at < suspension.until));
}

/** The suspension no reinstatement has ended yet, if any. */
export function openSuspension(delegation: RecordedDelegation): Suspension | undefined {
  const last = delegation.suspensions.at(-1);
  return last && last.until === null ? last : undefined;
}

/** The delegations a holder received in this scheme, in the order granted. */
export function delegationsTo(scheme: SchemeState, holderId: string): Delegation[] {
  const ids = scheme.delegationIdsByHolder.get(holderId) ?? [];
  return ids.map((id) => scheme.delegations.get(id)).filter((delegation): delegation is Delegation => delegation !== undefined);
}
