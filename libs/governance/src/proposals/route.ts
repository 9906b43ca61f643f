import type { BodyKind } from '../bodies/body.events.js';
import type { OrganisationFact } from '../shared/organisation-fact.js';
import { organisationFact } from '../shared/organisation-fact.js';
import { InvalidCommandError } from '../shared/domain-error.js';
import { isScope, uncoveredScopes, type Scope } from '../shared/scope.js';
import type { Instant } from '../shared/ledger-time.js';
import { londonDate } from '../shared/ledger-time.js';

export const ROUTE_REQUIREMENTS = ['approve', 'endorse', 'note'] as const;
/**
 * What a step of the route asks for: `approve` — an organisation's binding decision, taken by any
 * decider with authority, or only by `bodyId` when named; `endorse` — a forum's support, no
 * delegated authority needed; `note` — a forum (or an organisation) takes it for information.
 */
export type RouteRequirement = (typeof ROUTE_REQUIREMENTS)[number];

/**
 * One step a proposal must pass. `bodyId` names the forum that decides; on an `approve` step it may
 * also name a post (an executive member or an officer acting under delegation, such as Wokingham's
 * lead member), since that decider is then the only one that may take the step.
 */
export interface RouteStep {
  organisationId: string | null;
  bodyId: string | null;
  requirement: RouteRequirement;
  /**
   * On an approve step, the share of the proposal its organisation decides, when not the whole: a
   * partnership's partners hold different functions and put in different sums (Wirral's pooled
   * fund: council £73.9m, CCG £493.4m). Authority is checked over these scopes and this value.
   * Absent: the whole proposal.
   */
  scopes?: Scope[];
  valuePence?: number;
}

/** The scopes and value an approve step's decider must hold authority for. */
export function shareOf(step: RouteStep, content: { scopes: readonly Scope[]; valuePence: number | null }): { scopes: Scope[]; valuePence: number | null } {
  return { scopes: [...(step.scopes ?? content.scopes)], valuePence: step.valuePence ?? content.valuePence };
}

/**
 * Refuses a share an approve step cannot decide: only approve steps take one; its scopes are
 * well-formed, listed once, and within the proposal's; its value is within the proposal's.
 */
export function validateStepShares(route: readonly RouteStep[], content: { scopes: readonly Scope[]; valuePence: number | null }, field = 'route'): void {
  route.forEach((step, index) => {
    const at = `${field}[${index}]`;
    if ((step.scopes !== undefined || step.valuePence !== undefined) && step.requirement !== 'approve') {
      throw new InvalidCommandError(`Only an approve step decides a share of the proposal; this is a${step.requirement === 'endorse' ? 'n' : ''} ${step.requirement} step.`, step.scopes !== undefined ? `${at}.scopes` : `${at}.valuePence`);
    }
    if (step.scopes !== undefined) {
      if (step.scopes.length === 0) throw new InvalidCommandError('A step that names its scopes names at least one.', `${at}.scopes`);
      const malformed = step.scopes.filter((scope) => !isScope(scope));
      if (malformed.length > 0) throw new InvalidCommandError(`${malformed.join(', ')} is not a scope.`, `${at}.scopes`);
      const duplicates = step.scopes.filter((scope, position) => step.scopes!.indexOf(scope) !== position);
      if (duplicates.length > 0) throw new InvalidCommandError(`${at}.scopes lists ${duplicates.join(', ')} more than once.`, `${at}.scopes`);
      const outside = uncoveredScopes(content.scopes, step.scopes);
      if (outside.length > 0) throw new InvalidCommandError(`${outside.join(', ')} is not among the proposal's scopes (${content.scopes.join(', ')}).`, `${at}.scopes`);
    }
    if (step.valuePence !== undefined) {
      if (!Number.isSafeInteger(step.valuePence) || step.valuePence < 0) throw new InvalidCommandError('valuePence is a whole number of pence, 0 or more.', `${at}.valuePence`);
      if (content.valuePence === null) throw new InvalidCommandError('A step can put a value on its share only when the proposal has a value.', `${at}.valuePence`);
      if (step.valuePence > content.valuePence) throw new InvalidCommandError(`The step's share (${step.valuePence} pence) is more than the proposal's value (${content.valuePence} pence).`, `${at}.valuePence`);
    }
  });
  // Shares divide the proposal; together they must still decide all of it, or authority would be checked over less.
  const approves = route.filter((step) => step.requirement === 'approve');
  if (approves.length > 0 && approves.every((step) => step.scopes !== undefined)) {
    const undecided = uncoveredScopes(approves.flatMap((step) => step.scopes!), content.scopes);
    if (undecided.length > 0) throw new InvalidCommandError(`${undecided.join(', ')} is in no approve step's share: every scope of the proposal must be some organisation's to decide.`, field);
  }
  if (content.valuePence !== null && approves.length > 0 && approves.every((step) => step.valuePence !== undefined)) {
    const total = approves.reduce((sum, step) => sum + step.valuePence!, 0);
    if (total < content.valuePence) throw new InvalidCommandError(`The approve steps' shares come to ${total} pence, less than the proposal's ${content.valuePence}.`, field);
  }
}

