import { termsAt } from '../delegations/scheme.state.js';
import type { OrganisationState } from '../organisations/organisation.state.js';
import { organisationExistsAt } from '../organisations/organisation.state.js';
import { unreachable } from '../shared/decider.js';
import { londonDate } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';
import { scopeCovers, uncoveredScopes } from '../shared/scope.js';
import type { AuthorityAnswer, AuthorityQuestion } from './authority-answer.js';
import type { AuthoritySources, ChainRequirement, CountedDelegation, DelegationsAt } from './delegation-chains.js';
import { MAX_CHAIN_LINKS, delegationsAt, findChains, limitReaches, toAuthorityLink } from './delegation-chains.js';
import { formatPounds } from './pounds.js';

/**
 * Whether holder H may decide scopes S, amount A, for organisation O, at instant T (DESIGN §3,
 * "Authority"): O exists at T and holds every scope of S among its functions, and a chain of at
 * most 8 delegations on behalf of O runs from O's governing body at T to H, each in force at T on
 * its terms as varied up to T, covering S, with a limit of at least A (or none), every link but the
 * last allowing further delegation. The governing body itself holds all of O's functions without
 * limit (one empty chain). Delegations of a dissolved predecessor count from its dissolution when
 * they transferred, with O's governing body standing for the predecessor's; otherwise they lapse.
 *
 * The answer carries every granting chain, or for a refusal the reasons in plain English.
 */
export function checkAuthority(question: AuthorityQuestion, sources: AuthoritySources): AuthorityAnswer {
  const view = delegationsAt(sources, question.at);
  const refused = organisationReasons(view, question.organisationId, question.scopes);
  if (refused.length > 0) return { allowed: false, chains: [], reasons: refused };
  return answerFor(view, question.holderId, { scopes: question.scopes, amount: question.amountPence, holderMayRedelegate: false });
}

/** Reasons the organisation itself cannot grant the scopes at the instant; empty when it can. */
export function organisationReasons(view: DelegationsAt, organisationId: string, scopes: readonly Scope[]): string[] {
  const organisation = view.organisation;
  if (!organisation) return [`organisation ${organisationId} is not registered`];
  if (organisation.organisationId !== organisationId) {
    throw new Error(`Authority for ${organisationId} was asked of the sources of ${organisation.organisationId}.`);
  }
  if (!organisationExistsAt(organisation as OrganisationState, view.at)) {
    if (view.at < organisation.establishedOn) return [`organisation ${organisationId} was not established until ${londonDate(organisation.establishedOn)}`];
    const dissolution = organisation.dissolution!;
    const reasons = [`organisation ${organisationId} was dissolved on ${londonDate(dissolution.dissolvedOn)}`];
    if (dissolution.successorId) reasons.push(`its successor is ${dissolution.successorId}`);
    return reasons;
  }
  const reasons = uncoveredScopes(organisation.functions, scopes).map((scope) => `organisation ${organisationId} does not hold the function ${scope}`);
  if (view.governingBodyId === undefined) reasons.push(`organisation ${organisationId} has no governing body on ${londonDate(view.at)}`);
  return reasons;
}

/** The answer for a holder once the organisation is known to grant the scopes: its chains, or why there are none. */
export function answerFor(view: DelegationsAt, holderId: string, requirement: ChainRequirement): AuthorityAnswer {
  if (holderId === view.governingBodyId) return { allowed: true, chains: [[]], reasons: [] };
  const chains = findChains(view, holderId, requirement);
  if (chains.length > 0) return { allowed: true, chains: chains.map((chain) => chain.map(toAuthorityLink)), reasons: [] };
  return { allowed: false, chains: [], reasons: explainRefusal(view, holderId, requirement) };
}

/**
 * Why no chain reaches the holder: walks back from the holder through the delegations it received
 * that bear on the scopes asked about, and says what stops each one (not yet in force, expired,
 * suspended, revoked, lapsed, scope not delegated, limit too low, no further delegation allowed),
 * following the links that are sound towards the governing body.
 */
