import type { Delegation, DelegationStanding, DelegationTerms, SchemeState } from '../delegations/scheme.state.js';
import { standingAt } from '../delegations/scheme.state.js';
import type { OrganisationState, RegisteredOrganisation } from '../organisations/organisation.state.js';
import { governingBodyAt } from '../organisations/organisation.state.js';
import type { Instant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';
import { scopesCover } from '../shared/scope.js';
import type { AuthorityLink } from './authority-answer.js';

/** Chains of delegation are at most this many links long. */
export const MAX_CHAIN_LINKS = 8;

/** A dissolved organisation and its scheme; its delegations count for its successor when they transferred. */
export interface PredecessorScheme {
  organisation: OrganisationState;
  scheme: SchemeState;
}

/**
 * What an authority question about an organisation is answered from: the organisation, its scheme,
 * and the schemes of the organisations it succeeded (directly or through other successors).
 */
export interface AuthoritySources {
  organisation: OrganisationState;
  scheme: SchemeState;
  predecessors?: PredecessorScheme[];
}

/** A delegation as it counts for the organisation at one instant. */
export interface CountedDelegation {
  delegation: Delegation;
  /** The giver as the chain reads it: a dissolved predecessor's governing body stands as the successor's own. */
  fromId: string;
  standing: DelegationStanding;
  /** Set when the delegation was made for a predecessor dissolved without transferring its delegations. */
  lapsed: { organisationId: string; dissolvedOn: Instant } | null;
}

/** The delegations that count for an organisation at an instant, found by the holder that received them. */
export interface DelegationsAt {
  at: Instant;
  organisation: RegisteredOrganisation | undefined;
  governingBodyId: string | undefined;
  /** Every delegation the holder received that bears on the organisation at `at`, in force or not. */
  into(holderId: string): readonly CountedDelegation[];
}

interface CountedScheme {
  scheme: SchemeState;
  /** Bodies whose delegations are read as given by the organisation's governing body. */
  roots: ReadonlySet<string>;
  lapsed: CountedDelegation['lapsed'];
}

export function delegationsAt(sources: AuthoritySources, at: Instant): DelegationsAt {
  const organisation = sources.organisation.status === 'unregistered' ? undefined : sources.organisation;
  const governingBodyId = governingBodyAt(sources.organisation, at);
  const schemes: CountedScheme[] = [{ scheme: sources.scheme, roots: new Set(), lapsed: null }];

  if (organisation) {
    // Organisations whose delegations bear on this one at `at`, directly or through a successor, with the
    // dissolution that made them lapse when one in the line did not transfer its delegations.
    const successors = new Map<string, CountedDelegation['lapsed']>([[organisation.organisationId, null]]);
    const pending = (sources.predecessors ?? []).flatMap(({ organisation: predecessor, scheme }) =>
      predecessor.status !== 'unregistered' && predecessor.dissolution?.successorId ? [{ predecessor, dissolution: predecessor.dissolution, scheme }] : [],
    );
    for (let next = 0; (next = pending.findIndex(({ dissolution }) => successors.has(dissolution.successorId!))) >= 0; ) {
      const [{ predecessor, dissolution, scheme }] = pending.splice(next, 1);
      if (at < dissolution.dissolvedOn) continue; // still its own organisation's delegations at `at`
      const lapsed =
        successors.get(dissolution.successorId!) ??
        (dissolution.transferDelegations ? null : { organisationId: predecessor.organisationId, dissolvedOn: dissolution.dissolvedOn });
      successors.set(predecessor.organisationId, lapsed);
      schemes.push({ scheme, roots: lapsed ? new Set() : finalGoverningBodies(predecessor, dissolution.dissolvedOn), lapsed });
    }
  }

  const cache = new Map<string, CountedDelegation[]>();
  return {
    at,
    organisation,
    governingBodyId,
    into(holderId) {
      let counted = cache.get(holderId);
      if (counted) return counted;
      counted = [];
      for (const { scheme, roots, lapsed } of schemes) {
        for (const id of scheme.delegationIdsByHolder.get(holderId) ?? []) {
          const delegation = scheme.delegations.get(id);
          if (!delegation) continue;
          const fromId = roots.has(delegation.fromId) && governingBodyId !== undefined ? governingBodyId : delegation.fromId;
          counted.push({ delegation, fromId, standing: standingAt(delegation, at), lapsed });
        }
      }
      cache.set(holderId, counted);
      return counted;
    },
  };
}

/** The body that held a dissolved organisation's plenary authority when it was dissolved. */
function finalGoverningBodies(organisation: RegisteredOrganisation, dissolvedOn: Instant): Set<string> {
  return new Set(
    organisation.governingBodies.filter((term) => term.from < dissolvedOn && (term.until === null || term.until >= dissolvedOn)).map((term) => term.bodyId),
  );
}

/** What each link of a chain must allow. */
export interface ChainRequirement {
  scopes: readonly Scope[];
  /**
   * The amount each link's limit must reach: pence, `null` when the matter has no value, or
   * `'unlimited'` when only links without a limit will do (passing on an unlimited delegation).
   */
  amount: number | null | 'unlimited';
  /** Whether the holder's own link must allow further delegation (when the holder passes authority on). */
  holderMayRedelegate: boolean;
}

/** One link of a chain: the delegation and its terms at the instant. */
export interface ChainLink {
  counted: CountedDelegation;
  terms: DelegationTerms;
}

export function limitReaches(limitPence: number | null, amount: ChainRequirement['amount']): boolean {
  if (amount === 'unlimited') return limitPence === null;
  return limitPence === null || amount === null || limitPence >= amount;
}

/**
 * Every chain of delegations from the governing body to the holder that meets the requirement, each
 * from the governing body's link to the holder's. Simple paths only (no holder twice), at most
 * `MAX_CHAIN_LINKS` links. The holder being the governing body is the caller's case (an empty chain).
 */
export function findChains(view: DelegationsAt, holderId: string, requirement: ChainRequirement): ChainLink[][] {
  const root = view.governingBodyId;
  const chains: ChainLink[][] = [];
  if (root === undefined || holderId === root) return chains;

  const path: ChainLink[] = []; // from the holder's link backwards
  const onPath = new Set<string>([holderId]);
  // A holder from which no chain reached the root within this many links, for a reason other than the path itself.
  const unreachableWithin = new Map<string, number>();

  const walk = (holder: string, linksLeft: number): { found: boolean; pathBlocked: boolean } => {
    let found = false;
    let pathBlocked = false;
    for (const counted of view.into(holder)) {
      const link = usableLink(counted, requirement, holder === holderId ? requirement.holderMayRedelegate : true);
      if (!link) continue;
      const giver = counted.fromId;
      if (giver === root) {
        chains.push([link, ...path.toReversed()]);
        found = true;
        continue;
      }
      if (linksLeft <= 1) continue;
      if (onPath.has(giver)) {
        pathBlocked = true;
        continue;
      }
      if ((unreachableWithin.get(giver) ?? 0) >= linksLeft - 1) continue;
      onPath.add(giver);
      path.push(link);
      const further = walk(giver, linksLeft - 1);
      path.pop();
      onPath.delete(giver);
      found ||= further.found;
      pathBlocked ||= further.pathBlocked;
      if (!further.found && !further.pathBlocked) unreachableWithin.set(giver, Math.max(unreachableWithin.get(giver) ?? 0, linksLeft - 1));
    }
    return { found, pathBlocked };
  };

  walk(holderId, MAX_CHAIN_LINKS);
  return chains.sort(compareChains);
}

function usableLink(counted: CountedDelegation, requirement: ChainRequirement, mustAllowRedelegation: boolean): ChainLink | undefined {
  if (counted.lapsed || counted.standing.status !== 'in-force') return undefined;
  const terms = counted.standing.terms;
  if (!scopesCover(terms.scopes, requirement.scopes)) return undefined;
  if (!limitReaches(terms.limitPence, requirement.amount)) return undefined;
  if (mustAllowRedelegation && !terms.mayRedelegate) return undefined;
  return { counted, terms };
}

/** Shorter chains first, then by their delegation ids, so that a recorded proof is the same every time. */
export function compareChains(a: readonly ChainLink[], b: readonly ChainLink[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let index = 0; index < a.length; index++) {
    const left = a[index].counted.delegation.delegationId;
    const right = b[index].counted.delegation.delegationId;
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/** A link as the answer shows it (API.md's chain element), with its terms at the instant asked about. */
export function toAuthorityLink({ counted, terms }: ChainLink): AuthorityLink {
  const { delegation } = counted;
  return {
    delegationId: delegation.delegationId,
    fromId: delegation.fromId,
    toId: delegation.toId,
    scopes: terms.scopes,
    limitPence: terms.limitPence,
    effectiveFrom: delegation.effectiveFrom,
    effectiveUntil: terms.effectiveUntil,
    mayRedelegate: terms.mayRedelegate,
    organisationId: delegation.organisationId,
  };
}
