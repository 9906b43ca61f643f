import { mkdir } from 'node:fs/promises';
import type { EventStore } from './core/event-store.port.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import type { LedgerStorageOptions } from './nest/ledger-storage.options.js';
import type { Database } from './postgres/database.js';
import { claimEventStoreKind } from './postgres/event-store-kind.js';
import { PgliteDatabase } from './postgres/pglite-database.js';
import { PostgresDatabase } from './postgres/postgres-database.js';
import { SqlEventStore } from './postgres/sql-event-store.js';

/** Opens the configured database: PostgreSQL when a URL is given, else PGlite in the data folder. */
export async function openDatabase(options: LedgerStorageOptions): Promise<Database> {
  if (options.databaseUrl) return PostgresDatabase.connect({ connectionString: options.databaseUrl, schema: options.databaseSchema, timeoutMs: options.databaseTimeoutMs });
  if (!options.dataDir.startsWith('memory://')) await mkdir(options.dataDir, { recursive: true });
  return PgliteDatabase.open({ dataDir: options.dataDir });
}

/**
 * Opens the event store the configuration chooses: EventStoreDB when a connection string is
 * given — checked reachable now, so a wrong address stops start-up with the server named rather
 * than failing the first request — else the events live in `database` beside the read models.
 * Either way the database must agree that its ledger's events are there (see `claimEventStoreKind`).
 */
export async function openEventStore(options: LedgerStorageOptions, database: Database): Promise<EventStore> {
  if (!options.eventStoreConnectionString) {
    await claimEventStoreKind(database, 'database');
    return new SqlEventStore(database);
  }
  // Reached first: a server that cannot be reached must not claim the ledger's events for it.
  const store = await EventStoreDbEventStore.open(options.eventStoreConnectionString);
  try {
    await claimEventStoreKind(database, 'eventstoredb');
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** Closes what `openEventStore` opened apart from the database (the SQL store lives in it). */
export async function closeEventStore(store: EventStore): Promise<void> {
  if (!(store instanceof SqlEventStore)) await store.close();
}
