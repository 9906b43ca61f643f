import { closeEventStore, migrate, openDatabase, openEventStore, type Database, type EventStore, type LedgerStorageOptions } from '@ledger/event-store';

/**
 * Opens the ledger the environment configures — its database, migrated, and its event store
 * (the database itself, or EventStoreDB) — for one command, and closes both after it. An
 * embedded ledger in memory (`LEDGER_DATA_DIR=memory://`, as `ledger demo` runs) lives only in the
 * process that runs it: a command here would open a new, empty one and seem to succeed on it, so
 * it is refused; so is a data folder another process (a running `npm start`) has open.
 */
export async function withLedger<T>(options: LedgerStorageOptions, work: (database: Database, store: EventStore) => Promise<T>): Promise<T> {
  if (!options.databaseUrl && options.dataDir.startsWith('memory://')) {
    throw new Error(
      `There is no ledger here to open: ${options.dataDir} is an embedded ledger in memory, which lives only in the process that runs it. ` +
        'Ask that process instead (e.g. POST /v1/ledger/replays for a replay), or point DATABASE_URL or LEDGER_DATA_DIR at the ledger.',
    );
  }
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
