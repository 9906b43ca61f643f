import { closeEventStore, migrate, openDatabase, openEventStore, type Database, type EventStore, type LedgerStorageOptions } from '@ledger/event-store';

/**
 * Opens the ledger the environment configures — its database, migrated, and its event store
 * (the database itself, or EventStoreDB) — for one command, and closes both after it.
 */
export async function withLedger<T>(options: LedgerStorageOptions, work: (database: Database, store: EventStore) => Promise<T>): Promise<T> {
  const database = await openDatabase(options);
  try {
    await migrate(database);
    const store = await openEventStore(options, database);
    try {
      return await work(database, store);
    } finally {
      await closeEventStore(store);
    }
  } finally {
    await database.close();
  }
}
