import { londonDate } from '@ledger/governance';
import type { DelegationView, OrganisationView } from '@ledger/read-models';
import { nameOf, type Names } from '../decisions/decision-summary.js';
import { frame, segment, type Link, type Page } from '../page.js';
import { londonDay } from '../plain-english.js';
import { termsInWords } from './delegation-terms.js';

/** One delegation in the scheme, with the delegations its delegate made in turn. */
export interface SchemeEntry {
  to: string;
  delegation: Link;
  terms: string;
  since: string;
  instrument: { text: string; href: string | null };
  /** "Transferred to …" or "Lapsed" for a dissolved organisation's delegation. */
  note: string | null;
  below: SchemeEntry[];
}

export interface SchemeContent {
  organisation: Link;
  at: { text: string; value: string };
  /** The governing body the scheme starts from at that date; null when the organisation had none. */
  top: string | null;
  entries: SchemeEntry[];
  /** Delegations in force whose delegator no chain from the governing body reaches (made by a body that has since left the scheme, say). */
  apart: SchemeEntry[];
}

/**
 * An organisation's scheme of delegation at a date, as a readable document: from the governing body
 * down, each delegation nested under the one that gave its delegator the authority it passes on.
 */
export function presentScheme(organisation: OrganisationView, at: string, delegations: DelegationView[], names: Names): Page<SchemeContent> {
  const organisationHref = `/organisations/${segment(organisation.id)}`;
  const moment = Date.parse(at);
  const governing = organisation.governingBodies.find((term) => Date.parse(term.from) <= moment && (term.until === null || moment < Date.parse(term.until))) ?? null;
  const byDelegator = new Map<string, DelegationView[]>();
  for (const delegation of delegations) byDelegator.set(delegation.fromId, [...(byDelegator.get(delegation.fromId) ?? []), delegation]);
  const placed = new Set<string>();
  const entriesFrom = (delegatorId: string, seen: Set<string>): SchemeEntry[] =>
    (byDelegator.get(delegatorId) ?? [])
      .filter((delegation) => !placed.has(delegation.delegationId))
      .map((delegation) => {
        placed.add(delegation.delegationId);
        const deeper = seen.has(delegation.toId) ? [] : entriesFrom(delegation.toId, new Set([...seen, delegation.toId]));
        return {
          to: nameOf(names, delegation.toId),
          delegation: { text: delegation.delegationId, href: `${organisationHref}/delegations/${segment(delegation.delegationId)}` },
          terms: termsInWords(delegation),
          since: `Since ${londonDay(delegation.effectiveFrom)}`,
          instrument: { text: [delegation.instrument.title, delegation.instrument.reference].filter(Boolean).join(', '), href: delegation.instrument.url },
          note:
            delegation.organisationDissolution === null
              ? null
              : delegation.organisationDissolution.effect === 'transferred'
                ? `Made by ${nameOf(names, delegation.organisationId)}; transferred to ${nameOf(names, delegation.organisationDissolution.successorId ?? '')} when it was dissolved`
                : `Lapsed when ${nameOf(names, delegation.organisationId)} was dissolved`,
          below: deeper,
        };
      });
  const entries = governing ? entriesFrom(governing.bodyId, new Set([governing.bodyId])) : [];
  const apart = [...byDelegator.keys()].flatMap((delegatorId) => entriesFrom(delegatorId, new Set([delegatorId])));
  return {
    page: frame(`Scheme of delegation of ${organisation.name} on ${londonDay(at)}`, { text: organisation.name, href: organisationHref }, { text: 'Scheme of delegation', href: `${organisationHref}/delegations` }),
    organisation: { text: organisation.name, href: organisationHref },
    at: { text: londonDay(at), value: londonDate(at) },
    top: governing ? governing.name : null,
    entries,
    apart,
  };
}

export const schemePartyIds = (delegations: readonly DelegationView[]): string[] =>
  delegations.flatMap((delegation) => [delegation.organisationId, delegation.fromId, delegation.toId, ...(delegation.organisationDissolution?.successorId ? [delegation.organisationDissolution.successorId] : [])]);
