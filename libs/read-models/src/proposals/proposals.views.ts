import type { AuthorityNow } from '../authority/authority-now.js';
import type {
  AuthorityBasis,
  CallInOutcome,
  ConflictOfInterest,
  ExemptInformation,
  Instant,
  MeetingReference,
  ProposalStatus,
  RatificationOutcome,
  RouteRequirement,
  RouteStep,
  Scope,
} from '@ledger/governance';

/** The paragraph of Schedule 12A to the Local Government Act 1972 that makes part of a matter exempt. */
export type ExemptParagraph = ExemptInformation['paragraph'];

/**
 * Where a decision stands: `pending-call-in` while its call-in period runs or a call-in lodged
 * against it is unresolved; `rescinded`; `set-aside` (referred back on call-in); else `stands`.
 */
export type RatificationStanding = 'stands' | 'pending-call-in' | 'rescinded' | 'set-aside';

export interface CallInView {
  callInId: string;
  scrutinyBodyId: string;
  lodgedOn: Instant;
  reason: string;
  resolution: { resolvedOn: Instant; outcome: CallInOutcome } | null;
}

/** A ratification's read form: the statutory record (2012 Regulations, reg. 12) and what became of it. */
export interface RatificationView {
  id: string;
  proposalId: string;
  /** The proposal's current title. */
  proposalTitle: string;
  /** The proposal's Schedule 12A paragraph when it is exempt (its conditions and meeting are then withheld from anonymous readers). */
  exemptParagraph: ExemptParagraph | null;
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
  /** Whether this is the decision that stands for its step of the proposal's current version (earlier versions' decisions never count). */
  counts: boolean;
  rescinded: boolean;
  rescission: { rescindedOn: Instant; reason: string } | null;
  setAside: { callInId: string; resolvedOn: Instant } | null;
  callIns: CallInView[];
  /** At the instant asked about. */
  status: RatificationStanding;
  /** Whether it is `pending-call-in` at the instant asked about. */
  pendingCallIn: boolean;
  /** From when it may be implemented; null while called in, and for a decision with nothing to implement or that no longer stands. */
  implementableFrom: Instant | null;
  /** The authority basis recorded with an `approve` decision (null on `endorse` and `note` steps). */
  authority: AuthorityBasis | null;
  /**
   * Whether that authority still holds on what the ledger knows now (null for a decision that
   * needed none): filled in by the reads that show the decision, from the event streams.
   */
  authorityNow?: AuthorityNow | null;
  position: string;
  /** Where an auditor proves this decision is in the sealed log: its inclusion proof in the latest checkpoint (auditors). */
  proof: string;
  recordedAt: Instant;
}

export interface ProposalVersionView {
  version: number;
  madeOn: Instant;
  amendmentReason: string | null;
  title: string;
  summary: string | null;
  scopes: Scope[];
  valuePence: number | null;
  route: RouteStep[];
}

/** A step of the current version's route with the decision that stands for it (null while none does). */
export interface RouteStepView {
  stepIndex: number;
  organisationId: string | null;
  bodyId: string | null;
  requirement: RouteRequirement;
  /** On an approve step, the proposal's scopes and value this organisation decides; null: the whole proposal. */
  scopes: Scope[] | null;
  valuePence: number | null;
  decision: RatificationView | null;
}

/** `GET /v1/proposals/{id}`. */
export interface ProposalView {
  id: string;
  version: number;
  status: ProposalStatus;
  title: string;
  summary: string | null;
  scopes: Scope[];
  valuePence: number | null;
  keyDecision: boolean;
  exempt: ExemptInformation | null;
  proposedById: string;
  tabledOn: Instant;
  withdrawal: { withdrawnOn: Instant; reason: string } | null;
  /** When a ratified proposal may be implemented (every counting decision past its call-in); else null. */
  implementableFrom: Instant | null;
  route: RouteStepView[];
  /** Every version, oldest first; the last is current. */
  versions: ProposalVersionView[];
  /** Every ratification of every version, in the order recorded; rescinded, set-aside and superseded ones marked. */
  ratifications: RatificationView[];
  /** The log position of the last event of the proposal. */
  position: string;
}

/** An entry of the register of proposals (`GET /v1/proposals`). */
export interface ProposalListItem {
  id: string;
  version: number;
  status: ProposalStatus;
  title: string;
  summary: string | null;
  scopes: Scope[];
  valuePence: number | null;
  keyDecision: boolean;
  exempt: ExemptInformation | null;
  proposedById: string;
  tabledOn: Instant;
  withdrawnOn: Instant | null;
  organisationIds: string[];
  position: string;
}

/** An event of a proposal's stream (`GET /v1/proposals/{id}/history`). */
export interface HistoryEntry {
  proposalId: string;
  position: string;
  streamVersion: number;
  type: string;
  recordedAt: Instant;
  actor: string | null;
  data: Record<string, unknown>;
  /** One line of English. */
  summary: string;
  /** The proposal's Schedule 12A paragraph when it is exempt. */
  exemptParagraph: ExemptParagraph | null;
}
