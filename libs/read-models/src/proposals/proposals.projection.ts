import { parseLogPositionText, type SqlSession, type StoredEvent } from '@ledger/event-store';
import { currentProposalVersion, proposalCodec, type ProposalEvent } from '@ledger/governance';
import { columnNames, insertRows } from '../projector/json-rows.js';
import { writeRows, type TableRows } from '../projector/copy-rows.js';
import type { Projection } from '../projector/projection.js';
import { foldProposal, type DecisionWritten, type ProposalFold } from './proposal-record.js';
import {
  PROPOSAL_COLUMNS,
  DECISION_WRITTEN_COLUMNS,
  decisionWrittenOfRow,
  isoInstant,
  proposalRecordOf,
  type DecisionWrittenRow,
  type ProposalRow,
  type RatificationStanding,
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

/** What a ratification recorded in this fold keeps beside its record until its row is written: the statement, the authority basis (as JSON) and where it was recorded. */
interface RatificationExtras extends LogPlace {
  recorded: RatificationStatement;
  authority: string | null;
}

interface Working {
  record: ProposalFold | null;
  tabled: LogPlace | null;
  last: LogPlace | null;
  extras: Map<string, RatificationExtras>;
  changedRatifications: Set<string>;
}

/** A proposal of the batch that has been tabled, with where it was tabled and last changed. */
interface Tabled extends Working {
  record: ProposalFold;
  tabled: LogPlace;
  last: LogPlace;
}

function placeOf(event: StoredEvent): LogPlace {
  const { transactionId, sequence } = parseLogPositionText(event.position);
  return { transaction: transactionId, sequence, position: event.position, recordedAt: event.metadata.recordedAt };
}

export const proposalIdOf = (event: StoredEvent) => String((event.data as { proposalId?: unknown }).proposalId);

/**
 * Proposals and their ratifications. For each proposal a batch touches it reads the read model's
 * own record of it from its rows, folds the batch's events into that record (`foldProposal`) and
 * writes the proposal's row back. A ratification's row is copied in with the batch that records
 * it; a later change to its standing (a rescission, a call-in) is written over it. The rows hold
 * the read model's shape, not the decider's state: the decider may change its state without a
 * migration here. The status is the one the stream's status events recorded.
 */
export const proposalsProjection: Projection = {
  name: 'proposals',
  handles: new Set<string>(PROPOSAL_EVENT_TYPES),

  async apply(events: readonly StoredEvent[], session: SqlSession): Promise<void> {
    const working = await load(session, [...new Set(events.map(proposalIdOf))]);
    foldInto(working, events);
    const tabled = tabledOf(working);
    if (tabled.length === 0) return;
    await session.query(...insertRows('proposals', PROPOSAL_ROW_COLUMNS, proposalRows(tabled), { key: ['proposal_id'], update: PROPOSAL_UPDATES }));
    for (const rows of ratificationChanges(tabled)) await writeRows(session, rows);
  },

  /** Replayed in memory: each proposal's row is written once the log is read; its ratifications' rows batch by batch, as live. */
  replayInMemory() {
    const working = new Map<string, Working>();
    return {
      fold(events) {
        const touched = new Map<string, Working>();
        for (const event of events) {
          const id = proposalIdOf(event);
          const proposal = working.get(id) ?? unseen();
          working.set(id, proposal);
          touched.set(id, proposal);
        }
        foldInto(touched, events);
        const tabled = tabledOf(touched);
        const changes = ratificationChanges(tabled);
        for (const proposal of tabled) {
          proposal.extras.clear(); // a rebuild holds each proposal's record, not its ratifications' statements and bases
          proposal.changedRatifications.clear();
        }
        return changes;
      },
      held: () => [{ table: 'proposals', columns: PROPOSAL_ROW_COLUMNS, rows: proposalRows(tabledOf(working)) }],
    };
  },
};

/** A proposal the read model holds no rows of. */
const unseen = (): Working => ({ record: null, tabled: null, last: null, extras: new Map(), changedRatifications: new Set() });

/** Folds events into the working records of their proposals (each of which `working` holds). */
function foldInto(working: Map<string, Working>, events: readonly StoredEvent[]): void {
  for (const event of events) {
    const proposal = working.get(proposalIdOf(event))!;
    const domainEvent = proposalCodec.decode(event);
    proposal.record = foldProposal(proposal.record, domainEvent);
    const place = placeOf(event);
    proposal.last = place;
    switch (domainEvent.type) {
      case 'ProposalTabled':
        proposal.tabled ??= place;
        break;
      case 'RatificationRecorded': {
        const { authority, ...statement } = domainEvent.data;
        proposal.extras.set(statement.ratificationId, { ...place, recorded: statement, authority: authority === null ? null : JSON.stringify(authority) });
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
}

/** The proposals that have been tabled: the ones with rows to write. */
function tabledOf(working: Map<string, Working>): Tabled[] {
  return [...working.values()].filter((proposal): proposal is Tabled => proposal.record !== null && proposal.tabled !== null && proposal.last !== null);
}

async function load(session: SqlSession, ids: string[]): Promise<Map<string, Working>> {
  const proposals = await session.query<ProposalRow>(`SELECT ${PROPOSAL_COLUMNS} FROM proposals WHERE proposal_id = ANY($1::text[])`, [ids]);
  // Only what the records are folded from: a ratification recorded before keeps its row, and is only ever restated.
  // Each proposal's by its own index scan: as `proposal_id = ANY(…)`, PostgreSQL took the batch's
  // 200 proposals for most of the table and scanned all of it (5–55 ms a batch in bench:commands).
  const ratifications = await session.query<DecisionWrittenRow>(
    `SELECT ${DECISION_WRITTEN_COLUMNS}
       FROM unnest($1::text[]) AS wanted (wanted_id)
      CROSS JOIN LATERAL (SELECT * FROM ratifications WHERE proposal_id = wanted.wanted_id OFFSET 0) AS ratifications
      ORDER BY log_transaction, log_sequence`,
    [ids],
  );
  const working = new Map<string, Working>(ids.map((id) => [id, unseen()]));
  for (const row of proposals) {
    const own = ratifications.filter((ratification) => ratification.proposal_id === row.proposal_id);
    const proposal = working.get(row.proposal_id)!;
    proposal.record = proposalRecordOf(row, own.map(decisionWrittenOfRow));
    proposal.tabled = { transaction: row.tabled_transaction, sequence: row.tabled_sequence, position: row.tabled_position, recordedAt: isoInstant(row.updated_at) };
  }
  return working;
}

/** Organisations the current route names and those any decision was recorded for. */
function organisationsOf(record: ProposalFold): string[] {
  const named = [...currentProposalVersion(record).route.map((step) => step.organisationId), ...record.ratifications.map((ratification) => ratification.organisationId)];
  return [...new Set(named.filter((id): id is string => id !== null))].sort();
}

const PROPOSAL_ROW_COLUMNS = `proposal_id text, version integer, status text, key_decision boolean, exempt_paragraph smallint, exempt text,
  proposed_by_id text, tabled_on timestamptz, withdrawn_on timestamptz, withdrawal text, scopes text[], value_pence bigint,
  organisation_ids text[], versions text, title text, tabled_transaction bigint, tabled_sequence bigint, tabled_position text, last_position text,
  updated_at timestamptz`;

/** Where a proposal was tabled stays as first written. */
const PROPOSAL_UPDATES = columnNames(PROPOSAL_ROW_COLUMNS).filter((column) => !['proposal_id', 'tabled_transaction', 'tabled_sequence', 'tabled_position'].includes(column));

/** The rows of the tabled proposals. */
function proposalRows(proposals: Tabled[]): object[] {
  return proposals.map((proposal) => {
    const record = proposal.record;
    const current = currentProposalVersion(record);
    return {
      proposal_id: record.proposalId,
      version: current.version,
      status: record.status,
      key_decision: record.keyDecision,
      exempt_paragraph: record.exempt?.paragraph ?? null,
      exempt: record.exempt === null ? null : JSON.stringify(record.exempt),
      proposed_by_id: record.proposedById,
      tabled_on: record.versions[0].madeOn,
      withdrawn_on: record.withdrawal?.withdrawnOn ?? null,
      withdrawal: record.withdrawal === null ? null : JSON.stringify(record.withdrawal),
      scopes: current.scopes,
      value_pence: current.valuePence === null ? null : String(current.valuePence),
      organisation_ids: organisationsOf(record),
      versions: JSON.stringify(record.versions),
      title: JSON.stringify(current.title), // free text stays JSON (migrations/read-models/0005)
      tabled_transaction: proposal.tabled.transaction,
      tabled_sequence: proposal.tabled.sequence,
      tabled_position: proposal.tabled.position,
      last_position: proposal.last.position,
      updated_at: proposal.last.recordedAt,
    };
  });
}

const RATIFICATION_ROW_COLUMNS = `proposal_id text, ratification_id text, version integer, step_index integer, requirement text,
  organisation_id text, decider_id text, decider_kind text, outcome text, decided_on timestamptz, call_in_until timestamptz, statement text,
  authority text, rescinded_on timestamptz, rescission text, set_aside_on timestamptz, set_aside text, call_ins text,
  log_transaction bigint, log_sequence bigint, position text, recorded_at timestamptz`;

/** A ratification's row by its key, with what happens to it after it was recorded; the rest of its row stays as first written. */
const STANDING_COLUMNS = `proposal_id text, ratification_id text, rescinded_on timestamptz, rescission text, set_aside_on timestamptz, set_aside text,
  call_ins text`;

/** The columns of a ratification's row that change after it was recorded. */
function standingOf(record: RatificationStanding) {
  return {
    rescinded_on: record.rescission?.rescindedOn ?? null,
    rescission: record.rescission === null ? null : JSON.stringify(record.rescission),
    set_aside_on: record.setAside?.resolvedOn ?? null,
    set_aside: record.setAside === null ? null : JSON.stringify(record.setAside),
    call_ins: JSON.stringify(record.callIns),
  };
}

/**
 * What the fold changed of the proposals' ratifications: the rows of those it recorded (whose
 * statements it holds), copied in, and the standing of those recorded before that it changed (a
 * rescission, a call-in), written over their rows.
 */
function ratificationChanges(proposals: Tabled[]): TableRows[] {
  const changed = proposals.flatMap((proposal) =>
    [...proposal.changedRatifications].map((ratificationId) => ({
      proposal,
      record: proposal.record.ratifications.find((candidate) => candidate.ratificationId === ratificationId)!,
      extras: proposal.extras.get(ratificationId),
    })),
  );
  const recorded = changed.flatMap(({ proposal, record, extras }) => (extras ? [{ proposalId: proposal.record.proposalId, record, extras }] : []));
  const restated = changed
    .filter(({ extras }) => extras === undefined)
    .map(({ proposal, record }) => ({ proposal_id: proposal.record.proposalId, ratification_id: record.ratificationId, ...standingOf(record) }));
  return [
    { table: 'ratifications', columns: RATIFICATION_ROW_COLUMNS, rows: ratificationRows(recorded) },
    { table: 'ratifications', columns: STANDING_COLUMNS, rows: restated, restates: ['proposal_id', 'ratification_id'] },
  ];
}

/** The rows of ratifications the fold recorded. */
function ratificationRows(recorded: { proposalId: string; record: DecisionWritten; extras: RatificationExtras }[]): object[] {
  return recorded.map(({ proposalId, record, extras }) => ({
    proposal_id: proposalId,
    ratification_id: record.ratificationId,
    version: extras.recorded.version,
    step_index: extras.recorded.stepIndex,
    requirement: extras.recorded.requirement,
    organisation_id: extras.recorded.organisationId,
    decider_id: extras.recorded.deciderId,
    decider_kind: extras.recorded.deciderKind,
    outcome: extras.recorded.outcome,
    decided_on: extras.recorded.decidedOn,
    call_in_until: extras.recorded.callInUntil,
    statement: JSON.stringify(extras.recorded),
    authority: extras.authority,
    ...standingOf(record),
    log_transaction: extras.transaction,
    log_sequence: extras.sequence,
    position: extras.position,
    recorded_at: extras.recordedAt,
  }));
}
