import type { Database, SqlSession } from './database.js';

/** Where a ledger's events live: in its database (`ledger_events`), or in EventStoreDB. */
export type EventStoreKind = 'database' | 'eventstoredb';

const DESCRIPTION: Record<EventStoreKind, string> = {
  database: 'its database (ledger_events)',
  eventstoredb: 'EventStoreDB',
};

/** The ledger was opened on another kind of event store than the one that holds its events. */
export class EventStoreKindMismatchError extends Error {
  constructor(
    readonly recorded: EventStoreKind,
    readonly configured: EventStoreKind,
    since: string,
  ) {
    super(
      `This ledger's events are in ${DESCRIPTION[recorded]} (since ${since}), but it was opened on ${DESCRIPTION[configured]}: ` +
        (recorded === 'eventstoredb'
          ? 'set EVENTSTORE_CONNECTION_STRING to the EventStoreDB they were moved to.'
          : 'unset EVENTSTORE_CONNECTION_STRING, or move them first with `ledger migrate-events --switch`.'),
    );
    this.name = 'EventStoreKindMismatchError';
  }
}

/**
 * Records which kind of event store holds the ledger's events the first time it opens, and
 * refuses to open it on the other kind afterwards.
 */
export async function claimEventStoreKind(database: Database, kind: EventStoreKind): Promise<void> {
  await database.query('INSERT INTO ledger_event_store (kind) VALUES ($1) ON CONFLICT (id) DO NOTHING', [kind]);
  const [recorded] = await database.query<{ kind: EventStoreKind; since: string }>(`SELECT kind, to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since FROM ledger_event_store`);
  if (recorded.kind !== kind) throw new EventStoreKindMismatchError(recorded.kind, kind, recorded.since);
}

/**
 * Records that the events now live in another kind of store (inside the transaction that moves the
 * rest), and from then on refuses every append to `ledger_events` (migrations/0014: the trigger
 * that refuses them is enabled only once the events live elsewhere).
 */
export async function recordEventStoreMove(session: SqlSession, kind: EventStoreKind): Promise<void> {
  await session.query(
    `INSERT INTO ledger_event_store (kind) VALUES ($1) ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, since = now()`,
    [kind],
  );
  await session.query(`ALTER TABLE ledger_events ${kind === 'database' ? 'DISABLE' : 'ENABLE'} TRIGGER ledger_events_moved`);
}
