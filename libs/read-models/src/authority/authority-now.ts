import type { ProposalView, RatificationView } from '../proposals/proposals.views.js';
import type { AuthorityQueries } from './authority-queries.js';

/**
 * Whether a decision's authority still holds on what the ledger knows now: its recorded question
 * asked again. `since` says which event's recording made it lapse — a revocation recorded today
 * with an effective date before the decision, say — so both time axes are in the answer: the
 * reasons name the valid time (the effective dates), `since` the record time.
 */
export interface AuthorityNow {
  holds: boolean;
  /** Why it no longer holds, in plain English; empty while it holds. */
  reasons: string[];
  /** The event whose recording made it lapse; null while it holds (or when it never held). */
  since: AuthorityLapse | null;
}

/** The event on whose recording a decision's authority lapsed. */
export interface AuthorityLapse {
  position: string;
  recordedAt: string;
  streamId: string;
  streamVersion: number;
  type: string;
}

/** A decision as shown, with whether its authority still holds. */
export type WithAuthorityNow<T> = T & { authorityNow: AuthorityNow | null };

/** Each decision with `authorityNow`, judged on one read of the facts. */
export async function withAuthorityNow<T extends RatificationView>(decisions: readonly T[], authority: AuthorityQueries): Promise<WithAuthorityNow<T>[]> {
  const judged = await authority.authorityNow(decisions);
  return decisions.map((decision, index) => ({ ...decision, authorityNow: judged[index] }));
}

/** A proposal whose decisions — on its route and in its list of ratifications — say whether their authority still holds. */
export async function proposalWithAuthorityNow(view: ProposalView, authority: AuthorityQueries): Promise<ProposalView> {
  const ratifications = await withAuthorityNow(view.ratifications, authority);
  const byId = new Map(ratifications.map((ratification) => [ratification.id, ratification.authorityNow]));
  return {
    ...view,
    ratifications,
    route: view.route.map((step) => (step.decision ? { ...step, decision: { ...step.decision, authorityNow: byId.get(step.decision.id) ?? null } } : step)),
  };
}
