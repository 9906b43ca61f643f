import { parseLogPositionText, type SqlSession, type StoredEvent } from '@ledger/event-store';
import { schemeCodec, type SchemeEvent } from '@ledger/governance';
import { insertRows } from '../projector/json-rows.js';
import type { Projection } from '../projector/projection.js';
import { eventOf, type DelegationRow, type HistoryRow } from './delegation-rows.js';
import { effectiveFromOf, latestTerms, recordedStanding, replayDelegation, SCHEME_EVENT_TYPES } from './delegation-timeline.js';

/** Where and when an event of a delegation was recorded. */
export interface RecordedMeta {
  log_transaction: string;
  log_sequence: string;
  position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  actor: string | null;
  recorded_at: string;
}

export interface RecordedSchemeEvent {
  meta: RecordedMeta;
  event: SchemeEvent;
}

export type DelegationRecordRow = DelegationRow & { last_recorded_at: string; events: number };

/**
 * The rows a delegation's events make, folded in the order recorded by the scheme's own rules:
 * its `delegations` row and one `delegation_history` row per event with both readings.
 * Answers null when the history does not begin with a grant (nothing the scheme would fold).
 */
export function delegationRecords(records: readonly RecordedSchemeEvent[]): { delegation: DelegationRecordRow; history: HistoryRow[] } | null {
  if (records.length === 0 || records[0].event.type !== 'DelegationGranted') return null;
  const grant = records[0].event;
  const { delegation, readings } = replayDelegation(records.map(({ event }) => event));
  const terms = latestTerms(delegation);
  const standing = recordedStanding(delegation);
  const revocation = records.find(({ event }) => event.type === 'DelegationRevoked');
  const history: HistoryRow[] = records.map(({ meta, event }, index) => {
    const { now, asRecorded } = readings[index];
    return {
      ...meta,
      delegation_id: delegation.delegationId,
      organisation_id: delegation.organisationId,
      type: event.type,
      effective_from: effectiveFromOf(event),
      reason: event.type === 'DelegationGranted' ? null : event.data.reason,
      changes: event.type === 'DelegationVaried' ? event.data.changes : null,
      valid_until: now.validUntil,
      status: now.status,
      scopes: now.scopes,
      limit_pence: now.limitPence,
      effective_until: now.effectiveUntil,
      may_redelegate: now.mayRedelegate,
      recorded_status: asRecorded.status,
      recorded_scopes: asRecorded.scopes,
      recorded_limit_pence: asRecorded.limitPence,
      recorded_effective_until: asRecorded.effectiveUntil,
      recorded_may_redelegate: asRecorded.mayRedelegate,
    };
  });
  return {
    delegation: {
      delegation_id: delegation.delegationId,
      organisation_id: delegation.organisationId,
      from_id: delegation.fromId,
      to_id: delegation.toId,
      scopes: terms.scopes,
      limit_pence: terms.limitPence,
      effective_from: delegation.effectiveFrom,
      effective_until: terms.effectiveUntil,
      may_redelegate: terms.mayRedelegate,
      standing: standing.status,
      suspended_from: standing.status === 'suspended' ? standing.from : null,
      suspension_reason: standing.status === 'suspended' ? standing.reason : null,
      revoked_from: delegation.revocation?.effectiveFrom ?? null,
      revocation_reason: delegation.revocation?.reason ?? null,
      instrument_title: delegation.instrument.title,
      instrument_reference: delegation.instrument.reference,
      instrument_url: delegation.instrument.url,
      authorised_by_proposal_id: grant.data.authorisedByProposalId,
      granted_recorded_at: records[0].meta.recorded_at,
      revocation_recorded_at: revocation?.meta.recorded_at ?? null,
      last_recorded_at: records[records.length - 1].meta.recorded_at,
      events: records.length,
    },
    history,
  };
}

/** A stored history row back into the event it records, with where and when. */
export function recordedFromRow(delegation: DelegationRow, row: HistoryRow): RecordedSchemeEvent {
  return {
    meta: {
      log_transaction: String(row.log_transaction),
      log_sequence: String(row.log_sequence),
      position: row.position,
      stream_id: row.stream_id,
      stream_version: row.stream_version,
      event_id: row.event_id,
      actor: row.actor,
      recorded_at: new Date(row.recorded_at).toISOString(),
    },
    event: eventOf(delegation, row),
  };
}

