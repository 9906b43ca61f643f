import { parseLogPosition, type SqlSession, type StoredEvent } from '@ledger/event-store';
import { currentProposalVersion, proposalDecider, type ProposalEvent, type ProposalState, type TabledProposalState } from '@ledger/governance';
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

const proposalIdOf = (event: StoredEvent) => String((event.data as { proposalId?: unknown }).proposalId);

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
      const domainEvent = { type: event.type, data: event.data } as ProposalEvent;
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

    await insertHistory(session, events);
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

async function insertHistory(session: SqlSession, events: readonly StoredEvent[]): Promise<void> {
  const places = events.map(placeOf);
  await session.query(
    `INSERT INTO proposal_history (proposal_id, stream_version, log_transaction, log_sequence, position, event_id, type, actor, recorded_at, data)
     SELECT * FROM unnest($1::text[], $2::integer[], $3::bigint[], $4::bigint[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::timestamptz[], $10::text[])`,
    [
      events.map(proposalIdOf),
      events.map((event) => event.streamVersion),
      places.map((place) => place.transaction),
      places.map((place) => place.sequence),
      events.map((event) => event.position),
      events.map((event) => event.eventId),
      events.map((event) => event.type),
      events.map((event) => event.metadata.actor ?? null),
      events.map((event) => event.metadata.recordedAt),
      events.map((event) => JSON.stringify(event.data ?? null)),
    ],
  );
}

/** Organisations the current route names and those any decision was recorded for. */
function organisationsOf(state: TabledProposalState): string[] {
  const named = [...currentProposalVersion(state).route.map((step) => step.organisationId), ...state.ratifications.map((ratification) => ratification.organisationId)];
  return [...new Set(named.filter((id): id is string => id !== null))].sort();
}

async function upsertProposals(session: SqlSession, proposals: Working[]): Promise<void> {
  if (proposals.length === 0) return;
  const states = proposals.map((proposal) => proposal.state as TabledProposalState);
  const currents = states.map(currentProposalVersion);
  await session.query(
    `INSERT INTO proposals (proposal_id, version, status, key_decision, exempt_paragraph, exempt, proposed_by_id, tabled_on, withdrawn_on, withdrawal,
                            scopes, value_pence, organisation_ids, versions, tabled_transaction, tabled_sequence, tabled_position, last_position, updated_at)
     SELECT p.proposal_id, p.version, p.status, p.key_decision, p.exempt_paragraph, p.exempt, p.proposed_by_id, p.tabled_on, p.withdrawn_on, p.withdrawal,
            ARRAY(SELECT json_array_elements_text(p.scopes::json)), p.value_pence, ARRAY(SELECT json_array_elements_text(p.organisation_ids::json)),
            p.versions, p.tabled_transaction, p.tabled_sequence, p.tabled_position, p.last_position, p.updated_at
     FROM unnest($1::text[], $2::integer[], $3::text[], $4::boolean[], $5::smallint[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::text[],
                 $11::text[], $12::bigint[], $13::text[], $14::text[], $15::bigint[], $16::bigint[], $17::text[], $18::text[], $19::timestamptz[])
       AS p(proposal_id, version, status, key_decision, exempt_paragraph, exempt, proposed_by_id, tabled_on, withdrawn_on, withdrawal,
            scopes, value_pence, organisation_ids, versions, tabled_transaction, tabled_sequence, tabled_position, last_position, updated_at)
     ON CONFLICT (proposal_id) DO UPDATE SET
       version = EXCLUDED.version, status = EXCLUDED.status, key_decision = EXCLUDED.key_decision, exempt_paragraph = EXCLUDED.exempt_paragraph,
       exempt = EXCLUDED.exempt, proposed_by_id = EXCLUDED.proposed_by_id, tabled_on = EXCLUDED.tabled_on, withdrawn_on = EXCLUDED.withdrawn_on,
       withdrawal = EXCLUDED.withdrawal, scopes = EXCLUDED.scopes, value_pence = EXCLUDED.value_pence, organisation_ids = EXCLUDED.organisation_ids,
       versions = EXCLUDED.versions, last_position = EXCLUDED.last_position, updated_at = EXCLUDED.updated_at`,
    [
      states.map((state) => state.proposalId),
      currents.map((current) => current.version),
      states.map((state) => state.status),
      states.map((state) => state.keyDecision),
      states.map((state) => state.exempt?.paragraph ?? null),
      states.map((state) => (state.exempt === null ? null : JSON.stringify(state.exempt))),
      states.map((state) => state.proposedById),
      states.map((state) => state.tabledOn),
      states.map((state) => state.withdrawal?.withdrawnOn ?? null),
      states.map((state) => (state.withdrawal === null ? null : JSON.stringify(state.withdrawal))),
      currents.map((current) => JSON.stringify(current.scopes)),
      currents.map((current) => (current.valuePence === null ? null : String(current.valuePence))),
      states.map((state) => JSON.stringify(organisationsOf(state))),
      states.map((state) => JSON.stringify(state.versions)),
      proposals.map((proposal) => proposal.tabled!.transaction),
      proposals.map((proposal) => proposal.tabled!.sequence),
      proposals.map((proposal) => proposal.tabled!.position),
      proposals.map((proposal) => proposal.last!.position),
      proposals.map((proposal) => proposal.last!.recordedAt),
    ],
  );
}

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
  await session.query(
    `INSERT INTO ratifications (proposal_id, ratification_id, version, step_index, requirement, organisation_id, decider_id, decider_kind, outcome, decided_on,
                                call_in_until, statement, authority, rescinded_on, rescission, set_aside_on, set_aside, call_ins,
                                log_transaction, log_sequence, position, recorded_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[],
                          $11::timestamptz[], $12::text[], $13::text[], $14::timestamptz[], $15::text[], $16::timestamptz[], $17::text[], $18::text[],
                          $19::bigint[], $20::bigint[], $21::text[], $22::timestamptz[])
     ON CONFLICT (proposal_id, ratification_id) DO UPDATE SET
       rescinded_on = EXCLUDED.rescinded_on, rescission = EXCLUDED.rescission, set_aside_on = EXCLUDED.set_aside_on,
       set_aside = EXCLUDED.set_aside, call_ins = EXCLUDED.call_ins`,
    [
      rows.map((row) => row.proposalId),
      rows.map((row) => row.record.ratificationId),
      rows.map((row) => row.record.version),
      rows.map((row) => row.record.stepIndex),
      rows.map((row) => row.record.requirement),
      rows.map((row) => row.record.organisationId),
      rows.map((row) => row.record.deciderId),
      rows.map((row) => row.record.deciderKind),
      rows.map((row) => row.record.outcome),
      rows.map((row) => row.record.decidedOn),
      rows.map((row) => row.record.callInUntil),
      rows.map((row) => row.extras.statement),
      rows.map((row) => row.extras.authority),
      rows.map((row) => row.record.rescission?.rescindedOn ?? null),
      rows.map((row) => (row.record.rescission === null ? null : JSON.stringify(row.record.rescission))),
      rows.map((row) => row.record.setAside?.resolvedOn ?? null),
      rows.map((row) => (row.record.setAside === null ? null : JSON.stringify(row.record.setAside))),
      rows.map((row) => JSON.stringify(row.record.callIns)),
      rows.map((row) => row.extras.transaction),
      rows.map((row) => row.extras.sequence),
      rows.map((row) => row.extras.position),
      rows.map((row) => row.extras.recordedAt),
    ],
  );
}
