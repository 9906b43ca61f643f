import type { AuthorityLink, Instrument } from '@ledger/governance';
import { nameOf, type Names } from '../decisions/decision-summary.js';
import { termsInWords } from '../delegations/delegation-terms.js';
import { segment, type Link } from '../page.js';

export interface ChainLink {
  /** The delegate, as the chain reaches it. */
  to: string;
  delegation: Link;
  /** "adult social care, bcf; up to £500,000; may not delegate further". */
  terms: string;
  instrument: { text: string; href: string | null } | null;
}

/** A chain of authority as drawn: where it starts (the governing body) and each delegation down to the holder. */
export interface Chain {
  start: string;
  links: ChainLink[];
}

/** A chain from the governing body down to a holder, each delegation linked with its terms and (when known) its instrument. */
export function presentChain(chain: readonly AuthorityLink[], holderId: string, organisationId: string, instruments: Readonly<Record<string, Instrument>>, names: Names): Chain {
  return {
    start: chain.length === 0 ? `${nameOf(names, holderId)} is the governing body itself: it needs no delegation.` : nameOf(names, chain[0].fromId),
    links: chain.map((link) => {
      const instrument = instruments[link.delegationId];
      const scheme = link.organisationId ?? organisationId;
      return {
        to: nameOf(names, link.toId),
        delegation: { text: link.delegationId, href: `/organisations/${segment(scheme)}/delegations/${segment(link.delegationId)}` },
        terms: termsInWords(link),
        instrument: instrument ? { text: [instrument.title, instrument.reference].filter(Boolean).join(', '), href: instrument.url } : null,
      };
    }),
  };
}

/** Every id a set of chains shows a name for, and the delegations they run through. */
export const chainNameIds = (chains: readonly (readonly AuthorityLink[])[]): string[] => chains.flat().flatMap((link) => [link.fromId, link.toId]);
export const chainDelegationIds = (chains: readonly (readonly AuthorityLink[])[]): string[] => [...new Set(chains.flat().map((link) => link.delegationId))];