function recordedFromEvent(event: StoredEvent): RecordedSchemeEvent {
  const position = parseLogPositionText(event.position);
  return {
    meta: {
      log_transaction: position.transactionId,
      log_sequence: position.sequence,
      position: event.position,
      stream_id: event.streamId,
      stream_version: event.streamVersion,
      event_id: event.eventId,
      actor: event.metadata.actor ?? null,
      recorded_at: event.metadata.recordedAt,
    },
    event: schemeCodec.decode(event),
  };
}

const DELEGATION_COLUMNS = `delegation_id text, organisation_id text, from_id text, to_id text, scopes text[], limit_pence bigint,
  effective_from timestamptz, effective_until timestamptz, may_redelegate boolean, standing text, suspended_from timestamptz,
  suspension_reason text, revoked_from timestamptz, revocation_reason text, instrument_title text, instrument_reference text,
  instrument_url text, authorised_by_proposal_id text, granted_recorded_at timestamptz, revocation_recorded_at timestamptz,
  last_recorded_at timestamptz, events integer`;

const HISTORY_COLUMNS = `log_transaction bigint, log_sequence bigint, position text, delegation_id text, organisation_id text,
  stream_id text, stream_version integer, event_id uuid, type text, actor text, recorded_at timestamptz, effective_from timestamptz,
  reason text, changes jsonb, valid_until timestamptz, status text, scopes text[], limit_pence bigint, effective_until timestamptz,
  may_redelegate boolean, recorded_status text, recorded_scopes text[], recorded_limit_pence bigint,
  recorded_effective_until timestamptz, recorded_may_redelegate boolean`;

/**
 * The delegations read model. Each batch reads the rows of the delegations it touches, folds their
 * whole history again with the new events (a delegation has few events) and writes them back, so a
 * backdated record rewrites the valid-time readings of the rows it reaches back over, while what each
 * event said and how the ledger read the delegation when it was recorded stay as they were.
 */
export const delegationsProjection: Projection = {
  name: 'delegations',
  handles: SCHEME_EVENT_TYPES,

  async apply(events: readonly StoredEvent[], session: SqlSession): Promise<void> {
    const incoming = events.filter((event) => SCHEME_EVENT_TYPES.has(event.type)).map(recordedFromEvent);
    if (incoming.length === 0) return;
    const ids = [...new Set(incoming.map(({ event }) => event.data.delegationId))];
    const delegations = await session.query<DelegationRow>('SELECT * FROM delegations WHERE delegation_id = ANY($1::text[])', [ids]);
    const history = await session.query<HistoryRow>(
      'SELECT * FROM delegation_history WHERE delegation_id = ANY($1::text[]) ORDER BY log_transaction, log_sequence',
      [ids],
    );
    const known = new Map(delegations.map((row) => [row.delegation_id, row]));
    const records = new Map<string, RecordedSchemeEvent[]>(ids.map((id) => [id, []]));
    for (const row of history) records.get(row.delegation_id)!.push(recordedFromRow(known.get(row.delegation_id)!, row));
    for (const record of incoming) records.get(record.event.data.delegationId)!.push(record);

    const rows = rowsOf(records.values());
    if (rows.delegations.length === 0) return;
    await session.query(...insertRows('delegations', DELEGATION_COLUMNS, rows.delegations, { key: ['delegation_id'] }));
    await session.query(...insertRows('delegation_history', HISTORY_COLUMNS, rows.history, { key: ['log_transaction', 'log_sequence'] }));
  },

  replayInMemory() {
    const records = new Map<string, RecordedSchemeEvent[]>();
    return {
      fold(events) {
        for (const event of events) {
          const recorded = recordedFromEvent(event);
          const history = records.get(recorded.event.data.delegationId);
          if (history) history.push(recorded);
          else records.set(recorded.event.data.delegationId, [recorded]);
        }
        return [];
      },
      held() {
        const rows = rowsOf(records.values());
        return [
          { table: 'delegations', columns: DELEGATION_COLUMNS, rows: rows.delegations },
          { table: 'delegation_history', columns: HISTORY_COLUMNS, rows: rows.history },
        ];
      },
    };
  },
};

/** The rows of each delegation's history, in the order recorded; events of a delegation never granted change nothing, as in the scheme itself. */
function rowsOf(histories: Iterable<readonly RecordedSchemeEvent[]>): { delegations: DelegationRecordRow[]; history: HistoryRow[] } {
  const delegations: DelegationRecordRow[] = [];
  const history: HistoryRow[] = [];
  for (const recorded of histories) {
    const rows = delegationRecords(recorded);
    if (!rows) continue;
    delegations.push(rows.delegation);
    history.push(...rows.history);
  }
  return { delegations, history };
}