function explainRefusal(view: DelegationsAt, holderId: string, requirement: ChainRequirement): string[] {
  const root = view.governingBodyId!;
  const reasons = new Set<string>();
  const seen = new Set<string>([holderId]);
  const queue: { holder: string; linksBelow: number }[] = [{ holder: holderId, linksBelow: 0 }];

  for (let next = queue.shift(); next; next = queue.shift()) {
    const { holder, linksBelow } = next;
    const received = view.into(holder);
    if (received.length === 0) {
      reasons.add(`no chain of delegations from the governing body ${root} reaches ${holder}`);
      continue;
    }
    // Only delegations about the scopes asked about are worth telling of; their terms as varied up to T.
    const relevant = received
      .map((counted) => ({ counted, scopes: termsAt(counted.delegation, view.at).scopes }))
      .filter(({ scopes }) => requirement.scopes.length === 0 || scopes.some((granted) => requirement.scopes.some((scope) => scopeCovers(granted, scope))));
    const undelegated = new Set(requirement.scopes.filter((scope) => !relevant.some(({ scopes }) => scopes.some((granted) => scopeCovers(granted, scope)))));
    undelegated.forEach((scope) => reasons.add(`scope ${scope} is not delegated to holder ${holder}`));
    for (const { counted } of relevant) {
      const problems = linkProblems(counted, holder, requirement, holder === holderId ? requirement.holderMayRedelegate : true);
      if (problems.length > 0) {
        // A scope no delegation to this holder covers was said once for the holder, not again for each delegation.
        problems.filter(({ missingScope }) => missingScope === null || !undelegated.has(missingScope)).forEach(({ reason }) => reasons.add(reason));
        continue;
      }
      const giver = counted.fromId;
      if (linksBelow + 1 >= MAX_CHAIN_LINKS) reasons.add(`a chain from the governing body ${root} to ${holderId} through ${giver} would be longer than ${MAX_CHAIN_LINKS} links`);
      else if (!seen.has(giver)) {
        seen.add(giver);
        queue.push({ holder: giver, linksBelow: linksBelow + 1 });
      }
    }
  }
  if (reasons.size === 0) reasons.add(`no chain of delegations from the governing body ${root} reaches ${holderId}`);
  return [...reasons];
}

interface LinkProblem {
  reason: string;
  /** The scope the delegation does not cover, when that is the problem. */
  missingScope: Scope | null;
}

/** What stops this delegation from being a link of a granting chain, in plain English. */
function linkProblems(counted: CountedDelegation, holder: string, requirement: ChainRequirement, mustAllowRedelegation: boolean): LinkProblem[] {
  const id = counted.delegation.delegationId;
  const problem = (reason: string): LinkProblem => ({ reason, missingScope: null });
  if (counted.lapsed) {
    return [problem(`delegation ${id} lapsed when ${counted.lapsed.organisationId} was dissolved on ${londonDate(counted.lapsed.dissolvedOn)} without transferring its delegations`)];
  }
  const standing = counted.standing;
  switch (standing.status) {
    case 'not-yet-in-force':
      return [problem(`delegation ${id} is not in force until ${londonDate(standing.from)}`)];
    case 'expired':
      return [problem(`delegation ${id} expired with effect from ${londonDate(standing.from)}`)];
    case 'revoked':
      return [problem(`delegation ${id} revoked with effect from ${londonDate(standing.from)}`)];
    case 'suspended':
      return [
        problem(
          standing.until === null
            ? `delegation ${id} suspended with effect from ${londonDate(standing.from)}`
            : `delegation ${id} suspended from ${londonDate(standing.from)} until ${londonDate(standing.until)}`,
        ),
      ];
    case 'in-force': {
      const { terms } = standing;
      const problems: LinkProblem[] = uncoveredScopes(terms.scopes, requirement.scopes).map((scope) => ({
        reason: `delegation ${id} does not cover scope ${scope}`,
        missingScope: scope,
      }));
      if (!limitReaches(terms.limitPence, requirement.amount)) {
        problems.push(
          problem(
            requirement.amount === 'unlimited'
              ? `delegation ${id} limit ${formatPounds(terms.limitPence!)} cannot carry unlimited authority`
              : `delegation ${id} limit ${formatPounds(terms.limitPence!)} is below ${formatPounds(requirement.amount!)}`,
          ),
        );
      }
      if (mustAllowRedelegation && !terms.mayRedelegate) problems.push(problem(`delegation ${id} does not allow ${holder} to delegate further`));
      return problems;
    }
    default:
      return unreachable(standing);
  }
}
