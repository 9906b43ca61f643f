import type { PredecessorScheme } from '../authority/delegation-chains.js';
import type { OrganisationState } from '../organisations/organisation.state.js';
import type { Instant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';

/**
 * A body or post named as the giver or receiver of a delegation, as its own stream shows it; the
 * handler reads it. `exists` is false when no body or post has that id. The dates, when the stream
 * records them, are when the body was established and dissolved.
 */
export interface HolderFacts {
  id: string;
  kind: 'body' | 'post';
  exists: boolean;
  establishedOn?: Instant;
  dissolvedOn?: Instant;
}

/**
 * What the scheme's decider needs from other streams to judge a delegation, loaded by the handler:
 * the organisation the scheme belongs to, and the schemes of organisations it succeeded (their
 * transferred delegations can be what a delegate passes on). Absent predecessors mean none.
 */
export interface SchemeFacts {
  organisation: OrganisationState;
  predecessors?: PredecessorScheme[];
}

export interface GrantDelegation extends SchemeFacts {
  type: 'GrantDelegation';
  delegationId: string;
  organisationId: string;
  fromId: string;
  toId: string;
  scopes: Scope[];
  limitPence: number | null;
  effectiveFrom: Instant;
  effectiveUntil: Instant | null;
  mayRedelegate: boolean;
  /** A missing reference or url is recorded as null. */
  instrument: { title: string; reference?: string | null; url?: string | null };
  authorisedByProposalId: string | null;
  /** `fromId` and `toId` as their streams show them. */
  holders: HolderFacts[];
}

/** Changes the terms from `effectiveFrom`. An absent term is unchanged; `limitPence: null` removes the limit, `effectiveUntil: null` the end date. */
export interface VaryDelegation extends SchemeFacts {
  type: 'VaryDelegation';
  delegationId: string;
  organisationId: string;
  effectiveFrom: Instant;
  reason: string;
  scopes?: Scope[];
  limitPence?: number | null;
  effectiveUntil?: Instant | null;
  mayRedelegate?: boolean;
}

export interface SuspendDelegation {
  type: 'SuspendDelegation';
  delegationId: string;
  organisationId: string;
  effectiveFrom: Instant;
  reason: string;
}

export interface ReinstateDelegation {
  type: 'ReinstateDelegation';
  delegationId: string;
  organisationId: string;
  effectiveFrom: Instant;
  reason: string;
}

export interface RevokeDelegation {
  type: 'RevokeDelegation';
  delegationId: string;
  organisationId: string;
  effectiveFrom: Instant;
  reason: string;
}

export type SchemeCommand = GrantDelegation | VaryDelegation | SuspendDelegation | ReinstateDelegation | RevokeDelegation;
