import type { Instant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';
import type { CallInOutcome, ExemptInformation, RatificationOutcome } from './proposal.events.js';
import type { RouteRequirement, RouteStep } from './route.js';

export const PROPOSAL_STATUSES = ['open', 'ratified', 'rejected', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** One version of the proposal as tabled or amended. */
export interface ProposalVersion {
  version: number;
  /** When it was tabled (version 1) or amended. */
  madeOn: Instant;
  /** Why it was amended; null for version 1. */
  amendmentReason: string | null;
  title: string;
  summary: string | null;
  scopes: Scope[];
  valuePence: number | null;
  route: RouteStep[];
}

export interface CallInRecord {
  callInId: string;
  scrutinyBodyId: string;
  lodgedOn: Instant;
  reason: string;
  resolution: { resolvedOn: Instant; outcome: CallInOutcome } | null;
}

/**
 * A decision as any record of it holds it — the decider's state, or a read model's own rows: what
 * the rules about decisions below read (whether it stands, counts, is pending call-in, is
 * implementable). Each record keeps its own shape and carries at least this.
 */
export interface RecordedDecision {
  ratificationId: string;
  version: number;
  stepIndex: number;
  outcome: RatificationOutcome;
  decidedOn: Instant;
  callInUntil: Instant | null;
  rescission: { rescindedOn: Instant; reason: string } | null;
  /** Set when a call-in referred the decision back: it stands aside and the organisation must decide again. */
  setAside: { callInId: string; resolvedOn: Instant } | null;
  callIns: readonly CallInRecord[];
}

/** A proposal as any record of it holds it: what the rules about its status and its route's decisions read. */
export interface RecordedProposal<Decision extends RecordedDecision = RecordedDecision> {
  /** Every version, oldest first; the last is current. */
  versions: readonly { version: number; route: readonly RouteStep[] }[];
  withdrawal: { withdrawnOn: Instant; reason: string } | null;
  /** Every ratification of every version, in the order recorded. */
  ratifications: readonly Decision[];
}

/** A ratification as it stands now: what was decided, and what has happened to it since. */
export interface RatificationRecord extends RecordedDecision {
  requirement: RouteRequirement;
  organisationId: string | null;
  deciderId: string;
  deciderKind: 'body' | 'post';
  conditions: string | null;
  callIns: CallInRecord[];
}

export type ProposalState =
  | { status: 'untabled' }
  | {
      /** As the stream's status events (`ProposalRatified`, `ProposalRejected`, `ProposalReopened`, `ProposalWithdrawn`) left it. */
      status: ProposalStatus;
      proposalId: string;
      keyDecision: boolean;
      exempt: ExemptInformation | null;
      proposedById: string;
      tabledOn: Instant;
      /** Every version, oldest first; the last is current. */
      versions: ProposalVersion[];
      withdrawal: { withdrawnOn: Instant; reason: string } | null;
      /** Every ratification of every version, in the order recorded, rescinded and set-aside ones included. */
      ratifications: RatificationRecord[];
    };

export type TabledProposalState = Exclude<ProposalState, { status: 'untabled' }>;

export function currentProposalVersion<Version>(proposal: { versions: readonly Version[] }): Version {
  return proposal.versions[proposal.versions.length - 1];
}

/** Whether the record still counts as a decision at all: not rescinded, not referred back. */
export function ratificationStands(ratification: RecordedDecision): boolean {
  return ratification.rescission === null && ratification.setAside === null;
}

/**
 * The decision that stands for each step of the current version (null while none does): the one
 * not rescinded, not set aside and not a mere deferral. At most one exists per step.
 */
export function stepDecisions<Decision extends RecordedDecision>(proposal: RecordedProposal<Decision>): { step: RouteStep; decision: Decision | null }[] {
  const current = currentProposalVersion(proposal);
  return current.route.map((step, stepIndex) => ({
    step,
    decision:
      proposal.ratifications.find(
        (ratification) => ratification.version === current.version && ratification.stepIndex === stepIndex && ratification.outcome !== 'deferred' && ratificationStands(ratification),
      ) ?? null,
  }));
}

export function findRatification(proposal: TabledProposalState, ratificationId: string): RatificationRecord | undefined {
  return proposal.ratifications.find((ratification) => ratification.ratificationId === ratificationId);
}

export function findCallIn(proposal: TabledProposalState, callInId: string): { ratification: RatificationRecord; callIn: CallInRecord } | undefined {
  for (const ratification of proposal.ratifications) {
    const callIn = ratification.callIns.find((candidate) => candidate.callInId === callInId);
    if (callIn) return { ratification, callIn };
  }
  return undefined;
}

const IMPLEMENTABLE_OUTCOMES: readonly RatificationOutcome[] = ['approved', 'approved-with-conditions'];

/**
 * From when the decision may be implemented: its `callInUntil` when one applies (its date when none
 * does); while a call-in is unresolved, null; after `no-further-action`, the resolution's date if
 * later. Null for a decision with nothing to implement (rejected, deferred, noted) and for one
 * rescinded or referred back.
 */
export function implementableFrom(ratification: RecordedDecision): Instant | null {
  if (!ratificationStands(ratification) || !IMPLEMENTABLE_OUTCOMES.includes(ratification.outcome)) return null;
  const earliest = ratification.callInUntil ?? ratification.decidedOn;
  let from = earliest;
  for (const callIn of ratification.callIns) {
    if (callIn.resolution === null) return null;
    if (callIn.resolution.resolvedOn > from) from = callIn.resolution.resolvedOn;
  }
  return from;
}

/**
 * Whether the decision is `pending-call-in` at `at` (API.md): it stands, and either its call-in
 * period has not ended or a call-in lodged against it is unresolved. Matches `implementableFrom`:
 * a standing approval is implementable at `at` exactly when it is not pending call-in.
 */
export function isPendingCallIn(ratification: RecordedDecision, at: Instant): boolean {
  if (!ratificationStands(ratification)) return false;
  if (ratification.callIns.some((callIn) => callIn.resolution === null)) return true;
  return ratification.callInUntil !== null && at < ratification.callInUntil;
}
