import type { AuthorityBasis, AuthorityQuestion } from '../authority/authority-answer.js';
import { checkAuthority } from '../authority/check-authority.js';
import { NoAuthorityError } from '../authority/no-authority-error.js';
import { unreachable } from '../shared/decider.js';
import { AlreadyExistsError, InvalidCommandError, InvalidTransitionError, NotFoundError, NotOnRouteError, StaleVersionError } from '../shared/domain-error.js';
import { notInTheFuture } from '../shared/future-dates.js';
import type { Instant } from '../shared/ledger-time.js';
import { londonDate, londonInstant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';
import { isScope } from '../shared/scope.js';
import type { AmendProposal, LodgeCallIn, ProposalCommand, RecordRatification, ResolveCallIn, TableProposal } from './proposal.commands.js';
import type { AmendableField, ExemptInformation, ProposalEvent, ReopeningCause } from './proposal.events.js';
import { decidingRatifications, proposalStatus } from './proposal-status.js';
import type { ProposalState, ProposalVersion, TabledProposalState } from './proposal.state.js';
import { currentProposalVersion, findCallIn, findRatification, stepDecisions } from './proposal.state.js';
import type { DecisionMakerFact, RouteMatch, RouteStep } from './route.js';
import { matchRouteStep, OUTCOMES_BY_REQUIREMENT, sameRoute, shareOf, validateRoute, validateStepShares } from './route.js';
import type { StreamRules } from '../shared/event-codec.js';
import { proposalCodec } from './proposal.codec.js';

/**
 * The rules of a proposal's stream: tabling and amending versions, withdrawal, ratifications and
 * their rescission, call-ins — and the proposal's status, whose every change is an event appended by
 * the same decision that causes it (`ProposalRatified`, `ProposalRejected`, `ProposalReopened`).
 *
 * Choices the API leaves open, made here:
 * - Outcomes per step: `approve` and `endorse` steps take approved, approved-with-conditions,
 *   rejected or deferred; a `note` step takes noted, approved or deferred — a forum taking a matter
 *   for information can neither reject it nor attach conditions. `noted` elsewhere is refused.
 * - A step has at most one standing decision per version. A deferral is recorded but decides
 *   nothing: any number of deferrals may precede the real decision, none may follow it. To decide a
 *   step again, rescind the decision, have it referred back on call-in, or amend the proposal.
 * - An `approve` step needs the authority check for every outcome (a decider without authority
 *   cannot defer or reject the organisation's decision either).
 * - Withdrawal ends the decision process: no amendment, decision or call-in follows it; records
 *   already made can still be corrected (rescinded) and call-ins resolved, and it stays withdrawn.
 *   A ratified proposal cannot be withdrawn: its decisions stand until rescinded.
 * - An amendment must change something. It reopens a ratified or rejected proposal
 *   (`ProposalReopened`, cause `amendment`); so do a rescission and a referral back that take away
 *   what made it ratified or rejected.
 * - A decision is called in at most once, and only while it stands.
 * - The stream records what has happened: tabling, amendment, withdrawal, decision, rescission,
 *   call-in and resolution may not be dated after the ledger's clock (`notInTheFuture`, a few
 *   minutes' tolerance). Each takes effect when recorded, and a date to come would freeze the
 *   proposal until then (nothing may predate the current version). A call-in deadline may lie ahead.
 */
export const proposalDecider: StreamRules<ProposalCommand, ProposalEvent, ProposalState> = {
  codec: proposalCodec,

  initialState: { status: 'untabled' },
  decide,
  evolve,
};

function decide(command: ProposalCommand, state: ProposalState): ProposalEvent[] {
  switch (command.type) {
    case 'TableProposal':
      return table(command, state);

    case 'AmendProposal':
      return amend(command, tabled(state, command.proposalId));

    case 'WithdrawProposal': {
      const proposal = tabled(state, command.proposalId);
      notWithdrawn(proposal, 'withdrawn again');
      if (proposal.status === 'ratified') {
        throw new InvalidTransitionError(`Proposal ${proposal.proposalId} is ratified; rescind the decisions that ratified it before withdrawing it.`);
      }
      notInTheFuture('withdrawnOn', command.withdrawnOn, command.now, 'A withdrawal is recorded once it has been made');
      const current = currentProposalVersion(proposal);
      if (command.withdrawnOn < current.madeOn) {
        throw new InvalidCommandError(`withdrawnOn cannot be before version ${current.version} was made (${londonDate(current.madeOn)}).`, 'withdrawnOn');
      }
      requireText(command.reason, 'reason');
      return [
        {
          type: 'ProposalWithdrawn',
          data: { proposalId: proposal.proposalId, version: current.version, withdrawnOn: command.withdrawnOn, reason: command.reason },
        },
      ];
    }

    case 'RecordRatification':
      return record(command, tabled(state, command.proposalId));

    case 'RescindRatification': {
      const proposal = tabled(state, command.proposalId);
      const ratification = findRatification(proposal, command.ratificationId);
      if (!ratification) throw new NotFoundError('ratification', command.ratificationId);
      if (ratification.rescission) {
        throw new InvalidTransitionError(`Ratification ${ratification.ratificationId} was already rescinded on ${londonDate(ratification.rescission.rescindedOn)}.`);
      }
      notInTheFuture('rescindedOn', command.rescindedOn, command.now, 'A rescission is recorded once it has been made');
      if (command.rescindedOn < ratification.decidedOn) {
        throw new InvalidCommandError(`rescindedOn cannot be before the decision (${londonDate(ratification.decidedOn)}).`, 'rescindedOn');
      }
      requireText(command.reason, 'reason');
      const rescinded: ProposalEvent = {
        type: 'RatificationRescinded',
        data: { proposalId: proposal.proposalId, ratificationId: ratification.ratificationId, rescindedOn: command.rescindedOn, reason: command.reason },
      };
      return withStatusChange(proposal, [rescinded], command.rescindedOn, { cause: 'rescission', ratificationId: ratification.ratificationId });
    }

    case 'LodgeCallIn':
      return lodgeCallIn(command, tabled(state, command.proposalId));

    case 'ResolveCallIn':
      return resolveCallIn(command, tabled(state, command.proposalId));

    default:
      return unreachable(command);
  }
}

function table(command: TableProposal, state: ProposalState): ProposalEvent[] {
  if (state.status !== 'untabled') throw new AlreadyExistsError('proposal', command.proposalId);
  const { proposalId, title, summary, scopes, valuePence, keyDecision, exempt, proposedById, tabledOn } = command;
  notInTheFuture('tabledOn', tabledOn, command.now, 'A proposal is recorded once it has been tabled');
  validateContent({ title, summary, scopes, valuePence });
  validateExempt(exempt);
  const route = command.route.map(copyStep);
  validateRoute(route, { organisations: command.organisations, decisionMakers: command.decisionMakers }, tabledOn);
  validateStepShares(route, { scopes, valuePence });
  return [
    {
      type: 'ProposalTabled',
      data: { proposalId, version: 1, title, summary, scopes, valuePence, keyDecision, exempt: exempt && { paragraph: exempt.paragraph, reason: exempt.reason }, proposedById, route, tabledOn },
    },
  ];
}

function amend(command: AmendProposal, proposal: TabledProposalState): ProposalEvent[] {
  notWithdrawn(proposal, 'amended');
  notInTheFuture('amendedOn', command.amendedOn, command.now, 'An amendment is recorded once it has been made');
  const current = currentProposalVersion(proposal);
  if (command.amendedOn < current.madeOn) {
    throw new InvalidCommandError(`amendedOn cannot be before version ${current.version} was made (${londonDate(current.madeOn)}).`, 'amendedOn');
  }
  requireText(command.reason, 'reason');
  const next = {
    title: command.title ?? current.title,
    summary: command.summary !== undefined ? command.summary : current.summary,
    scopes: command.scopes ?? current.scopes,
    valuePence: command.valuePence !== undefined ? command.valuePence : current.valuePence,
    route: command.route ? command.route.map(copyStep) : current.route,
  };
  validateContent(next);
  if (command.route) validateRoute(next.route, { organisations: command.organisations ?? [], decisionMakers: command.decisionMakers ?? [] }, command.amendedOn);
  validateStepShares(next.route, next); // a narrower proposal must still hold every step's share

  const changed: AmendableField[] = [];
  if (next.title !== current.title) changed.push('title');
  if (next.summary !== current.summary) changed.push('summary');
  if (!sameScopes(next.scopes, current.scopes)) changed.push('scopes');
  if (next.valuePence !== current.valuePence) changed.push('valuePence');
  if (!sameRoute(next.route, current.route)) changed.push('route');
  if (changed.length === 0) {
    throw new InvalidCommandError('An amendment changes at least one of title, summary, scopes, valuePence or route; this one changes nothing.');
  }

  const amended: ProposalEvent = {
    type: 'ProposalAmended',
    data: { proposalId: proposal.proposalId, version: current.version + 1, amendedOn: command.amendedOn, reason: command.reason, changed, ...next },
  };
  return withStatusChange(proposal, [amended], command.amendedOn, { cause: 'amendment', ratificationId: null });
}

function record(command: RecordRatification, proposal: TabledProposalState): ProposalEvent[] {
  if (findRatification(proposal, command.ratificationId)) throw new AlreadyExistsError('ratification', command.ratificationId);
  notWithdrawn(proposal, 'decided');
  const current = currentProposalVersion(proposal);
  if (command.version !== current.version) throw new StaleVersionError(proposal.proposalId, command.version, current.version);

  notInTheFuture('decidedOn', command.decidedOn, command.now, 'A decision is recorded once it has been taken');
  const decisionMaker = registeredDecisionMaker(command.decisionMaker, command.deciderId);
  if (decisionMaker.kind === 'body' && decisionMaker.dissolvedOn !== undefined && decisionMaker.dissolvedOn <= command.decidedOn) {
    throw new InvalidTransitionError(`Body ${decisionMaker.id} was dissolved on ${londonDate(decisionMaker.dissolvedOn)} and could not decide on ${londonDate(command.decidedOn)}.`);
  }
  if (command.decidedOn < current.madeOn) {
    throw new InvalidCommandError(`decidedOn cannot be before version ${current.version} was made (${londonDate(current.madeOn)}).`, 'decidedOn');
  }
  if (command.callInUntil !== null && command.callInUntil <= command.decidedOn) {
    throw new InvalidCommandError('callInUntil must be after the decision.', 'callInUntil');
  }

  const match = onRoute(current, command.organisationId, command.decisionMaker);
  const { step, stepIndex } = match;
  const allowed: readonly string[] = OUTCOMES_BY_REQUIREMENT[step.requirement];
  if (!allowed.includes(command.outcome)) {
    throw new InvalidCommandError(
      `Step ${stepIndex + 1} asks ${describe(step)} to ${step.requirement}; its decision may be ${allowed.join(', ')} — not ${command.outcome}.`,
      'outcome',
    );
  }
  if (command.outcome === 'approved-with-conditions' && !command.conditions?.trim()) {
    throw new InvalidCommandError('An approval with conditions states its conditions.', 'conditions');
  }

  const earlier = stepDecisions(proposal)[stepIndex].decision;
  if (earlier) {
    throw new InvalidTransitionError(
      `Step ${stepIndex + 1} (${describe(step)}) of version ${current.version} was already decided: ${earlier.ratificationId}, ${earlier.outcome} on ${londonDate(earlier.decidedOn)}. ` +
        'Rescind that decision (or have it referred back) before recording another, or amend the proposal.',
    );
  }

  let authority: AuthorityBasis | null = null;
  if (step.requirement === 'approve') {
    const question = questionFor(current, match, command.decisionMaker.id, command.decidedOn);
    const { sources, readAt } = command.authority.of(question.organisationId);
    const answer = checkAuthority(question, sources);
    if (!answer.allowed) throw new NoAuthorityError(`${decisionMaker.id} had no authority to decide for ${question.organisationId} on ${londonDate(command.decidedOn)}`, answer);
    authority = { ...question, chains: answer.chains, readAt };
  }

  const recorded: ProposalEvent = {
    type: 'RatificationRecorded',
    data: {
      proposalId: proposal.proposalId,
      ratificationId: command.ratificationId,
      version: current.version,
      stepIndex,
      requirement: step.requirement,
      organisationId: match.organisationId,
      deciderId: decisionMaker.id,
      deciderKind: decisionMaker.kind,
      outcome: command.outcome,
      decidedOn: command.decidedOn,
      reasons: command.reasons,
      alternativesConsidered: command.alternativesConsidered,
      meeting: command.meeting && { minuteRef: command.meeting.minuteRef, url: command.meeting.url },
      conditions: command.conditions,
      conflictsOfInterest: command.conflictsOfInterest.map(({ member, interest, dispensation }) => ({ member, interest, dispensation })),
      decidedByPerson: command.decidedByPerson,
      callInUntil: command.callInUntil,
      authority,
    },
  };
  // A new decision can make the proposal ratified or rejected, never reopen it.
  return withStatusChange(proposal, [recorded], command.decidedOn, null);
}

function lodgeCallIn(command: LodgeCallIn, proposal: TabledProposalState): ProposalEvent[] {
  if (findCallIn(proposal, command.callInId)) throw new AlreadyExistsError('call-in', command.callInId);
  notWithdrawn(proposal, 'called in');
  const ratification = findRatification(proposal, command.ratificationId);
  if (!ratification) throw new InvalidCommandError(`Proposal ${proposal.proposalId} has no ratification ${command.ratificationId}.`, 'ratificationId');

  const scrutiny = command.scrutinyBody;
  if (scrutiny.bodyId !== command.scrutinyBodyId) throw new Error(`The command carries no fact about body ${command.scrutinyBodyId}; its handler must load it.`);
  if (!scrutiny.registered) throw new InvalidCommandError(`There is no body ${scrutiny.bodyId}.`, 'scrutinyBodyId');
  if (scrutiny.kind !== 'scrutiny-committee') {
    throw new InvalidCommandError(`Body ${scrutiny.bodyId} is a ${scrutiny.kind}; only a scrutiny committee calls in a decision.`, 'scrutinyBodyId');
  }
  if (scrutiny.dissolvedOn !== undefined && scrutiny.dissolvedOn <= command.lodgedOn) {
    throw new InvalidCommandError(`Body ${scrutiny.bodyId} was dissolved on ${londonDate(scrutiny.dissolvedOn)}.`, 'scrutinyBodyId');
  }
  if (scrutiny.organisationId !== null && ratification.organisationId !== null && scrutiny.organisationId !== ratification.organisationId) {
    throw new InvalidCommandError(
      `${scrutiny.bodyId} scrutinises ${scrutiny.organisationId}; ratification ${ratification.ratificationId} was taken for ${ratification.organisationId}.`,
      'scrutinyBodyId',
    );
  }

  if (ratification.rescission) throw new InvalidTransitionError(`Ratification ${ratification.ratificationId} was rescinded on ${londonDate(ratification.rescission.rescindedOn)}.`);
  if (ratification.setAside) throw new InvalidTransitionError(`Ratification ${ratification.ratificationId} was referred back on ${londonDate(ratification.setAside.resolvedOn)}.`);
  if (ratification.callInUntil === null) throw new InvalidTransitionError(`Ratification ${ratification.ratificationId} is not subject to call-in.`);
  notInTheFuture('lodgedOn', command.lodgedOn, command.now, 'A call-in is recorded once it has been lodged');
  if (command.lodgedOn < ratification.decidedOn) {
    throw new InvalidCommandError(`lodgedOn cannot be before the decision (${londonDate(ratification.decidedOn)}).`, 'lodgedOn');
  }
  if (command.lodgedOn >= ratification.callInUntil) {
    throw new InvalidTransitionError(`The call-in period of ratification ${ratification.ratificationId} ended at ${londonInstant(ratification.callInUntil)}.`);
  }
  const earlier = ratification.callIns[0];
  if (earlier) {
    throw new InvalidTransitionError(`Ratification ${ratification.ratificationId} was already called in (${earlier.callInId}, ${londonDate(earlier.lodgedOn)}); a decision is called in once.`);
  }
  requireText(command.reason, 'reason');
  return [
    {
      type: 'CallInLodged',
      data: {
        proposalId: proposal.proposalId,
        callInId: command.callInId,
        ratificationId: ratification.ratificationId,
        scrutinyBodyId: scrutiny.bodyId,
        lodgedOn: command.lodgedOn,
        reason: command.reason,
      },
    },
  ];
}

function resolveCallIn(command: ResolveCallIn, proposal: TabledProposalState): ProposalEvent[] {
  const found = findCallIn(proposal, command.callInId);
  if (!found) throw new NotFoundError('call-in', command.callInId);
  const { ratification, callIn } = found;
  if (callIn.resolution) {
    throw new InvalidTransitionError(`Call-in ${callIn.callInId} was already resolved on ${londonDate(callIn.resolution.resolvedOn)} (${callIn.resolution.outcome}).`);
  }
  notInTheFuture('resolvedOn', command.resolvedOn, command.now, 'A call-in’s resolution is recorded once it has been resolved');
  if (command.resolvedOn < callIn.lodgedOn) {
    throw new InvalidCommandError(`resolvedOn cannot be before the call-in was lodged (${londonDate(callIn.lodgedOn)}).`, 'resolvedOn');
  }
  const resolved: ProposalEvent = {
    type: 'CallInResolved',
    data: { proposalId: proposal.proposalId, callInId: callIn.callInId, ratificationId: ratification.ratificationId, resolvedOn: command.resolvedOn, outcome: command.outcome },
  };
  return withStatusChange(proposal, [resolved], command.resolvedOn, { cause: 'referral-back', ratificationId: ratification.ratificationId });
}

/**
 * Appends the status event when `events` change what the record implies: `ProposalRatified`,
 * `ProposalRejected`, or `ProposalReopened` (from ratified or rejected back to open).
 */
function withStatusChange(
  proposal: TabledProposalState,
  events: ProposalEvent[],
  on: Instant,
  reopening: { cause: ReopeningCause; ratificationId: string | null } | null,
): ProposalEvent[] {
  const before = proposal.status;
  const next = events.reduce(evolve, proposal as ProposalState) as TabledProposalState;
  const after = proposalStatus(next);
  if (after === before || before === 'withdrawn' || after === 'withdrawn') return events;
  const { proposalId } = proposal;
  const version = currentProposalVersion(next).version;
  switch (after) {
    case 'ratified': {
      const deciding = decidingRatifications(next, 'ratified');
      const ratifiedOn = deciding.map((decision) => decision.decidedOn).reduce((latest, date) => (date > latest ? date : latest));
      return [...events, { type: 'ProposalRatified', data: { proposalId, version, ratifiedOn, ratificationIds: deciding.map((decision) => decision.ratificationId) } }];
    }
    case 'rejected': {
      const deciding = decidingRatifications(next, 'rejected');
      const rejectedOn = deciding.map((decision) => decision.decidedOn).reduce((earliest, date) => (date < earliest ? date : earliest));
      return [...events, { type: 'ProposalRejected', data: { proposalId, version, rejectedOn, ratificationIds: deciding.map((decision) => decision.ratificationId) } }];
    }
    case 'open':
      if (before === 'open' || reopening === null) throw new Error(`unreachable: ${events.map((event) => event.type).join(', ')} cannot reopen a ${before} proposal`);
      return [...events, { type: 'ProposalReopened', data: { proposalId, version, reopenedOn: on, previously: before, ...reopening } }];
    default:
      return unreachable(after);
  }
}

function evolve(state: ProposalState, event: ProposalEvent): ProposalState {
  if (event.type === 'ProposalTabled') {
    const { proposalId, version, title, summary, scopes, valuePence, keyDecision, exempt, proposedById, route, tabledOn } = event.data;
    return {
      status: 'open',
      proposalId,
      keyDecision,
      exempt,
      proposedById,
      tabledOn,
      versions: [{ version, madeOn: tabledOn, amendmentReason: null, title, summary, scopes, valuePence, route }],
      withdrawal: null,
      ratifications: [],
    };
  }
  if (state.status === 'untabled') return state;
  switch (event.type) {
    case 'ProposalAmended': {
      const { version, amendedOn, reason, title, summary, scopes, valuePence, route } = event.data;
      return { ...state, versions: [...state.versions, { version, madeOn: amendedOn, amendmentReason: reason, title, summary, scopes, valuePence, route }] };
    }
    case 'ProposalWithdrawn':
      return { ...state, status: 'withdrawn', withdrawal: { withdrawnOn: event.data.withdrawnOn, reason: event.data.reason } };
    case 'RatificationRecorded': {
      const { ratificationId, version, stepIndex, requirement, organisationId, deciderId, deciderKind, outcome, decidedOn, conditions, callInUntil } = event.data;
      return {
        ...state,
        ratifications: [
          ...state.ratifications,
          { ratificationId, version, stepIndex, requirement, organisationId, deciderId, deciderKind, outcome, decidedOn, conditions, callInUntil, rescission: null, setAside: null, callIns: [] },
        ],
      };
    }
    case 'RatificationRescinded':
      return {
        ...state,
        ratifications: state.ratifications.map((ratification) =>
          ratification.ratificationId === event.data.ratificationId ? { ...ratification, rescission: { rescindedOn: event.data.rescindedOn, reason: event.data.reason } } : ratification,
        ),
      };
    case 'CallInLodged': {
      const { callInId, ratificationId, scrutinyBodyId, lodgedOn, reason } = event.data;
      return {
        ...state,
        ratifications: state.ratifications.map((ratification) =>
          ratification.ratificationId === ratificationId
            ? { ...ratification, callIns: [...ratification.callIns, { callInId, scrutinyBodyId, lodgedOn, reason, resolution: null }] }
            : ratification,
        ),
      };
    }
    case 'CallInResolved': {
      const { callInId, ratificationId, resolvedOn, outcome } = event.data;
      return {
        ...state,
        ratifications: state.ratifications.map((ratification) =>
          ratification.ratificationId === ratificationId
            ? {
                ...ratification,
                setAside: outcome === 'referred-back' ? { callInId, resolvedOn } : ratification.setAside,
                callIns: ratification.callIns.map((callIn) => (callIn.callInId === callInId ? { ...callIn, resolution: { resolvedOn, outcome } } : callIn)),
              }
            : ratification,
        ),
      };
    }
    case 'ProposalRatified':
      return { ...state, status: 'ratified' };
    case 'ProposalRejected':
      return { ...state, status: 'rejected' };
    case 'ProposalReopened':
      return { ...state, status: 'open' };
    default:
      return unreachable(event);
  }
}

type OnRoute = Extract<RouteMatch, { onRoute: true }>;

function questionFor(version: ProposalVersion, match: OnRoute, holderId: string, at: Instant): AuthorityQuestion {
  if (match.organisationId === null) throw new Error('An approve step always names its organisation.');
  const { scopes, valuePence } = shareOf(match.step, version);
  return { holderId, organisationId: match.organisationId, scopes, amountPence: valuePence, at };
}

function onRoute(version: ProposalVersion, organisationId: string | null, decisionMaker: DecisionMakerFact): OnRoute {
  if (!decisionMaker.registered) throw new Error('unreachable: the decision-maker was checked first');
  const match = matchRouteStep(version.route, { organisationId, decisionMaker });
  if (!match.onRoute) throw new NotOnRouteError(`Not on the route of version ${version.version}: ${match.reason}`);
  return match;
}

function registeredDecisionMaker(fact: DecisionMakerFact, deciderId: string): Extract<DecisionMakerFact, { registered: true }> {
  if (fact.id !== deciderId) throw new Error(`The command carries no fact about body or post ${deciderId}; its handler must load it.`);
  if (!fact.registered) throw new InvalidCommandError(`There is no body or post ${deciderId}.`, 'deciderId');
  return fact;
}

function tabled(state: ProposalState, proposalId: string): TabledProposalState {
  if (state.status === 'untabled') throw new NotFoundError('proposal', proposalId);
  return state;
}

function notWithdrawn(proposal: TabledProposalState, what: string): void {
  if (proposal.withdrawal) {
    throw new InvalidTransitionError(`Proposal ${proposal.proposalId} was withdrawn on ${londonDate(proposal.withdrawal.withdrawnOn)} and cannot be ${what}.`);
  }
}

function validateContent(content: { title: string; summary: string | null; scopes: Scope[]; valuePence: number | null }): void {
  requireText(content.title, 'title');
  if (content.summary !== null && !content.summary.trim()) throw new InvalidCommandError('summary, when given, is not blank.', 'summary');
  if (content.scopes.length === 0) throw new InvalidCommandError('A proposal names at least one scope: authority to decide it is checked over its scopes.', 'scopes');
  const malformed = content.scopes.filter((scope) => !isScope(scope));
  if (malformed.length > 0) throw new InvalidCommandError(`${malformed.join(', ')} is not a scope.`, 'scopes');
  const duplicates = content.scopes.filter((scope, index) => content.scopes.indexOf(scope) !== index);
  if (duplicates.length > 0) throw new InvalidCommandError(`scopes lists ${duplicates.join(', ')} more than once.`, 'scopes');
  if (content.valuePence !== null && (!Number.isSafeInteger(content.valuePence) || content.valuePence < 0)) {
    throw new InvalidCommandError('valuePence is a whole, non-negative number of pence.', 'valuePence');
  }
}

function validateExempt(exempt: ExemptInformation | null): void {
  if (exempt === null) return;
  if (!Number.isInteger(exempt.paragraph) || exempt.paragraph < 1 || exempt.paragraph > 7) {
    throw new InvalidCommandError('Schedule 12A has paragraphs 1 to 7.', 'exempt.paragraph');
  }
  requireText(exempt.reason, 'exempt.reason');
}

function requireText(text: string, field: string): void {
  if (!text.trim()) throw new InvalidCommandError(`${field} is required.`, field);
}

function copyStep({ organisationId, bodyId, requirement, scopes, valuePence }: RouteStep): RouteStep {
  return {
    organisationId: organisationId ?? null,
    bodyId: bodyId ?? null,
    requirement,
    ...(scopes === undefined || scopes === null ? {} : { scopes: [...scopes] }),
    ...(valuePence === undefined || valuePence === null ? {} : { valuePence }),
  };
}

function sameScopes(a: readonly Scope[], b: readonly Scope[]): boolean {
  return a.length === b.length && a.every((scope) => b.includes(scope));
}

function describe(step: RouteStep): string {
  if (step.bodyId && step.organisationId) return `${step.bodyId} for ${step.organisationId}`;
  return step.bodyId ?? `${step.organisationId}`;
}
