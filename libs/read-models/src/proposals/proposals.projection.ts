import { parseLogPosition, type SqlSession, type StoredEvent } from '@ledger/event-store';
import { currentProposalVersion, proposalCodec, proposalDecider, type ProposalEvent, type ProposalState, type TabledProposalState } from '@ledger/governance';
import { columnNames, insertRows } from '../projector/json-rows.js';
import type { Projection } from '../projector/projection.js';
import {
  PROPOSAL_COLUMNS,
  RATIFICATION_COLUMNS,
  isoInstant,
  proposalStateOf,
  ratificationRecordOfRow,
  type ProposalRow,
  type RatificationRow,
  type RatificationStatement,
} from './proposals.rows.js';

/** Every event type of a proposal's stream. */
export const PROPOSAL_EVENT_TYPES = [
  'ProposalTabled',
  'ProposalAmended',
  'ProposalWithdrawn',
  'RatificationRecorded',
  'RatificationRescinded',
  'CallInLodged',
  'CallInResolved',
  'ProposalRatified',
  'ProposalRejected',
  'ProposalReopened',
] as const satisfies readonly ProposalEvent['type'][];

interface LogPlace {
  transaction: string;
  sequence: string;
  position: string;
  recordedAt: string;
}

/** What a ratification keeps beside its folded record: the statement, the authority basis and where it was recorded. */
interface RatificationExtras extends LogPlace {
  statement: string;
  authority: string | null;
}

interface Working {
  state: ProposalState;
  tabled: LogPlace | null;
  last: LogPlace | null;
  extras: Map<string, RatificationExtras>;
  changedRatifications: Set<string>;
}

function placeOf(event: StoredEvent): LogPlace {
  const { transactionId, sequence } = parseLogPosition(event.position);
  return { transaction: transactionId.toString(), sequence: sequence.toString(), position: event.position, recordedAt: event.metadata.recordedAt };
}

export const proposalIdOf = (event: StoredEvent) => String((event.data as { proposalId?: unknown }).proposalId);

/**
 * Proposals, their ratifications and their history. For each proposal a batch touches it rebuilds
 * the proposal's `ProposalState` from its rows, folds the batch's events with
 * `proposalDecider.evolve` — the write side's own fold — and writes the state back; so the read
 * model's status, route decisions, rescissions, set-asides and call-ins are the domain's.
 */
export const proposalsProjection: Projection = {
  name: 'proposals',
  handles: new Set<string>(PROPOSAL_EVENT_TYPES),

  async apply(events: readonly StoredEvent[], session: SqlSession): Promise<void> {
    const ids = [...new Set(events.map(proposalIdOf))];
    const working = await load(session, ids);

    for (const event of events) {
      const proposal = working.get(proposalIdOf(event))!;
      const domainEvent = proposalCodec.decode(event);
      proposal.state = proposalDecider.evolve(proposal.state, domainEvent);
      const place = placeOf(event);
      proposal.last = place;
      switch (domainEvent.type) {
        case 'ProposalTabled':
          proposal.tabled ??= place;
          break;
        case 'RatificationRecorded': {
          const { authority, ...statement } = domainEvent.data;
          proposal.extras.set(statement.ratificationId, { ...place, statement: JSON.stringify(statement satisfies RatificationStatement), authority: authority === null ? null : JSON.stringify(authority) });
          proposal.changedRatifications.add(statement.ratificationId);
          break;
        }
        case 'RatificationRescinded':
        case 'CallInLodged':
        case 'CallInResolved':
          proposal.changedRatifications.add(domainEvent.data.ratificationId);
          break;
        default:
          break;
      }
    }

    const tabled = [...working.values()].filter((proposal) => proposal.state.status !== 'untabled' && proposal.tabled !== null && proposal.last !== null);
    await upsertProposals(session, tabled);
    await upsertRatifications(session, tabled);
  },
};

async function load(session: SqlSession, ids: string[]): Promise<Map<string, Working>> {
  const proposals = await session.query<ProposalRow>(`SELECT ${PROPOSAL_COLUMNS} FROM proposals WHERE proposal_id = ANY($1::text[])`, [ids]);
  // Ordered by the numbers, not by the text columns of the same names that RATIFICATION_COLUMNS selects.
  const ratifications = await session.query<RatificationRow>(
    `SELECT ${RATIFICATION_COLUMNS} FROM ratifications WHERE proposal_id = ANY($1::text[]) ORDER BY ratifications.log_transaction, ratifications.log_sequence`,
    [ids],
  );
  const working = new Map<string, Working>(ids.map((id) => [id, { state: proposalDecider.initialState, tabled: null, last: null, extras: new Map(), changedRatifications: new Set() }]));
  for (const row of proposals) {
    const own = ratifications.filter((ratification) => ratification.proposal_id === row.proposal_id);
    const proposal = working.get(row.proposal_id)!;
    proposal.state = proposalStateOf(row, own.map(ratificationRecordOfRow));
    proposal.tabled = { transaction: row.tabled_transaction, sequence: row.tabled_sequence, position: row.tabled_position, recordedAt: isoInstant(row.updated_at) };
    for (const ratification of own) {
      proposal.extras.set(ratification.ratification_id, {
        transaction: ratification.log_transaction,
        sequence: ratification.log_sequence,
        position: ratification.position,
        recordedAt: isoInstant(ratification.recorded_at),
        statement: ratification.statement,
        authority: ratification.authority,
      });
    }
  }
  return working;
}

