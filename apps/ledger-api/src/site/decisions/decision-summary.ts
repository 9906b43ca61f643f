import type { RatificationView } from '@ledger/read-models';
import { segment, type Link } from '../page.js';
import { londonDay, shown } from '../plain-english.js';
import { outcomeTag, type Tag } from '../tags.js';

/** Names of organisations, bodies and posts by id; an id with no name is shown as itself. */
export type Names = Record<string, string>;

export const nameOf = (names: Names, id: string): string => names[id] ?? id;

/** Where a decision's page is. */
export const decisionHref = (decision: Pick<RatificationView, 'proposalId' | 'id'>): string => `/proposals/${segment(decision.proposalId)}/decisions/${segment(decision.id)}`;

/** Where a body's (or post's) page is. */
export const deciderHref = (decision: Pick<RatificationView, 'deciderId' | 'deciderKind'>): string | null => (decision.deciderKind === 'body' ? `/bodies/${segment(decision.deciderId)}` : null);

/** A decision in a list: what was decided, by whom, when, with what outcome. */
export interface DecisionLine {
  proposal: Link;
  decision: Link;
  decider: { text: string; href: string | null };
  decidedOn: string;
  outcome: Tag;
  /** "Exempt: Schedule 12A, paragraph 3" when part of the matter is exempt. */
  exempt: string | null;
}

export function decisionLine(decision: RatificationView, names: Names): DecisionLine {
  return {
    proposal: { text: decision.proposalTitle, href: `/proposals/${segment(decision.proposalId)}` },
    decision: { text: `Decision of ${londonDay(decision.decidedOn)}`, href: decisionHref(decision) },
    decider: { text: nameOf(names, decision.deciderId), href: deciderHref(decision) },
    decidedOn: londonDay(decision.decidedOn),
    outcome: outcomeTag(decision.outcome),
    exempt: decision.exemptParagraph === null ? null : shown(`[exempt: Schedule 12A paragraph ${decision.exemptParagraph}]`),
  };
}

/** Every id a list of decisions shows a name for. */
export const deciderIds = (decisions: readonly RatificationView[]): string[] => decisions.flatMap((decision) => [decision.deciderId, ...(decision.organisationId ? [decision.organisationId] : [])]);
