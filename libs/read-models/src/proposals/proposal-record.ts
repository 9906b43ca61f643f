import { unreachable, type ExemptInformation, type ProposalEvent, type ProposalStatus, type RecordedProposal } from '@ledger/governance';
import type { RatificationStanding, RatificationStatement } from './proposals.rows.js';
import type { ProposalVersionView } from './proposals.views.js';

/** A decision as the read model keeps it: the statutory record as recorded (without its authority basis), and what became of it since. */
export type DecisionRecord = RatificationStatement & RatificationStanding;

/**
 * A proposal as the read model keeps it in its `proposals` and `ratifications` rows: its own shape,
 * not the decider's state. The domain's rules about decisions (`stepDecisions`,
 * `implementableFrom`, …) read it as a `RecordedProposal`.
 */
export interface ProposalRecord extends RecordedProposal<DecisionRecord> {
  proposalId: string;
  /** As the stream's status events left it (`ProposalRatified`, `ProposalRejected`, `ProposalReopened`, `ProposalWithdrawn`). */
  status: ProposalStatus;
  keyDecision: boolean;
  exempt: ExemptInformation | null;
  proposedById: string;
  /** Every version, oldest first: the first was made when the proposal was tabled. */
  versions: ProposalVersionView[];
  ratifications: DecisionRecord[];
}

/**
 * A decision as the projection keeps it beside its proposal once the decision's own row holds its
 * statement: what the proposal's row (the organisations it names) and later changes to the
 * decision's standing (a rescission, a call-in) need.
 */
export type DecisionWritten = Pick<DecisionRecord, 'ratificationId' | 'organisationId'> & RatificationStanding;

/**
 * The record the projection folds a proposal's events into (`foldProposal`) and writes the
 * proposal's row from: the proposal as `ProposalRecord` holds it, each decision as `DecisionWritten`
 * — not its statement, which is written into the decision's row once and never read back to fold.
 */
export interface ProposalFold extends Omit<ProposalRecord, 'ratifications'> {
  ratifications: DecisionWritten[];
}

/**
 * One event folded into the projection's record of its proposal; null until the proposal is tabled.
 * Every event type is named, so a new one fails to compile here until the read model says what it
 * makes of it.
 */
export function foldProposal(record: ProposalFold | null, event: ProposalEvent): ProposalFold | null {
  if (event.type === 'ProposalTabled') {
    const { proposalId, version, title, summary, scopes, valuePence, keyDecision, exempt, proposedById, route, tabledOn } = event.data;
    return {
      proposalId,
      status: 'open',
      keyDecision,
      exempt,
      proposedById,
      versions: [{ version, madeOn: tabledOn, amendmentReason: null, title, summary, scopes, valuePence, route }],
      withdrawal: null,
      ratifications: [],
    };
  }
  if (record === null) return null;
  switch (event.type) {
    case 'ProposalAmended': {
      const { version, amendedOn, reason, title, summary, scopes, valuePence, route } = event.data;
      return { ...record, versions: [...record.versions, { version, madeOn: amendedOn, amendmentReason: reason, title, summary, scopes, valuePence, route }] };
    }
    case 'ProposalWithdrawn':
      return { ...record, status: 'withdrawn', withdrawal: { withdrawnOn: event.data.withdrawnOn, reason: event.data.reason } };
    case 'RatificationRecorded': {
      const { ratificationId, organisationId } = event.data;
      return { ...record, ratifications: [...record.ratifications, { ratificationId, organisationId, rescission: null, setAside: null, callIns: [] }] };
    }
    case 'RatificationRescinded': {
      const { rescindedOn, reason } = event.data;
      return withDecision(record, event.data.ratificationId, (decision) => ({ ...decision, rescission: { rescindedOn, reason } }));
    }
    case 'CallInLodged': {
      const { callInId, scrutinyBodyId, lodgedOn, reason } = event.data;
      return withDecision(record, event.data.ratificationId, (decision) => ({ ...decision, callIns: [...decision.callIns, { callInId, scrutinyBodyId, lodgedOn, reason, resolution: null }] }));
    }
    case 'CallInResolved': {
      const { callInId, resolvedOn, outcome } = event.data;
      return withDecision(record, event.data.ratificationId, (decision) => ({
        ...decision,
        setAside: outcome === 'referred-back' ? { callInId, resolvedOn } : decision.setAside,
        callIns: decision.callIns.map((callIn) => (callIn.callInId === callInId ? { ...callIn, resolution: { resolvedOn, outcome } } : callIn)),
      }));
    }
    case 'ProposalRatified':
      return { ...record, status: 'ratified' };
    case 'ProposalRejected':
      return { ...record, status: 'rejected' };
    case 'ProposalReopened':
      return { ...record, status: 'open' };
    default:
      return unreachable(event);
  }
}

function withDecision(record: ProposalFold, ratificationId: string, change: (decision: DecisionWritten) => DecisionWritten): ProposalFold {
  return { ...record, ratifications: record.ratifications.map((decision) => (decision.ratificationId === ratificationId ? change(decision) : decision)) };
}
