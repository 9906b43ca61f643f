import { RATIFICATION_OUTCOMES } from '@ledger/governance';
import type { Page as ListPage, RatificationView, WithAuthorityNow } from '@ledger/read-models';
import { frame, type Page } from '../page.js';
import { sentenceCase } from '../plain-english.js';
import { decisionLine, type DecisionLine, type Names } from './decision-summary.js';

export interface DecisionRegisterFilters {
  organisationId?: string;
  outcome?: string;
  authority?: string;
  callIn?: string;
  from?: string;
  to?: string;
}

type Option = { value: string; text: string; selected: boolean };

export interface DecisionRegisterContent {
  heading: string;
  /** What the filters keep, in a sentence; null without filters. */
  lead: string | null;
  filters: Required<DecisionRegisterFilters>;
  outcomes: Option[];
  authorities: Option[];
  callIns: Option[];
  decisions: (DecisionLine & { authorityNow: string | null })[];
  next: string | null;
}

const options = (values: readonly string[], chosen: string | undefined, words: (value: string) => string, any = 'Any'): Option[] => [
  { value: '', text: any, selected: !chosen },
  ...values.map((value) => ({ value, text: words(value), selected: chosen === value })),
];

/** Every decision (the ratification register), newest first, with the API's filters — `authority=lapsed` being the decisions whose authority is in doubt. */
export function presentDecisionRegister(filters: DecisionRegisterFilters, page: ListPage<WithAuthorityNow<RatificationView>>, names: Names): Page<DecisionRegisterContent> {
  const kept = Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const lapsed = filters.authority === 'lapsed';
  return {
    page: frame(lapsed ? 'Decisions whose authority is in doubt' : 'Decisions', { text: 'Decisions', href: '/decisions' }),
    heading: lapsed ? 'Decisions whose authority is in doubt' : 'Decisions',
    lead: lapsed ? 'Decisions taken under delegated authority that, on what the ledger knows now, no longer holds: a delegation revoked or varied with effect from before the decision, say.' : null,
    filters: { organisationId: '', outcome: '', authority: '', callIn: '', from: '', to: '', ...kept },
    outcomes: options(RATIFICATION_OUTCOMES, filters.outcome, sentenceCase),
    authorities: options(['lapsed', 'holds'], filters.authority, (value) => (value === 'lapsed' ? 'No longer holds' : 'Still holds')),
    callIns: options(['open', 'lodged'], filters.callIn, (value) => (value === 'open' ? 'Open to call-in' : 'Called in')),
    decisions: page.items.map((decision) => ({
      ...decisionLine(decision, names),
      authorityNow: decision.authorityNow ? (decision.authorityNow.holds ? null : decision.authorityNow.reasons.join(' ') || 'Its authority no longer holds.') : null,
    })),
    next: page.nextCursor ? `/decisions?${new URLSearchParams({ ...kept, cursor: page.nextCursor }).toString()}` : null,
  };
}
