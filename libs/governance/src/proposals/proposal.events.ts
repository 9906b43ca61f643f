import type { AuthorityBasis } from '../authority/authority-answer.js';
import type { DomainEvent } from '../shared/decider.js';
import type { Instant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';
import type { RouteRequirement, RouteStep } from './route.js';

/** Schedule 12A to the Local Government Act 1972: the paragraph (1–7) that makes part of the matter exempt, and why. */
export interface ExemptInformation {
  paragraph: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  reason: string;
}

export const RATIFICATION_OUTCOMES = ['approved', 'approved-with-conditions', 'rejected', 'deferred', 'noted'] as const;
export type RatificationOutcome = (typeof RATIFICATION_OUTCOMES)[number];

export const CALL_IN_OUTCOMES = ['no-further-action', 'referred-back'] as const;
/** `no-further-action`: the decision stands; `referred-back`: it is set aside and the organisation must decide again. */
export type CallInOutcome = (typeof CALL_IN_OUTCOMES)[number];

/** The fields an amendment may change; a new version carries them all. */
export const AMENDABLE_FIELDS = ['title', 'summary', 'scopes', 'valuePence', 'route'] as const;
export type AmendableField = (typeof AMENDABLE_FIELDS)[number];

export interface MeetingReference {
  minuteRef: string | null;
  url: string | null;
}

/** A member's declared interest and the dispensation granted, if any (Localism Act 2011 s.33). */
export interface ConflictOfInterest {
  member: string;
  interest: string;
  dispensation: string | null;
}

/** A matter for decision is tabled as version 1 with the route it must pass. */
export type ProposalTabled = DomainEvent<
  'ProposalTabled',
  {
    proposalId: string;
    version: 1;
    title: string;
    summary: string | null;
    scopes: Scope[];
    valuePence: number | null;
    keyDecision: boolean;
    exempt: ExemptInformation | null;
    proposedById: string;
    route: RouteStep[];
    tabledOn: Instant;
  }
>;

/**
 * A new version: every amendable field as it now stands, and which of them changed. Decisions on
 * earlier versions stay on record but no longer count.
 */
export type ProposalAmended = DomainEvent<
  'ProposalAmended',
  {
    proposalId: string;
    version: number;
    amendedOn: Instant;
    reason: string;
    changed: AmendableField[];
    title: string;
    summary: string | null;
    scopes: Scope[];
    valuePence: number | null;
    route: RouteStep[];
  }
>;

/** The proposal is withdrawn; final. */
export type ProposalWithdrawn = DomainEvent<'ProposalWithdrawn', { proposalId: string; version: number; withdrawnOn: Instant; reason: string }>;

/**
 * One organisation's decision on one version — the statutory record (2012 Regulations, reg. 12) —
 * with the route step it takes and, for an `approve` step, the proof that the decider held authority
 * at `decidedOn` (the authority basis; null on `endorse` and `note` steps, which need none).
 */
export type RatificationRecorded = DomainEvent<
  'RatificationRecorded',
  {
    proposalId: string;
    ratificationId: string;
    version: number;
    stepIndex: number;
    requirement: RouteRequirement;
    organisationId: string | null;
    deciderId: string;
    deciderKind: 'body' | 'post';
    outcome: RatificationOutcome;
    decidedOn: Instant;
    reasons: string | null;
    alternativesConsidered: string | null;
    meeting: MeetingReference | null;
    conditions: string | null;
    conflictsOfInterest: ConflictOfInterest[];
    decidedByPerson: string | null;
    callInUntil: Instant | null;
    authority: AuthorityBasis | null;
  }
>;

/** A wrong record is never edited: it is rescinded with a reason, stays on record, and no longer counts. */
export type RatificationRescinded = DomainEvent<
  'RatificationRescinded',
  { proposalId: string; ratificationId: string; rescindedOn: Instant; reason: string }
>;

/** A scrutiny committee calls in a decision before its call-in deadline. */
export type CallInLodged = DomainEvent<
  'CallInLodged',
  { proposalId: string; callInId: string; ratificationId: string; scrutinyBodyId: string; lodgedOn: Instant; reason: string }
>;

/** The call-in is resolved; `referred-back` sets the ratification aside. */
export type CallInResolved = DomainEvent<
  'CallInResolved',
  { proposalId: string; callInId: string; ratificationId: string; resolvedOn: Instant; outcome: CallInOutcome }
>;

/**
 * The proposal became ratified: every step of the current version decided as it asks. `ratifiedOn`
 * is the date of the last of those decisions; `ratificationIds` are the decisions that count.
 */
export type ProposalRatified = DomainEvent<
  'ProposalRatified',
  { proposalId: string; version: number; ratifiedOn: Instant; ratificationIds: string[] }
>;

/** The proposal became rejected: an `approve` or `endorse` step was rejected on the current version. */
export type ProposalRejected = DomainEvent<
  'ProposalRejected',
  { proposalId: string; version: number; rejectedOn: Instant; ratificationIds: string[] }
>;

export const REOPENING_CAUSES = ['amendment', 'rescission', 'referral-back'] as const;
/** Why a ratified or rejected proposal is open again: a new version, a rescinded decision, or a decision referred back on call-in. */
export type ReopeningCause = (typeof REOPENING_CAUSES)[number];

/**
 * A ratified or rejected proposal is open again. `ratificationId` is the decision rescinded or
 * referred back (null after an amendment).
 */
export type ProposalReopened = DomainEvent<
  'ProposalReopened',
  {
    proposalId: string;
    version: number;
    reopenedOn: Instant;
    previously: 'ratified' | 'rejected';
    cause: ReopeningCause;
    ratificationId: string | null;
  }
>;

export type ProposalEvent =
  | ProposalTabled
  | ProposalAmended
  | ProposalWithdrawn
  | RatificationRecorded
  | RatificationRescinded
  | CallInLodged
  | CallInResolved
  | ProposalRatified
  | ProposalRejected
  | ProposalReopened;

export const proposalStreamId = (proposalId: string) => `proposal-${proposalId}`;
