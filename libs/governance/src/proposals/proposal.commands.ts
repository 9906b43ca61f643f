import type { AuthorityKnowledge } from '../authority/authority-knowledge.js';
import type { BodyKind } from '../bodies/body.events.js';
import type { OrganisationFact } from '../shared/organisation-fact.js';
import type { Instant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';
import type { CallInOutcome, ConflictOfInterest, ExemptInformation, MeetingReference, RatificationOutcome } from './proposal.events.js';
import type { DecisionMakerFact, RouteStep } from './route.js';

export interface TableProposal {
  type: 'TableProposal';
  proposalId: string;
  title: string;
  summary: string | null;
  scopes: Scope[];
  valuePence: number | null;
  keyDecision: boolean;
  exempt: ExemptInformation | null;
  proposedById: string;
  route: RouteStep[];
  tabledOn: Instant;
  /** The ledger's clock as the command is decided: `tabledOn` may not be later (`notInTheFuture`). */
  now: Instant;
  /** Every organisation the route names, as its stream shows it; the handler reads them. */
  organisations: OrganisationFact[];
  /** Every body or post the route names (`bodyId`), as its stream shows it; the handler reads them. */
  decisionMakers: DecisionMakerFact[];
}

/** A new version. Absent fields keep their value; `summary` and `valuePence` may be cleared with null. */
export interface AmendProposal {
  type: 'AmendProposal';
  proposalId: string;
  amendedOn: Instant;
  /** The ledger's clock as the command is decided: `amendedOn` may not be later (`notInTheFuture`). */
  now: Instant;
  reason: string;
  title?: string;
  summary?: string | null;
  scopes?: Scope[];
  valuePence?: number | null;
  route?: RouteStep[];
  /** With a new route: what the handler loaded about every organisation it names. */
  organisations?: OrganisationFact[];
  /** With a new route: what the handler loaded about every body or post it names. */
  decisionMakers?: DecisionMakerFact[];
}

export interface WithdrawProposal {
  type: 'WithdrawProposal';
  proposalId: string;
  withdrawnOn: Instant;
  /** The ledger's clock as the command is decided: `withdrawnOn` may not be later (`notInTheFuture`). */
  now: Instant;
  reason: string;
}

/** The authority check the handler made for an `approve` step, at `decidedOn`, and the basis to store. */
export interface RecordRatification {
  type: 'RecordRatification';
  proposalId: string;
  ratificationId: string;
  /** The organisation the decision is for; null lets the route step (or the decider's own organisation) say. */
  organisationId: string | null;
  /** The body or post that decided. */
  deciderId: string;
  version: number;
  outcome: RatificationOutcome;
  decidedOn: Instant;
  /** The ledger's clock as the command is decided: `decidedOn` may not be later (`notInTheFuture`). */
  now: Instant;
  reasons: string | null;
  alternativesConsidered: string | null;
  meeting: MeetingReference | null;
  conditions: string | null;
  conflictsOfInterest: ConflictOfInterest[];
  decidedByPerson: string | null;
  callInUntil: Instant | null;
  /** The body or post that decided (the decision-maker), as its stream shows it; the handler reads it. */
  decisionMaker: DecisionMakerFact;
  /**
   * What the ledger knows of authority: a decision that takes an `approve` step asks it whether
   * the decider held authority at `decidedOn` for the step's organisation, the proposal's scopes
   * and value, and keeps the answer's chains and the stream versions read as its basis.
   */
  authority: AuthorityKnowledge;
}

export interface RescindRatification {
  type: 'RescindRatification';
  proposalId: string;
  ratificationId: string;
  rescindedOn: Instant;
  /** The ledger's clock as the command is decided: `rescindedOn` may not be later (`notInTheFuture`). */
  now: Instant;
  reason: string;
}

/** The scrutiny body as its stream shows it; `registered: false` when the ledger knows no such body. */
export type ScrutinyBodyFact =
  | { bodyId: string; registered: false }
  | { bodyId: string; registered: true; kind: BodyKind; organisationId: string | null; dissolvedOn?: Instant };

export interface LodgeCallIn {
  type: 'LodgeCallIn';
  proposalId: string;
  callInId: string;
  ratificationId: string;
  scrutinyBodyId: string;
  lodgedOn: Instant;
  /** The ledger's clock as the command is decided: `lodgedOn` may not be later (`notInTheFuture`). */
  now: Instant;
  reason: string;
  scrutinyBody: ScrutinyBodyFact;
}

export interface ResolveCallIn {
  type: 'ResolveCallIn';
  proposalId: string;
  callInId: string;
  resolvedOn: Instant;
  /** The ledger's clock as the command is decided: `resolvedOn` may not be later (`notInTheFuture`). */
  now: Instant;
  outcome: CallInOutcome;
}

export type ProposalCommand =
  | TableProposal
  | AmendProposal
  | WithdrawProposal
  | RecordRatification
  | RescindRatification
  | LodgeCallIn
  | ResolveCallIn;
