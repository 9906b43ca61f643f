import { unreachable } from '../shared/decider.js';
import type { Instant } from '../shared/ledger-time.js';
import type { RatificationOutcome } from './proposal.events.js';
import type { ProposalStatus, RecordedDecision, RecordedProposal } from './proposal.state.js';
import { implementableFrom, stepDecisions } from './proposal.state.js';
import type { RouteRequirement } from './route.js';

/** Whether a decision gives a step what it asks for. `approved-with-conditions` is an approval. */
export function stepSatisfiedBy(requirement: RouteRequirement, outcome: RatificationOutcome): boolean {
  switch (requirement) {
    case 'approve':
    case 'endorse':
      return outcome === 'approved' || outcome === 'approved-with-conditions';
    case 'note':
      return outcome === 'approved' || outcome === 'noted';
    default:
      return unreachable(requirement);
  }
}

/** Whether a decision blocks the proposal: only an `approve` or `endorse` step can reject it. */
export function stepBlockedBy(requirement: RouteRequirement, outcome: RatificationOutcome): boolean {
  return outcome === 'rejected' && requirement !== 'note';
}

/**
 * The status rule (DESIGN.md §3, API.md "Status"), given whether the proposal was withdrawn and, for
 * each step of the current version, its requirement and the outcome of the decision that stands
 * (null when none does — rescinded, referred back, deferred and superseded decisions never stand):
 * `withdrawn` is final; `rejected` when an `approve` or `endorse` step is rejected; `ratified` when
 * every `approve` and `endorse` step is approved (with or without conditions) and every `note` step
 * approved or noted; else `open`.
 */
export function statusOf(withdrawn: boolean, steps: readonly { requirement: RouteRequirement; outcome: RatificationOutcome | null }[]): ProposalStatus {
  if (withdrawn) return 'withdrawn';
  if (steps.some(({ requirement, outcome }) => outcome !== null && stepBlockedBy(requirement, outcome))) return 'rejected';
  if (steps.every(({ requirement, outcome }) => outcome !== null && stepSatisfiedBy(requirement, outcome))) return 'ratified';
  return 'open';
}

/** The status the proposal's record implies now (the stream's status events record each change of it). */
export function proposalStatus(proposal: RecordedProposal): ProposalStatus {
  return statusOf(
    proposal.withdrawal !== null,
    stepDecisions(proposal).map(({ step, decision }) => ({ requirement: step.requirement, outcome: decision?.outcome ?? null })),
  );
}

/** The decisions that make the current version ratified (every step's), or that reject it. */
export function decidingRatifications<Decision extends RecordedDecision>(proposal: RecordedProposal<Decision>, status: 'ratified' | 'rejected'): Decision[] {
  return stepDecisions(proposal)
    .filter(({ step, decision }) => decision !== null && (status === 'ratified' ? stepSatisfiedBy(step.requirement, decision.outcome) : stepBlockedBy(step.requirement, decision.outcome)))
    .map(({ decision }) => decision as Decision);
}

/**
 * From when a ratified proposal may be implemented: when the last of its counting decisions became
 * implementable (after its call-in period); null while any is called in, or when not ratified.
 */
export function proposalImplementableFrom(proposal: RecordedProposal): Instant | null {
  if (proposalStatus(proposal) !== 'ratified') return null;
  let latest: Instant | null = null;
  for (const decision of decidingRatifications(proposal, 'ratified')) {
    // A noted step has nothing to implement; its date is when it was taken.
    const from = decision.outcome === 'noted' ? decision.decidedOn : implementableFrom(decision);
    if (from === null) return null;
    if (latest === null || from > latest) latest = from;
  }
  return latest;
}
