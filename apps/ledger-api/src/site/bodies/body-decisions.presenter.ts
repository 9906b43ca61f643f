import type { BodyView, Page as ListPage, RatificationView } from '@ledger/read-models';
import { decisionLine, type DecisionLine, type Names } from '../decisions/decision-summary.js';
import { RATIFICATION_OUTCOMES } from '@ledger/governance';
import { CALL_IN_FILTERS } from '@ledger/read-models';
import { frame, options, queryOf, segment, type Link, type Option, type Page } from '../page.js';
import { sentenceCase } from '../plain-english.js';

export interface BodyDecisionsContent {
  name: string;
  body: Link;
  /** The filters as asked, to fill the form again. */
  filters: { from: string; to: string };
  outcomes: Option[];
  callIns: Option[];
  keyDecisions: Option[];
  decisions: DecisionLine[];
  /** The next page, keeping the filters; null on the last. */
  next: string | null;
  /** The same register as CSV and as an Atom feed. */
  csv: string;
  feed: string;
}

export interface BodyDecisionsFilters {
  from?: string;
  to?: string;
  outcome?: string;
  callIn?: string;
  keyDecision?: boolean;
  cursor?: string;
  limit?: number;
}

/** A body's decisions register: newest first, filtered by date, a page at a time, with its CSV and feed. */
export function presentBodyDecisions(body: Pick<BodyView, 'id' | 'name'>, filters: BodyDecisionsFilters, page: ListPage<RatificationView>, names: Names): Page<BodyDecisionsContent> {
  const href = `/bodies/${segment(body.id)}/decisions`;
  const kept = { from: filters.from, to: filters.to, outcome: filters.outcome, callIn: filters.callIn, keyDecision: filters.keyDecision === undefined ? undefined : String(filters.keyDecision) };
  return {
    page: frame(`Decisions of ${body.name}`, { text: body.name, href: `/bodies/${segment(body.id)}` }, { text: 'Decisions', href }),
    name: body.name,
    body: { text: body.name, href: `/bodies/${segment(body.id)}` },
    filters: { from: filters.from ?? '', to: filters.to ?? '' },
    outcomes: options(RATIFICATION_OUTCOMES, filters.outcome, sentenceCase),
    callIns: options(CALL_IN_FILTERS, filters.callIn, (value) => (value === 'open' ? 'Open to call-in' : 'Called in')),
    keyDecisions: options(['true', 'false'], filters.keyDecision === undefined ? undefined : String(filters.keyDecision), (value) => (value === 'true' ? 'Key decisions' : 'Other decisions')),
    decisions: page.items.map((decision) => decisionLine(decision, names)),
    next: page.nextCursor ? `${href}${queryOf({ ...kept, cursor: page.nextCursor })}` : null,
    csv: `${href}.csv${queryOf(kept)}`,
    feed: `${href}.atom`,
  };
}
