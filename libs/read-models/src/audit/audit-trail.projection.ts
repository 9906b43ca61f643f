import { parseLogPosition, type SqlSession, type StoredEvent } from '@ledger/event-store';
import { copyRows } from '../projector/copy-rows.js';
import type { Projection } from '../projector/projection.js';
import { summarise } from './event-summary.js';

const AUDIT_COLUMNS = `log_transaction bigint, log_sequence bigint, position text, stream_id text, stream_version integer, event_id uuid,
  type text, actor text, recorded_at timestamptz, summary text`;

/** The audit trail: one row per event, with a line of English. */
export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  handles: 'every event',

  async apply(events: readonly StoredEvent[], session: SqlSession): Promise<void> {
    await copyRows(session, { table: 'audit_trail', columns: AUDIT_COLUMNS, rows: auditRows(events) });
  },

  replayInMemory: () => ({ fold: (events) => [{ table: 'audit_trail', columns: AUDIT_COLUMNS, rows: auditRows(events) }], held: () => [] }),
};

function auditRows(events: readonly StoredEvent[]): object[] {
  return events.map((event) => {
    const { transactionId, sequence } = parseLogPosition(event.position);
    return {
      log_transaction: transactionId.toString(),
      log_sequence: sequence.toString(),
      position: event.position,
      stream_id: event.streamId,
      stream_version: event.streamVersion,
      event_id: event.eventId,
      type: event.type,
      actor: event.metadata.actor ?? null,
      recorded_at: event.metadata.recordedAt,
      summary: summarise(event),
    };
  });
}
