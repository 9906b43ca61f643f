import { parseInstant, type Instant, type Instrument } from '@ledger/governance';
import { ListConditions } from '../lists/list-conditions.js';
import { decodeCursor, InvalidCursorError, pageLimit, toPage, type Page } from '../lists/page.js';
import type { ReadModelReader } from '../projector/read-model-reader.js';
import { DISSOLUTION_COLUMNS, instant, toDelegationView, toHistoryEntry, type DelegationRow, type HistoryRow } from './delegation-rows.js';
import { delegationRecords, recordedFromRow } from './delegations.projection.js';
import type { DelegationDetail, DelegationView } from './delegations.views.js';

export interface DelegationFilter {
  organisationId?: string;
  fromId?: string;
  toId?: string;
  /** Only the delegations in force at this valid time, with their terms as at it (as the ledger knows it now). */
  at?: Instant;
  limit?: number;
  cursor?: string;
}

type AtRow = DelegationRow & { at_scopes: string[]; at_limit_pence: string | number | null; at_effective_until: Date | string | null; at_may_redelegate: boolean };

/** A delegations cursor: `[effective from, delegation id]` of the row a page ended at; null for the first page. */
function delegationCursor(cursor: string | undefined): [string, string] | null {
  if (cursor === undefined) return null;
  const [effectiveFrom, delegationId] = decodeCursor(cursor, 2);
  if (typeof effectiveFrom !== 'string' || typeof delegationId !== 'string' || parseInstant(effectiveFrom) === undefined) throw new InvalidCursorError(cursor);
  return [effectiveFrom, delegationId];
}

/**
 * `GET /v1/delegations?organisationId&fromId&toId&at`: delegations by the date they took effect, then
 * id. With `at`, only those in force then — taken effect, not suspended, revoked or expired — each
 * with its terms as varied up to `at`, on everything the ledger has recorded (backdated records included).
 */
export async function listDelegations(reader: ReadModelReader, filter: DelegationFilter): Promise<Page<DelegationView>> {
  const limit = pageLimit(filter.limit);
  const conditions = new ListConditions()
    .whenGiven(filter.organisationId, 'text', (organisationId) => `d.organisation_id = ${organisationId}`)
    .whenGiven(filter.fromId, 'text', (fromId) => `d.from_id = ${fromId}`)
    .whenGiven(filter.toId, 'text', (toId) => `d.to_id = ${toId}`)
    .whenKey(delegationCursor(filter.cursor), ['timestamptz', 'text'], (key) => `(d.effective_from, d.delegation_id) > (${key})`);
  let join = 'LEFT JOIN organisations o ON o.organisation_id = d.organisation_id';
  let columns = `d.*, ${DISSOLUTION_COLUMNS}`;
  if (filter.at !== undefined) {
    const at = conditions.parameter(filter.at, 'timestamptz');
    columns += ', h.scopes AS at_scopes, h.limit_pence AS at_limit_pence, h.effective_until AS at_effective_until, h.may_redelegate AS at_may_redelegate';
    // In force at `at`, and its organisation not dissolved by then — unless the delegations passed to the successor.
    join += `
            JOIN delegation_history h ON h.delegation_id = d.delegation_id
              AND h.effective_from <= ${at} AND (h.valid_until IS NULL OR ${at} < h.valid_until)
              AND h.status = 'in-force' AND (h.effective_until IS NULL OR ${at} < h.effective_until)`;
    conditions.and(`(o.dissolved_on IS NULL OR ${at} < o.dissolved_on OR o.transfer_delegations)`);
  }
  const rows = await reader.query<AtRow>(
    `SELECT ${columns} FROM delegations d ${join}
      ${conditions.where}
      ORDER BY d.effective_from, d.delegation_id
      LIMIT ${conditions.parameter(limit + 1, 'integer')}`,
    conditions.values,
  );
  return toPage(
    rows,
    limit,
    (row) => [instant(row.effective_from), row.delegation_id],
    (row) =>
      filter.at === undefined
        ? toDelegationView(row)
        : toDelegationView(row, { scopes: row.at_scopes, limit_pence: row.at_limit_pence, effective_until: row.at_effective_until, may_redelegate: row.at_may_redelegate }, filter.at),
  );
}

export interface DelegationByIdOptions {
  /**
   * Record time: the delegation as the ledger knew it then, from the events recorded by that
   * instant (a revocation recorded later, even one backdated to before it, is not yet known).
   */
  recordedBy?: Instant;
}

/** `GET /v1/delegations/{id}`: the delegation with its full history in the order recorded; null when there is none. */
export async function delegationById(reader: ReadModelReader, delegationId: string, options: DelegationByIdOptions = {}): Promise<DelegationDetail | null> {
  const [row] = await reader.query<DelegationRow>(`SELECT d.*, ${DISSOLUTION_COLUMNS} FROM delegations d LEFT JOIN organisations o ON o.organisation_id = d.organisation_id WHERE d.delegation_id = $1`, [delegationId]);
  if (!row) return null;
  const history = await reader.query<HistoryRow>('SELECT * FROM delegation_history WHERE delegation_id = $1 ORDER BY log_transaction, log_sequence', [delegationId]);
  if (options.recordedBy === undefined) return { ...toDelegationView(row), history: history.map(toHistoryEntry) };
  const recordedBy = Date.parse(options.recordedBy);
  const known = history.filter((entry) => new Date(entry.recorded_at).getTime() <= recordedBy).map((entry) => recordedFromRow(row, entry));
  const then = delegationRecords(known);
  if (!then) return null; // not yet granted at that record time
  return { ...toDelegationView(then.delegation), history: then.history.map(toHistoryEntry) };
}

/** The instruments of these delegations, by id (unknown ids left out): for pages that show a chain of authority. */
export async function delegationInstruments(reader: ReadModelReader, ids: readonly string[]): Promise<Record<string, Instrument>> {
  if (ids.length === 0) return {};
  const rows = await reader.query<{ delegation_id: string; instrument_title: string; instrument_reference: string | null; instrument_url: string | null }>(
    'SELECT delegation_id, instrument_title, instrument_reference, instrument_url FROM delegations WHERE delegation_id = ANY($1::text[])',
    [[...new Set(ids)]],
  );
  return Object.fromEntries(rows.map((row) => [row.delegation_id, { title: row.instrument_title, reference: row.instrument_reference, url: row.instrument_url }]));
}
