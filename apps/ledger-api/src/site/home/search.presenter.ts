import type { SearchResults } from '@ledger/read-models';
import { bodyKindName, organisationKindName } from '../kinds.js';
import { frame, segment, type Link, type Page } from '../page.js';
import { londonDay } from '../plain-english.js';
import { statusTag, type Tag } from '../tags.js';

export interface SearchContent {
  words: string;
  /** "12 results for “wokingham”", or what to do when nothing matched. */
  summary: string;
  organisations: (Link & { kind: string })[];
  bodies: (Link & { kind: string })[];
  proposals: (Link & { status: Tag; tabledOn: string })[];
}

/** What a search of the registers found, each linked to its page. */
export function presentSearch(words: string, results: SearchResults): Page<SearchContent> {
  const found = results.organisations.length + results.bodies.length + results.proposals.length;
  return {
    page: frame(words === '' ? 'Search' : `Search: ${words}`, { text: 'Search', href: `/search?q=${encodeURIComponent(words)}` }),
    words,
    summary: words === '' ? 'Enter words to search for.' : found === 0 ? `Nothing in the ledger matches “${words}”. Try fewer words, or part of a name.` : `${found} ${found === 1 ? 'result' : 'results'} for “${words}”`,
    organisations: results.organisations.map((organisation) => ({ text: organisation.name, href: `/organisations/${segment(organisation.id)}`, kind: organisationKindName(organisation.kind) })),
    bodies: results.bodies.map((body) => ({ text: body.name, href: `/bodies/${segment(body.id)}`, kind: bodyKindName(body.kind) })),
    proposals: results.proposals.map((proposal) => ({ text: proposal.title, href: `/proposals/${segment(proposal.id)}`, status: statusTag(proposal.status as Parameters<typeof statusTag>[0]), tabledOn: londonDay(proposal.tabledOn) })),
  };
}
