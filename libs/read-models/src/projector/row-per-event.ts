import { parseLogPositionText, type StoredEvent } from '@ledger/event-store';
import { copyRows, type TableRows } from './copy-rows.js';
import type { ColumnDefinitions } from './json-rows.js';
import type { Projection } from './projection.js';

/** What every row of one event keeps: where the event stands in the log, and what was recorded with it. */
export function recordedEventColumns(event: StoredEvent) {
  const { transactionId, sequence } = parseLogPositionText(event.position);
  return {
    log_transaction: transactionId,
    log_sequence: sequence,
    position: event.position,
    stream_version: event.streamVersion,
    event_id: event.eventId,
    type: event.type,
    actor: event.metadata.actor ?? null,
    recorded_at: event.metadata.recordedAt,
  };
}

/**
 * A read model of one row per event, never written over (the audit trail, a proposal's history):
 * its rows copied in as they come, live and in a rebuild alike.
 */
export function rowPerEventProjection(readModel: { name: string; handles: Projection['handles']; table: string; columns: ColumnDefinitions; rowOf(event: StoredEvent): object }): Projection {
  const rowsOf = (events: readonly StoredEvent[]): TableRows => ({ table: readModel.table, columns: readModel.columns, rows: events.map(readModel.rowOf) });
  return {
    name: readModel.name,
    handles: readModel.handles,
    apply: (events, session) => copyRows(session, rowsOf(events)),
    replayInMemory: () => ({ fold: (events) => [rowsOf(events)], held: () => [] }),
  };
}