/**
 * A body or post as its own stream shows it, loaded by the handler for a rule of the proposal's
 * stream (the same idea as `OrganisationFact`). `registered: false` says the ledger knows no body
 * and no post with that id.
 */
export type DecisionMakerFact =
  | { id: string; registered: false }
  | { id: string; registered: true; kind: 'body'; bodyKind: BodyKind; organisationId: string | null; dissolvedOn?: Instant }
  | { id: string; registered: true; kind: 'post'; organisationId: string };

export type RegisteredDecisionMaker = Extract<DecisionMakerFact, { registered: true }>;

/** What the handler loaded about every organisation and every body or post (decision-maker) a route names. */
export interface RouteFacts {
  organisations: readonly OrganisationFact[];
  decisionMakers: readonly DecisionMakerFact[];
}

/** The fact the handler loaded about a body or post. Its absence is a handler's bug, not a user's error. */
export function decisionMakerFact(facts: readonly DecisionMakerFact[], id: string): DecisionMakerFact {
  const fact = facts.find((candidate) => candidate.id === id);
  if (!fact) throw new Error(`The command carries no fact about body or post ${id}; its handler must load it.`);
  return fact;
}

const describeStep = (step: RouteStep) =>
  [step.requirement, step.organisationId ? `for ${step.organisationId}` : null, step.bodyId ? `by ${step.bodyId}` : null].filter(Boolean).join(' ');

/**
 * Refuses a route that breaks API.md's rules, naming the offending field (`route[2].bodyId`):
 * at least one step; `approve` names its organisation, `endorse` its forum, `note` either; every
 * organisation, body and post named is known to the ledger and not dissolved by `on`; only an
 * `approve` step may name a post; an organisation in several steps names the decider on each, and
 * a decider in several steps names the organisation on each, so that every ratification matches
 * exactly one step; and no step is repeated.
 *
 * An unknown id is bad input (`InvalidCommandError`, 400 `validation_failed` with the field), not
 * `NotFoundError`: the proposal is what the request addresses, and a 404 would say it is missing.
 */
export function validateRoute(route: readonly RouteStep[], facts: RouteFacts, on: Instant, field = 'route'): void {
  if (route.length === 0) throw new InvalidCommandError('A route needs at least one step.', field);

  route.forEach((step, index) => {
    const at = `${field}[${index}]`;
    switch (step.requirement) {
      case 'approve':
        if (step.organisationId === null) throw new InvalidCommandError('An approve step names the organisation whose binding decision it asks for.', `${at}.organisationId`);
        break;
      case 'endorse':
        if (step.bodyId === null) throw new InvalidCommandError('An endorse step names the forum whose support it asks for.', `${at}.bodyId`);
        break;
      case 'note':
        if (step.bodyId === null && step.organisationId === null) throw new InvalidCommandError('A note step names the forum or the organisation that takes it for information.', at);
        break;
      default:
        throw new InvalidCommandError(`Unknown requirement ${JSON.stringify(step.requirement as unknown)}.`, `${at}.requirement`);
    }

    if (step.organisationId !== null) {
      const organisation = organisationFact(facts.organisations, step.organisationId);
      if (!organisation.registered) throw new InvalidCommandError(`There is no organisation ${step.organisationId}.`, `${at}.organisationId`);
      if (organisation.dissolvedOn !== undefined && organisation.dissolvedOn <= on) {
        throw new InvalidCommandError(`Organisation ${step.organisationId} was dissolved on ${londonDate(organisation.dissolvedOn)}.`, `${at}.organisationId`);
      }
    }

    if (step.bodyId !== null) {
      const decisionMaker = decisionMakerFact(facts.decisionMakers, step.bodyId);
      if (!decisionMaker.registered) throw new InvalidCommandError(`There is no body or post ${step.bodyId}.`, `${at}.bodyId`);
      if (decisionMaker.kind === 'post' && step.requirement !== 'approve') {
        throw new InvalidCommandError(`${step.bodyId} is a post; only an approve step may name a post — ${step.requirement} steps name a forum.`, `${at}.bodyId`);
      }
      if (decisionMaker.kind === 'body' && decisionMaker.dissolvedOn !== undefined && decisionMaker.dissolvedOn <= on) {
        throw new InvalidCommandError(`Body ${step.bodyId} was dissolved on ${londonDate(decisionMaker.dissolvedOn)}.`, `${at}.bodyId`);
      }
    }
  });

  route.forEach((step, index) => {
    const earlier = route.findIndex((other, otherIndex) => otherIndex < index && other.organisationId === step.organisationId && other.bodyId === step.bodyId);
    if (earlier >= 0) {
      throw new InvalidCommandError(
        `${field}[${index}] (${describeStep(step)}) repeats the decider and organisation of ${field}[${earlier}] (${describeStep(route[earlier])}); a ratification could not tell them apart.`,
        `${field}[${index}]`,
      );
    }
  });

  route.forEach((step, index) => {
    if (step.organisationId !== null && step.bodyId === null && route.some((other, otherIndex) => otherIndex !== index && other.organisationId === step.organisationId)) {
      throw new InvalidCommandError(
        `Organisation ${step.organisationId} appears in several steps, so each must name the body (or post) that decides.`,
        `${field}[${index}].bodyId`,
      );
    }
    if (step.bodyId !== null && step.organisationId === null && route.some((other, otherIndex) => otherIndex !== index && other.bodyId === step.bodyId)) {
      throw new InvalidCommandError(
        `${step.bodyId} appears in several steps, so each must name the organisation it decides for.`,
        `${field}[${index}].organisationId`,
      );
    }
  });
}

