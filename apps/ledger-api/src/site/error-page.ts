import type { Problem } from '../problems/problem.js';
import { frame, type Page } from './page.js';

export interface ErrorContent {
  heading: string;
  /** What went wrong and what the reader can do, a paragraph each. */
  paragraphs: string[];
  /** The problem's own words, when they help (a filter that is not valid, say). */
  detail: string | null;
}

/** The page for a refused or failed request, in the site's design, from the problem the API would answer. */
export function presentError(problem: Problem): Page<ErrorContent> {
  switch (problem.status) {
    case 400:
      return { page: frame('There is a problem with the address'), heading: 'There is a problem with the address', paragraphs: ['Check the filters and dates in the address, then try again.'], detail: problem.detail };
    case 401:
    case 403:
      return { page: frame('Sign in to read this'), heading: 'Sign in to read this', paragraphs: ['This ledger shows its registers only to people who have signed in.'], detail: null };
    case 404:
      return {
        page: frame('Page not found'),
        heading: 'Page not found',
        paragraphs: ['If you typed the web address, check it is correct.', 'If you pasted the web address, check you copied the entire address.', 'The ledger may not hold this record: search the registers from the home page.'],
        detail: null,
      };
    case 503:
      return { page: frame('Sorry, the ledger is unavailable'), heading: 'Sorry, the ledger is unavailable', paragraphs: ['Its database cannot be reached just now. Try again in a few seconds.'], detail: null };
    default:
      return { page: frame('Sorry, there is a problem with the ledger'), heading: 'Sorry, there is a problem with the ledger', paragraphs: ['Try again later. The problem has been logged.'], detail: null };
  }
}
