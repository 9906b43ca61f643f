import { RATIFICATION_OUTCOMES } from '@ledger/governance';
import type { Page as ListPage, RatificationView, WithAuthorityNow } from '@ledger/read-models';
import { frame, keptFilters, options, queryOf, type Option, type Page } from '../page.js';
import { sentenceCase } from '../plain-english.js';
import { decisionLine, type DecisionLine, type Names } from './decision-summary.js';

export interface DecisionRegisterFilters {
  organisationId?: string;
  outcome?: string;
  authority?: string;
  callIn?: string;
  keyDecision?: string;
  from?: string;
  to?: string;
}


export interface DecisionRegisterContent {
  heading: string;
  /** What the filters keep, in a sentence; null without filters. */
  lead: string | null;
  filters: Required<DecisionRegisterFilters>;
  outcomes: Option[];
  authorities: Option[];
  callIns: Option[];
  keyDecisions: Option[];
  decisions: (DecisionLine & { authorityNow: string | null })[];
  next: string | null;
}

/** Every decision (the ratification register), newest first, with the API's filters — `authority=lapsed` being the decisions whose authority is in doubt. */
export function presentDecisionRegister(filters: DecisionRegisterFilters, page: ListPage<WithAuthorityNow<RatificationView>>, names: Names): Page<DecisionRegisterContent> {
  const kept = keptFilters({ ...filters });
  const lapsed = filters.authority === 'lapsed';
  return {
    page: frame(lapsed ? 'Decisions whose authority is in doubt' : 'Decisions', { text: 'Decisions', href: '/decisions' }),
    heading: lapsed ? 'Decisions whose authority is in doubt' : 'Decisions',
    lead: lapsed ? 'Decisions taken under delegated authority that, on what the ledger knows now, no longer holds: a delegation revoked or varied with effect from before the decision, say.' : null,
    filters: { organisationId: '', outcome: '', authority: '', callIn: '', keyDecision: '', from: '', to: '', ...kept },
    outcomes: options(RATIFICATION_OUTCOMES, filters.outcome, sentenceCase),
    authorities: options(['lapsed', 'holds'], filters.authority, (value) => (value === 'lapsed' ? 'No longer holds' : 'Still holds')),
    callIns: options(['open', 'lodged'], filters.callIn, (value) => (value === 'open' ? 'Open to call-in' : 'Called in')),
    keyDecisions: options(['true', 'false'], filters.keyDecision, (value) => (value === 'true' ? 'Key decisions' : 'Other decisions')),
    decisions: page.items.map((decision) => ({
      ...decisionLine(decision, names),
      authorityNow: decision.authorityNow ? (decision.authorityNow.holds ? null : decision.authorityNow.reasons.join(' ') || 'Its authority no longer holds.') : null,
    })),
    next: page.nextCursor ? `/decisions${queryOf({ ...kept, cursor: page.nextCursor })}` : null,
  };
}