/** Who a ratification says decided, and for whom. */
export interface RouteDecision {
  /** The organisation the ratification names; null when it names none. */
  organisationId: string | null;
  decisionMaker: RegisteredDecisionMaker;
}

export type RouteMatch =
  | { onRoute: true; stepIndex: number; step: RouteStep; organisationId: string | null }
  | { onRoute: false; reason: string };

/**
 * The one step of `route` a decision takes. A step naming the decider wins over a step naming only
 * its organisation (so a Health and Wellbeing Board's endorsement never counts as its council's
 * approval). A decider named in several steps (a joint committee deciding for each member) is told
 * apart by the organisation the ratification names, or else the decider's own organisation.
 * `organisationId` is the organisation the decision is recorded for: the step's, else the one the
 * ratification names, else the decider's own (null for a partnership board of no one organisation).
 */
export function matchRouteStep(route: readonly RouteStep[], decision: RouteDecision): RouteMatch {
  const { decisionMaker } = decision;
  const named = decision.organisationId;
  const matched = (stepIndex: number): RouteMatch => {
    const step = route[stepIndex];
    return { onRoute: true, stepIndex, step, organisationId: step.organisationId ?? named ?? decisionMaker.organisationId };
  };

  const byDecisionMaker = route
    .map((step, index) => ({ step, index }))
    .filter(({ step }) => step.bodyId === decisionMaker.id && (named === null || step.organisationId === null || step.organisationId === named));
  if (byDecisionMaker.length === 1) return matched(byDecisionMaker[0].index);
  if (byDecisionMaker.length > 1) {
    const own = byDecisionMaker.filter(({ step }) => step.organisationId === decisionMaker.organisationId);
    if (named === null && own.length === 1) return matched(own[0].index);
    return {
      onRoute: false,
      reason: `${decisionMaker.id} decides in ${byDecisionMaker.length} steps of the route (for ${byDecisionMaker.map(({ step }) => step.organisationId).join(', ')}); name the organisation this decision is for.`,
    };
  }

  const organisationId = named ?? decisionMaker.organisationId;
  const byOrganisation = route.findIndex((step) => step.bodyId === null && step.organisationId !== null && step.organisationId === organisationId);
  if (byOrganisation >= 0) return matched(byOrganisation);

  return {
    onRoute: false,
    reason:
      organisationId === null
        ? `${decisionMaker.id} is not on the route.`
        : `${decisionMaker.id} deciding for ${organisationId} is not on the route: no step names ${decisionMaker.id}, and no step leaves ${organisationId}'s decision to any decider with authority.`,
  };
}

/** Which outcomes each kind of step can take (see `proposal.decider.ts` for why). */
export const OUTCOMES_BY_REQUIREMENT = {
  approve: ['approved', 'approved-with-conditions', 'rejected', 'deferred'],
  endorse: ['approved', 'approved-with-conditions', 'rejected', 'deferred'],
  note: ['noted', 'approved', 'deferred'],
} as const satisfies Record<RouteRequirement, readonly string[]>;

/** Whether two routes have the same steps in the same order. */
export function sameRoute(a: readonly RouteStep[], b: readonly RouteStep[]): boolean {
  const sameShare = (x: RouteStep, y: RouteStep) =>
    x.valuePence === y.valuePence && (x.scopes === undefined ? y.scopes === undefined : y.scopes !== undefined && x.scopes.length === y.scopes.length && x.scopes.every((scope) => y.scopes!.includes(scope)));
  return (
    a.length === b.length &&
    a.every((step, index) => step.organisationId === b[index].organisationId && step.bodyId === b[index].bodyId && step.requirement === b[index].requirement && sameShare(step, b[index]))
  );
}
