import { londonDate, type HolderAuthority, type Instrument } from '@ledger/governance';
import type { BodyView, MembershipView } from '@ledger/read-models';
import { nameOf, type Names } from '../decisions/decision-summary.js';
import { frame, segment, type Link, type Page } from '../page.js';
import { bodyKindName } from '../kinds.js';
import { chainDelegationIds, chainNameIds, presentChain, type Chain } from '../authority/authority-chain.js';
import { lastDayBefore, londonDay, pounds, sentenceCase, words } from '../plain-english.js';

export interface MemberRow {
  member: string;
  role: string;
  onBehalfOf: string | null;
  term: string;
  /** Why it ended early, when it did. */
  ended: string | null;
}

export interface BodyContent {
  name: string;
  caption: string;
  facts: { key: { text: string }; value: { text: string } }[];
  organisations: Link[];
  termsOfReference: string | null;
  /** The date the members are shown for, as "8 November 2018", and as the form's field takes it. */
  at: { text: string; value: string };
  members: MemberRow[];
  history: MemberRow[];
  decisions: Link;
  /** What it could decide on that date, for each organisation: each function, its limit and the chain that grants it. */
  authority: { organisation: Link; governingBody: boolean; scopes: { scope: string; limit: string; chain: Chain }[] }[];
}

function memberRow(membership: MembershipView, names: Names): MemberRow {
  const member = membership.memberName ?? nameOf(names, membership.memberOrganisationId ?? '');
  const until = membership.endDate === null ? 'until further notice' : `to ${lastDayBefore(membership.endDate)}`;
  return {
    member,
    role: sentenceCase(membership.role),
    onBehalfOf: membership.onBehalfOfOrganisationId ? nameOf(names, membership.onBehalfOfOrganisationId) : null,
    term: `From ${londonDay(membership.startDate)} ${until}`,
    ended: membership.ended ? `Ended early${membership.ended.reason ? `: ${membership.ended.reason}` : ''}` : null,
  };
}

/** A body's page: what it is, who sat on it at a date (with the whole history), and a way to its decisions. */
export function presentBody(body: BodyView, authority: HolderAuthority, instruments: Readonly<Record<string, Instrument>>, names: Names): Page<BodyContent> {
  const organisationIds = [...(body.organisationId ? [body.organisationId] : []), ...body.memberOrganisationIds.filter((id) => id !== body.organisationId)];
  return {
    page: frame(`${body.name} on ${londonDay(body.at)}`, { text: body.name, href: `/bodies/${segment(body.id)}` }),
    name: body.name,
    caption: bodyKindName(body.kind),
    facts: [
      { key: { text: 'Kind' }, value: { text: bodyKindName(body.kind) } },
      { key: { text: 'Established' }, value: { text: londonDay(body.establishedOn) } },
      ...(body.dissolvedOn ? [{ key: { text: 'Dissolved' }, value: { text: londonDay(body.dissolvedOn) } }] : []),
      ...body.governs.map((term) => ({
        key: { text: 'Governing body of' },
        value: { text: `${nameOf(names, term.organisationId)}, from ${londonDay(term.from)}${term.until ? ` until ${londonDay(term.until)}` : ''}` },
      })),
      { key: { text: 'Ledger id' }, value: { text: body.id } },
    ],
    organisations: organisationIds.map((id) => ({ text: nameOf(names, id), href: `/organisations/${segment(id)}` })),
    termsOfReference: body.termsOfReference,
    at: { text: londonDay(body.at), value: londonDate(body.at) },
    members: body.members.map((membership) => memberRow(membership, names)),
    history: body.history.map((membership) => memberRow(membership, names)),
    decisions: { text: `Decisions register of ${body.name}`, href: `/bodies/${segment(body.id)}/decisions` },
    authority: authority.organisations.map((held) => ({
      organisation: { text: nameOf(names, held.organisationId), href: `/organisations/${segment(held.organisationId)}` },
      governingBody: held.governingBody,
      scopes: held.scopes.map((granted) => ({
        scope: words(granted.scope),
        limit: granted.limitPence === null ? 'no financial limit' : `up to ${pounds(granted.limitPence)}`,
        chain: presentChain(granted.chain, body.id, held.organisationId, instruments, names),
      })),
    })),
  };
}

/** Every id the page shows a name for. */
export const bodyNameIds = (body: BodyView, authority: HolderAuthority): string[] => [
  ...authority.organisations.flatMap((held) => [held.organisationId, ...chainNameIds(held.scopes.map((granted) => granted.chain))]),
  ...(body.organisationId ? [body.organisationId] : []),
  ...body.memberOrganisationIds,
  ...body.governs.map((term) => term.organisationId),
  ...body.history.flatMap((membership) => [membership.memberOrganisationId, membership.onBehalfOfOrganisationId].filter((id): id is string => id !== null)),
];

/** The delegations the authority it held runs through. */
export const heldDelegationIds = (authority: HolderAuthority): string[] => chainDelegationIds(authority.organisations.flatMap((held) => held.scopes.map((granted) => granted.chain)));
