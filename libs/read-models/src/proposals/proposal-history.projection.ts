import { parseLogPosition, type SqlSession, type StoredEvent } from '@ledger/event-store';
import { copyRows } from '../projector/copy-rows.js';
import type { Projection } from '../projector/projection.js';
import { PROPOSAL_EVENT_TYPES, proposalIdOf, proposalsProjection } from './proposals.projection.js';

const HISTORY_COLUMNS = `proposal_id text, stream_version integer, log_transaction bigint, log_sequence bigint, position text, event_id uuid,
  type text, actor text, recorded_at timestamptz, data text`;

/**
 * Every event of each proposal's stream, as it was recorded (`/v1/proposals/{id}/history`). It
 * depends on no other row, so a rebuild writes it beside the proposals themselves.
 */
export const proposalHistoryProjection: Projection = {
  name: 'proposal-history',
  handles: new Set<string>(PROPOSAL_EVENT_TYPES),

  async apply(events: readonly StoredEvent[], session: SqlSession): Promise<void> {
    await copyRows(session, { table: 'proposal_history', columns: HISTORY_COLUMNS, rows: historyRows(events) });
  },

  replayInMemory: () => ({ fold: (events) => [{ table: 'proposal_history', columns: HISTORY_COLUMNS, rows: historyRows(events) }], held: () => [] }),
};

function historyRows(events: readonly StoredEvent[]): object[] {
  return events.map((event) => {
    const { transactionId, sequence } = parseLogPosition(event.position);
    return {
      proposal_id: proposalIdOf(event),
      stream_version: event.streamVersion,
      log_transaction: transactionId.toString(),
      log_sequence: sequence.toString(),
      position: event.position,
      event_id: event.eventId,
      type: event.type,
      actor: event.metadata.actor ?? null,
      recorded_at: event.metadata.recordedAt,
      data: JSON.stringify(event.data ?? null),
    };
  });
}

/** The proposals register with its ratifications, and each proposal's history. */
export const proposalProjections: readonly Projection[] = [proposalsProjection, proposalHistoryProjection];
