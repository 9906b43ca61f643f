import { recordedEventColumns, rowPerEventProjection } from '../projector/row-per-event.js';
import { summarise } from './event-summary.js';

/** The audit trail: one row per event, with a line of English. */
export const auditTrailProjection = rowPerEventProjection({
  name: 'audit-trail',
  handles: 'every event',
  table: 'audit_trail',
  columns: `log_transaction bigint, log_sequence bigint, position text, stream_id text, stream_version integer, event_id uuid,
  type text, actor text, recorded_at timestamptz, summary text`,
  rowOf: (event) => ({ ...recordedEventColumns(event), stream_id: event.streamId, summary: summarise(event) }),
});
