import { organisationExistsAt } from '../organisations/organisation.state.js';
import type { Instant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';
import { scopeCovers } from '../shared/scope.js';
import type { AuthorityLink } from './authority-answer.js';
import type { AuthoritySources, ChainLink, DelegationsAt } from './delegation-chains.js';
import { MAX_CHAIN_LINKS, compareChains, delegationsAt, toAuthorityLink } from './delegation-chains.js';

export interface HolderAuthorityQuestion {
  holderId: string;
  at: Instant;
}

/** One scope the holder may decide, up to a limit (the smallest on the chain; null for none), and the chain that grants it. */
export interface ScopeAuthority {
  scope: Scope;
  limitPence: number | null;
  chain: AuthorityLink[];
}

export interface OrganisationAuthority {
  organisationId: string;
  /** The holder is the organisation's governing body, holding all its functions without limit. */
  governingBody: boolean;
  /** Ordered by scope, then highest limit first; a scope granted through several chains appears once per chain. */
  scopes: ScopeAuthority[];
}

/** What `GET /v1/authority?holderId&at` answers: every scope the holder may decide at `at`, per organisation. */
export interface HolderAuthority {
  holderId: string;
  at: Instant;
  organisations: OrganisationAuthority[];
}

/**
 * Every scope a holder may decide at an instant, for each organisation whose sources are given
 * (the handler passes those whose schemes name the holder, or where it is the governing body), by
 * the same rule as `checkAuthority`: chains of at most 8 delegations in force from the governing
 * body, every link but the last allowing further delegation. A chain grants the scopes every link
 * covers, among the organisation's functions, up to the smallest limit on it.
 */
export function authorityOfHolder(question: HolderAuthorityQuestion, sources: readonly AuthoritySources[]): HolderAuthority {
  const organisations: OrganisationAuthority[] = [];
  for (const source of sources) {
    const view = delegationsAt(source, question.at);
    const organisation = view.organisation;
    if (!organisation || !organisationExistsAt(organisation, question.at) || view.governingBodyId === undefined) continue;
    if (question.holderId === view.governingBodyId) {
      const scopes = [...organisation.functions].sort().map((scope) => ({ scope, limitPence: null, chain: [] }));
      organisations.push({ organisationId: organisation.organisationId, governingBody: true, scopes });
      continue;
    }
    const scopes = grantsTo(view, question.holderId, organisation.functions);
    if (scopes.length > 0) organisations.push({ organisationId: organisation.organisationId, governingBody: false, scopes });
  }
  organisations.sort((a, b) => (a.organisationId < b.organisationId ? -1 : a.organisationId > b.organisationId ? 1 : 0));
  return { holderId: question.holderId, at: question.at, organisations };
}

function grantsTo(view: DelegationsAt, holderId: string, functions: readonly Scope[]): ScopeAuthority[] {
  const root = view.governingBodyId!;
  const found: { scopes: Scope[]; limitPence: number | null; chain: ChainLink[] }[] = [];
  const path: ChainLink[] = [];
  const onPath = new Set<string>([holderId]);

  const walk = (holder: string, scopes: readonly Scope[], limitPence: number | null, linksLeft: number): void => {
    for (const counted of view.into(holder)) {
      if (counted.lapsed || counted.standing.status !== 'in-force') continue;
      const terms = counted.standing.terms;
      if (holder !== holderId && !terms.mayRedelegate) continue;
      const narrowed = intersectScopes(scopes, terms.scopes);
      if (narrowed.length === 0) continue;
      const limit = smallerLimit(limitPence, terms.limitPence);
      const link: ChainLink = { counted, terms };
      if (counted.fromId === root) {
        found.push({ scopes: narrowed, limitPence: limit, chain: [link, ...path.toReversed()] });
      } else if (linksLeft > 1 && !onPath.has(counted.fromId)) {
        onPath.add(counted.fromId);
        path.push(link);
        walk(counted.fromId, narrowed, limit, linksLeft - 1);
        path.pop();
        onPath.delete(counted.fromId);
      }
    }
  };
  walk(holderId, functions, null, MAX_CHAIN_LINKS);

  const grants = found.flatMap(({ scopes, limitPence, chain }) => scopes.map((scope) => ({ scope, limitPence, chain })));
  grants.sort((a, b) => {
    if (a.scope !== b.scope) return a.scope < b.scope ? -1 : 1;
    if (a.limitPence !== b.limitPence) return a.limitPence === null ? -1 : b.limitPence === null ? 1 : b.limitPence - a.limitPence;
    return compareChains(a.chain, b.chain);
  });
  return grants.map(({ scope, limitPence, chain }) => ({ scope, limitPence, chain: chain.map(toAuthorityLink) }));
}

function smallerLimit(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** The scopes both lists cover (`community-services` and `community-services/children` share the latter), without redundancy. */
export function intersectScopes(left: readonly Scope[], right: readonly Scope[]): Scope[] {
  const shared = new Set<Scope>();
  for (const a of left) {
    for (const b of right) {
      if (scopeCovers(a, b)) shared.add(b);
      else if (scopeCovers(b, a)) shared.add(a);
    }
  }
  return [...shared].filter((scope) => ![...shared].some((other) => other !== scope && scopeCovers(other, scope))).sort();
}
