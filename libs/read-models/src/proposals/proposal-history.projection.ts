import type { Projection } from '../projector/projection.js';
import { recordedEventColumns, rowPerEventProjection } from '../projector/row-per-event.js';
import { PROPOSAL_EVENT_TYPES, proposalIdOf, proposalsProjection } from './proposals.projection.js';

/**
 * Every event of each proposal's stream, as it was recorded (`/v1/proposals/{id}/history`). It
 * depends on no other row, so a rebuild writes it beside the proposals themselves.
 */
export const proposalHistoryProjection = rowPerEventProjection({
  name: 'proposal-history',
  handles: new Set<string>(PROPOSAL_EVENT_TYPES),
  table: 'proposal_history',
  columns: `proposal_id text, stream_version integer, log_transaction bigint, log_sequence bigint, position text, event_id uuid,
  type text, actor text, recorded_at timestamptz, data text`,
  rowOf: (event) => ({ ...recordedEventColumns(event), proposal_id: proposalIdOf(event), data: JSON.stringify(event.data ?? null) }),
});

/** The proposals register with its ratifications, and each proposal's history. */
export const proposalProjections: readonly Projection[] = [proposalsProjection, proposalHistoryProjection];
