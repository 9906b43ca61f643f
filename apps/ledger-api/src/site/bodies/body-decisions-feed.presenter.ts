import type { BodyView, RatificationView } from '@ledger/read-models';
import { decisionHref } from '../decisions/decision-summary.js';
import { segment } from '../page.js';
import { londonDay, sentenceCase, shown } from '../plain-english.js';

export interface FeedEntry {
  id: string;
  title: string;
  href: string;
  updated: string;
  summary: string;
}

export interface DecisionsFeed {
  id: string;
  title: string;
  href: string;
  self: string;
  updated: string;
  entries: FeedEntry[];
}

/** A body's latest decisions as an Atom feed (RFC 4287): one entry per decision, newest first. */
export function presentBodyDecisionsFeed(body: Pick<BodyView, 'id' | 'name' | 'establishedOn'>, decisions: RatificationView[], origin: string): DecisionsFeed {
  const href = `${origin}/bodies/${segment(body.id)}/decisions`;
  const entries = decisions.map((decision) => ({
    id: `${origin}${decisionHref(decision)}`,
    title: `${sentenceCase(decision.outcome)}: ${decision.proposalTitle}`,
    href: `${origin}${decisionHref(decision)}`,
    updated: new Date(decision.recordedAt).toISOString(),
    summary: `Decided on ${londonDay(decision.decidedOn)}.${decision.reasons ? ` ${shown(decision.reasons)}` : ''}`,
  }));
  return {
    id: href,
    title: `Decisions of ${body.name}`,
    href,
    self: `${href}.atom`,
    updated: entries.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), new Date(body.establishedOn).toISOString()),
    entries,
  };
}
