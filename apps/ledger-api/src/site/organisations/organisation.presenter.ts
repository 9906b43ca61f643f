import type { DelegationView, OrganisationView } from '@ledger/read-models';
import type { Names } from '../decisions/decision-summary.js';
import { nameOf } from '../decisions/decision-summary.js';
import { frame, segment, type Link, type Page } from '../page.js';
import { organisationKindName } from '../kinds.js';
import { lastDayBefore, londonDay, words } from '../plain-english.js';

/** A row of a GOV.UK summary list: a key and its value as text. */
export interface SummaryRow {
  key: { text: string };
  value: { text: string };
}

export interface OrganisationContent {
  name: string;
  facts: SummaryRow[];
  /** For a dissolved organisation: what happened, in sentences ("NHS BSW ICB took over on 1 July 2022."). */
  dissolution: { sentences: string[]; successor: Link | null } | null;
  /** For a dissolved organisation: each of its delegations and whether it transferred or lapsed. */
  delegationsOnDissolution: { delegation: Link; from: string; to: string; effect: string }[];
  predecessors: { organisation: Link; sentence: string }[];
  governingBodies: { body: Link; term: string }[];
  bodies: Link[];
  /** The titles of its posts. */
  posts: string[];
  scheme: Link;
}

const term = (from: string, until: string | null): string => (until === null ? `Since ${londonDay(from)}` : `${londonDay(from)} to ${lastDayBefore(until)}`);

/** An organisation's page: what it is, its bodies and posts, and — once dissolved — who took over and what became of its delegations. */
export function presentOrganisation(organisation: OrganisationView, delegations: DelegationView[], names: Names): Page<OrganisationContent> {
  const href = `/organisations/${segment(organisation.id)}`;
  const dissolution = organisation.dissolution;
  const successorName = organisation.successor?.name ?? null;
  return {
    page: frame(organisation.name, { text: 'Organisations', href: '/#organisations' }),
    name: organisation.name,
    facts: [
      { key: { text: 'Kind' }, value: { text: organisationKindName(organisation.kind) } },
      { key: { text: 'Functions' }, value: { text: organisation.functions.map(words).join(', ') || 'None recorded' } },
      { key: { text: 'Established' }, value: { text: londonDay(organisation.establishedOn) } },
      { key: { text: 'Ledger id' }, value: { text: organisation.id } },
    ],
    dissolution: dissolution
      ? {
          sentences: [
            `${organisation.name} was dissolved at the end of ${lastDayBefore(dissolution.dissolvedOn)}.`,
            successorName
              ? `${successorName} took over on ${londonDay(dissolution.dissolvedOn)}, and ${dissolution.transferDelegations ? 'the delegations made for it transferred to its successor' : 'the delegations made for it lapsed'}.`
              : 'No organisation took over from it; the delegations made for it lapsed.',
          ],
          successor: organisation.successor ? { text: organisation.successor.name, href: `/organisations/${segment(organisation.successor.id)}` } : null,
        }
      : null,
    delegationsOnDissolution: dissolution
      ? delegations.map((delegation) => ({
          delegation: { text: delegation.delegationId, href: `${href}/delegations/${segment(delegation.delegationId)}` },
          from: nameOf(names, delegation.fromId),
          to: nameOf(names, delegation.toId),
          effect: delegation.organisationDissolution?.effect === 'transferred' ? `Transferred to ${successorName ?? 'its successor'}` : 'Lapsed',
        }))
      : [],
    predecessors: organisation.predecessors.map((predecessor) => ({
      organisation: { text: predecessor.name, href: `/organisations/${segment(predecessor.id)}` },
      sentence: `Took over on ${londonDay(predecessor.succeededOn)}; its delegations ${predecessor.transferDelegations ? 'transferred' : 'lapsed'}.`,
    })),
    governingBodies: organisation.governingBodies.map((governing) => ({ body: { text: governing.name, href: `/bodies/${segment(governing.bodyId)}` }, term: term(governing.from, governing.until) })),
    bodies: organisation.bodies.map((body) => ({ text: body.name, href: `/bodies/${segment(body.id)}` })),
    posts: organisation.posts.map((post) => post.title),
    scheme: { text: `Scheme of delegation of ${organisation.name}`, href: `${href}/delegations` },
  };
}

/** Every id the page shows a name for. */
export const delegationPartyIds = (delegations: readonly DelegationView[]): string[] => delegations.flatMap((delegation) => [delegation.fromId, delegation.toId]);
