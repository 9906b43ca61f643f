import type { LogPosition, StoredEvent } from '@ledger/event-store';
import { proposalStreamId } from '@ledger/governance';
import { summarise } from '../audit/event-summary.js';
import { InvalidCursorError, decodeCursor, pageLimit, toPage, type Page } from '../lists/page.js';
import type { ReadModelReader } from '../projector/read-model-reader.js';
import { exemptParagraphOf, type ProposalHistoryQuery } from './proposals.queries.js';
import { isoInstant } from './proposals.rows.js';
import type { HistoryEntry } from './proposals.views.js';

/**
 * Where a proposal's history is read from: its own stream, each event checked against the seal
 * (`SealedLog.readStreamThrough`), as far as the read models stand. A proposal's history is its
 * stream; the read models keep no copy of it.
 */
export interface SealedStreamReader {
  readStreamThrough(streamId: string, options: { fromVersion?: number; through: LogPosition; maxCount?: number }): Promise<StoredEvent[]>;
}

/**
 * `GET /v1/proposals/{id}/history`: every event of the proposal in stream order, with its data and
 * a line of English; null when the read models know no such proposal. Read from the proposal's
 * stream as far as the read models `reader` reads stand in the log, so that it agrees with every
 * other read of them (the proposal as `GET /v1/proposals/{id}` shows it, the ledger as known at a
 * past moment); `accepts` passes only the events such a moment knew.
 */
export async function proposalHistory(
  reader: ReadModelReader,
  streams: SealedStreamReader,
  proposalId: string,
  query: ProposalHistoryQuery = {},
  accepts: (event: StoredEvent) => boolean = () => true,
): Promise<Page<HistoryEntry> | null> {
  const limit = pageLimit(query.limit);
  let after = 0;
  if (query.cursor) {
    const [version] = decodeCursor(query.cursor, 1);
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) throw new InvalidCursorError(query.cursor);
    after = version;
  }
  const [known] = await reader.query<{ exempt_paragraph: number | null; through: LogPosition }>(
    'SELECT p.exempt_paragraph, c.position AS through FROM proposals p CROSS JOIN projection_checkpoint c WHERE p.proposal_id = $1',
    [proposalId],
  );
  if (!known) return null;
  const read = await streams.readStreamThrough(proposalStreamId(proposalId), { fromVersion: after + 1, through: known.through, maxCount: limit + 1 });
  const events = read.filter(accepts);
  const exemptParagraph = exemptParagraphOf(known.exempt_paragraph);
  return toPage(
    events,
    limit,
    (event) => [event.streamVersion],
    (event): HistoryEntry => {
      const data = (event.data ?? null) as Record<string, unknown>;
      return {
        proposalId,
        position: event.position,
        streamVersion: event.streamVersion,
        type: event.type,
        recordedAt: isoInstant(event.metadata.recordedAt),
        actor: event.metadata.actor ?? null,
        data,
        summary: summarise({ type: event.type, data, streamId: event.streamId }),
        exemptParagraph,
      };
    },
  );
}