/** Organisations the current route names and those any decision was recorded for. */
function organisationsOf(state: TabledProposalState): string[] {
  const named = [...currentProposalVersion(state).route.map((step) => step.organisationId), ...state.ratifications.map((ratification) => ratification.organisationId)];
  return [...new Set(named.filter((id): id is string => id !== null))].sort();
}

const PROPOSAL_ROW_COLUMNS = `proposal_id text, version integer, status text, key_decision boolean, exempt_paragraph smallint, exempt text,
  proposed_by_id text, tabled_on timestamptz, withdrawn_on timestamptz, withdrawal text, scopes text[], value_pence bigint,
  organisation_ids text[], versions text, title text, tabled_transaction bigint, tabled_sequence bigint, tabled_position text, last_position text,
  updated_at timestamptz`;

/** Where a proposal was tabled stays as first written. */
const PROPOSAL_UPDATES = columnNames(PROPOSAL_ROW_COLUMNS).filter((column) => !['proposal_id', 'tabled_transaction', 'tabled_sequence', 'tabled_position'].includes(column));

async function upsertProposals(session: SqlSession, proposals: Working[]): Promise<void> {
  if (proposals.length === 0) return;
  const rows = proposals.map((proposal) => {
    const state = proposal.state as TabledProposalState;
    const current = currentProposalVersion(state);
    return {
      proposal_id: state.proposalId,
      version: current.version,
      status: state.status,
      key_decision: state.keyDecision,
      exempt_paragraph: state.exempt?.paragraph ?? null,
      exempt: state.exempt === null ? null : JSON.stringify(state.exempt),
      proposed_by_id: state.proposedById,
      tabled_on: state.tabledOn,
      withdrawn_on: state.withdrawal?.withdrawnOn ?? null,
      withdrawal: state.withdrawal === null ? null : JSON.stringify(state.withdrawal),
      scopes: current.scopes,
      value_pence: current.valuePence === null ? null : String(current.valuePence),
      organisation_ids: organisationsOf(state),
      versions: JSON.stringify(state.versions),
      title: JSON.stringify(current.title), // free text stays JSON (migrations/read-models/0005)
      tabled_transaction: proposal.tabled!.transaction,
      tabled_sequence: proposal.tabled!.sequence,
      tabled_position: proposal.tabled!.position,
      last_position: proposal.last!.position,
      updated_at: proposal.last!.recordedAt,
    };
  });
  await session.query(...insertRows('proposals', PROPOSAL_ROW_COLUMNS, rows, { key: ['proposal_id'], update: PROPOSAL_UPDATES }));
}

const RATIFICATION_ROW_COLUMNS = `proposal_id text, ratification_id text, version integer, step_index integer, requirement text,
  organisation_id text, decider_id text, decider_kind text, outcome text, decided_on timestamptz, call_in_until timestamptz, statement text,
  authority text, rescinded_on timestamptz, rescission text, set_aside_on timestamptz, set_aside text, call_ins text,
  log_transaction bigint, log_sequence bigint, position text, recorded_at timestamptz`;

/** What happens to a ratification after it was recorded; the rest of its row stays as first written. */
const RATIFICATION_UPDATES = ['rescinded_on', 'rescission', 'set_aside_on', 'set_aside', 'call_ins'];

async function upsertRatifications(session: SqlSession, proposals: Working[]): Promise<void> {
  const rows = proposals.flatMap((proposal) => {
    const state = proposal.state as TabledProposalState;
    return [...proposal.changedRatifications].flatMap((ratificationId) => {
      const record = state.ratifications.find((candidate) => candidate.ratificationId === ratificationId);
      const extras = proposal.extras.get(ratificationId);
      return record && extras ? [{ proposalId: state.proposalId, record, extras }] : [];
    });
  });
  if (rows.length === 0) return;
  const values = rows.map(({ proposalId, record, extras }) => ({
    proposal_id: proposalId,
    ratification_id: record.ratificationId,
    version: record.version,
    step_index: record.stepIndex,
    requirement: record.requirement,
    organisation_id: record.organisationId,
    decider_id: record.deciderId,
    decider_kind: record.deciderKind,
    outcome: record.outcome,
    decided_on: record.decidedOn,
    call_in_until: record.callInUntil,
    statement: extras.statement,
    authority: extras.authority,
    rescinded_on: record.rescission?.rescindedOn ?? null,
    rescission: record.rescission === null ? null : JSON.stringify(record.rescission),
    set_aside_on: record.setAside?.resolvedOn ?? null,
    set_aside: record.setAside === null ? null : JSON.stringify(record.setAside),
    call_ins: JSON.stringify(record.callIns),
    log_transaction: extras.transaction,
    log_sequence: extras.sequence,
    position: extras.position,
    recorded_at: extras.recordedAt,
  }));
  await session.query(...insertRows('ratifications', RATIFICATION_ROW_COLUMNS, values, { key: ['proposal_id', 'ratification_id'], update: RATIFICATION_UPDATES }));
}
