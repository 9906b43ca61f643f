import { parseLogPosition, type SqlSession, type StoredEvent } from '@ledger/event-store';
import type { Projection } from '../projector/projection.js';
import { summarise } from './event-summary.js';

/** The audit trail: one row per event, with a line of English. */
export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  handles: 'every event',

  async apply(events: readonly StoredEvent[], session: SqlSession): Promise<void> {
    const positions = events.map((event) => parseLogPosition(event.position));
    await session.query(
      `INSERT INTO audit_trail (log_transaction, log_sequence, position, stream_id, stream_version, event_id, type, actor, recorded_at, summary)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::integer[], $6::uuid[], $7::text[], $8::text[], $9::timestamptz[], $10::text[])`,
      [
        positions.map((position) => position.transactionId.toString()),
        positions.map((position) => position.sequence.toString()),
        events.map((event) => event.position),
        events.map((event) => event.streamId),
        events.map((event) => event.streamVersion),
        events.map((event) => event.eventId),
        events.map((event) => event.type),
        events.map((event) => event.metadata.actor ?? null),
        events.map((event) => event.metadata.recordedAt),
        events.map((event) => summarise(event)),
      ],
    );
  },
};
