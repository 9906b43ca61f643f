import type { DelegationTermChange } from '@ledger/governance';
import type { DelegationTermsView } from '@ledger/read-models';
import { lastDayBefore, pounds, words } from '../plain-english.js';

/** "adult social care, bcf; up to £500,000; until 31 March 2024; may not delegate further" (the last left out when not known). */
export function termsInWords(terms: Omit<DelegationTermsView, 'mayRedelegate'> & { mayRedelegate?: boolean }): string {
  return [
    terms.scopes.map(words).join(', '),
    terms.limitPence === null ? 'no financial limit' : `up to ${pounds(terms.limitPence)}`,
    ...(terms.effectiveUntil ? [`until ${lastDayBefore(terms.effectiveUntil)}`] : []),
    ...(terms.mayRedelegate === undefined ? [] : [terms.mayRedelegate ? 'may delegate further' : 'may not delegate further']),
  ].join('; ');
}

/** "the limit to £750,000" and the like, for a variation. */
export function changeInWords(change: DelegationTermChange): string {
  switch (change.term) {
    case 'scopes':
      return `what it covers to ${change.to.map(words).join(', ')}`;
    case 'limitPence':
      return change.to === null ? 'no financial limit' : `the limit to ${pounds(change.to)}`;
    case 'effectiveUntil':
      return change.to === null ? 'no end date' : `the end to ${lastDayBefore(change.to)}`;
    case 'mayRedelegate':
      return change.to ? 'that it may be delegated further' : 'that it may not be delegated further';
  }
}
