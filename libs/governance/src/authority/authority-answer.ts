import type { Instant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';

/** One delegation on a chain of authority, as API.md's `/v1/authority/check` shows it. */
export interface AuthorityLink {
  delegationId: string;
  fromId: string;
  toId: string;
  scopes: Scope[];
  limitPence: number | null;
  effectiveFrom: Instant;
  effectiveUntil: Instant | null;
  /** Whether the delegate may pass this authority on (as varied up to the instant asked about). */
  mayRedelegate?: boolean;
  /**
   * The organisation on whose behalf the delegation was made (its scheme). It differs from the
   * organisation asked about when the delegation transferred from a dissolved predecessor.
   */
  organisationId?: string;
}

/**
 * Whether a holder may decide scopes and an amount for an organisation at an instant, with proof:
 * every chain from the organisation's governing body that grants it (an empty chain when the holder
 * is the governing body itself), or, when refused, the reasons in plain English.
 */
export interface AuthorityAnswer {
  allowed: boolean;
  chains: AuthorityLink[][];
  reasons: string[];
}

export interface AuthorityQuestion {
  holderId: string;
  organisationId: string;
  scopes: Scope[];
  /** Integer pence; null when the matter has no value. */
  amountPence: number | null;
  at: Instant;
}

/**
 * What an accepted ratification records about its authority: the question, the answer's chains,
 * and the stream versions the answer was read at (e.g. `scheme-wiltshire-council@v37`).
 */
export interface AuthorityBasis extends AuthorityQuestion {
  chains: AuthorityLink[][];
  readAt: { streamId: string; version: number }[];
}

/** The answer a recorded decision's basis gives: allowed, by the chains it kept. */
export function answerOfBasis(basis: AuthorityBasis): AuthorityAnswer {
  return { allowed: true, chains: basis.chains, reasons: [] };
}
