import type { Database, EventStore, LogPosition, SqlSession, StoredEvent } from '@ledger/event-store';
import { LOG_START } from '@ledger/event-store';
import { SEAL_HEAD_SQL } from './sealer.js';

const PAGE = 2_000;

export interface SealRelocation {
  /** Leaves whose events were found in the new store and recorded there. */
  leaves: number;
  /** Where sealing goes on from in the new store. */
  logPosition: LogPosition;
}

/** The sealed log does not match the store it is being moved to; nothing was changed. */
export class SealRelocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealRelocationError';
  }
}

/**
 * Moves the sealed log onto another event store holding the same events (a copy made and verified
 * by `ledger migrate-events`): each sealed leaf is matched, in order, to the event at its place in
 * the new store's log — the same event id and hash, or nothing changes — and where that event
 * stands now is recorded beside the leaf (the leaf, signed, keeps the position it was sealed at).
 * The sealer then goes on from the new store. All in one transaction with the seal's head locked,
 * refused if the seal moved meanwhile (the ledger must be stopped); `alsoInTransaction` records the
 * move of the rest (which store now holds the events) in the same transaction.
 */
export async function relocateSeal(database: Database, target: EventStore, alsoInTransaction: (session: SqlSession) => Promise<void> = async () => undefined): Promise<SealRelocation> {
  const [head] = await database.query<{ next_leaf: string; log_position: string }>(SEAL_HEAD_SQL);
  const sealed = Number(head.next_leaf);
  const relocations: { leaf_index: number; log_position: LogPosition }[] = [];
  let after: LogPosition = LOG_START;
  for (let next = 0; next < sealed; ) {
    // Ordered by the column, not by the text of the same name the list gives (where 10 comes before 9).
    const leaves = await database.query<{ leaf_index: string; bytes: string }>(
      'SELECT l.leaf_index::text AS leaf_index, l.bytes FROM ledger_leaves l WHERE l.leaf_index >= $1 AND l.leaf_index < $2 ORDER BY l.leaf_index LIMIT $3',
      [next, sealed, PAGE],
    );
    const events: StoredEvent[] = [];
    while (events.length < leaves.length) {
      const page = await target.readLog({ after, limit: leaves.length - events.length });
      if (page.length === 0) break;
      events.push(...page);
      after = page[page.length - 1].position;
    }
    for (const [index, leaf] of leaves.entries()) {
      const event = events[index];
      const problem = mismatch(Number(leaf.leaf_index), leaf.bytes, event);
      if (problem) throw new SealRelocationError(`${problem}; the sealed log was not moved.`);
      relocations.push({ leaf_index: Number(leaf.leaf_index), log_position: event.position });
    }
    next = Number(leaves[leaves.length - 1].leaf_index) + 1;
  }
  return database.transaction(async (session) => {
    const [locked] = await session.query<{ next_leaf: string; log_position: string }>(`${SEAL_HEAD_SQL} FOR UPDATE`);
    if (locked.next_leaf !== head.next_leaf || locked.log_position !== head.log_position) {
      throw new SealRelocationError('The ledger sealed more events while the sealed log was being moved: stop the API and the projector, then try again.');
    }
    await session.query(
      `INSERT INTO ledger_leaf_relocations (leaf_index, log_position)
       SELECT r.leaf_index, r.log_position FROM json_to_recordset($1::json) AS r(leaf_index bigint, log_position text)
       ON CONFLICT (leaf_index) DO UPDATE SET log_position = EXCLUDED.log_position`,
      [JSON.stringify(relocations)],
    );
    const logPosition = relocations.at(-1)?.log_position ?? LOG_START;
    await session.query('UPDATE ledger_seal SET log_position = $1', [logPosition]);
    await alsoInTransaction(session);
    return { leaves: relocations.length, logPosition };
  });
}

/** Why a leaf is not the event the new store holds at its place, or null when it is. */
function mismatch(leafIndex: number, bytes: string, event: StoredEvent | undefined): string | null {
  const leaf = JSON.parse(bytes) as { body: string; hash: string; streamVersion: number };
  const { eventId, streamId } = JSON.parse(leaf.body) as { eventId: string; streamId: string };
  if (!event) return `Leaf ${leafIndex} seals ${streamId} version ${leaf.streamVersion}, but the new store's log ends before it`;
  if (event.eventId !== eventId || event.hash !== leaf.hash) {
    return `Leaf ${leafIndex} seals ${streamId} version ${leaf.streamVersion} (event ${eventId}), but the new store holds ${event.streamId} version ${event.streamVersion} (event ${event.eventId}) there`;
  }
  return null;
}
