import { parseLogPosition, type LogPosition } from '@ledger/event-store';
import { decodeCursor, pageLimit, toPage, type Page } from '../lists/page.js';
import type { ReadModelReader } from '../projector/read-model-reader.js';

/** One row of the audit trail, as `GET /v1/audit` answers it. */
export interface AuditEntry {
  position: LogPosition;
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  actor: string | null;
  recordedAt: string;
  summary: string;
}

export interface AuditFilter {
  streamId?: string;
  actor?: string;
  type?: string;
  /** From this log position on, inclusive. */
  fromPosition?: LogPosition;
  recordedFrom?: string;
  recordedTo?: string;
  limit?: number;
  cursor?: string;
}

interface AuditRow {
  log_transaction: string;
  log_sequence: string;
  position: LogPosition;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  actor: string | null;
  recorded_at: Date | string;
  summary: string;
}

/** The audit trail in log order, filtered; one row per event. */
export async function auditTrail(reader: ReadModelReader, filter: AuditFilter): Promise<Page<AuditEntry>> {
  const limit = pageLimit(filter.limit);
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  if (filter.streamId) where.push(`stream_id = ${bind(filter.streamId)}`);
  if (filter.actor) where.push(`actor = ${bind(filter.actor)}`);
  if (filter.type) where.push(`type = ${bind(filter.type)}`);
  if (filter.recordedFrom) where.push(`recorded_at >= ${bind(filter.recordedFrom)}::timestamptz`);
  if (filter.recordedTo) where.push(`recorded_at < ${bind(filter.recordedTo)}::timestamptz`);
  if (filter.fromPosition) {
    const { transactionId, sequence } = parseLogPosition(filter.fromPosition);
    where.push(`(log_transaction, log_sequence) >= (${bind(transactionId.toString())}::bigint, ${bind(sequence.toString())}::bigint)`);
  }
  if (filter.cursor) {
    const [transactionId, sequence] = decodeCursor(filter.cursor, 2);
    where.push(`(log_transaction, log_sequence) > (${bind(String(transactionId))}::bigint, ${bind(String(sequence))}::bigint)`);
  }
  const rows = await reader.query<AuditRow>(
    `SELECT log_transaction::text, log_sequence::text, position, stream_id, stream_version, event_id::text, type, actor, recorded_at, summary
       FROM audit_trail ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY audit_trail.log_transaction, audit_trail.log_sequence LIMIT ${limit + 1}`,
    params,
  );
  return toPage(
    rows,
    limit,
    (row) => [row.log_transaction, row.log_sequence],
    (row) => ({
      position: row.position,
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      eventId: row.event_id,
      type: row.type,
      actor: row.actor,
      recordedAt: new Date(row.recorded_at).toISOString(),
      summary: row.summary,
    }),
  );
}
