import { describeServer } from '../eventstoredb/eventstoredb-mapping.js';
/** Where the ledger keeps its events and read models, from the environment (API.md "Running"). */
export interface LedgerStorageOptions {
  /** PostgreSQL for events and read models; unset means embedded PGlite. */
  databaseUrl?: string;
  /** The PostgreSQL schema to keep everything in; `public` by default. */
  databaseSchema?: string;
  /** The embedded PGlite data folder, used when no `databaseUrl`; `memory://` keeps nothing. */
  dataDir: string;
  /**
   * EventStoreDB/KurrentDB for the events (`esdb://…`, TLS and credentials in the string); the
   * database then keeps read models, keys, idempotency and the sealed log. Unset: events in the database too.
   */
  eventStoreConnectionString?: string;
  /**
   * How long a PostgreSQL statement, lock wait or new connection may take before the database is
   * taken to be away (a 503 to a caller, a retry for the projector); unset: no limit.
   */
  databaseTimeoutMs?: number;
  /** Apply pending migrations when the store opens (`npm start` does; `ledger migrate` is the other way). */
  migrateOnStart: boolean;
}

export const LEDGER_STORAGE_OPTIONS = Symbol('LEDGER_STORAGE_OPTIONS');
export const DATABASE = Symbol('DATABASE');

export function storageOptionsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): LedgerStorageOptions {
  return {
    databaseUrl: environment.DATABASE_URL || undefined,
    databaseSchema: environment.DATABASE_SCHEMA || undefined,
    dataDir: environment.LEDGER_DATA_DIR || './data',
    eventStoreConnectionString: environment.EVENTSTORE_CONNECTION_STRING || undefined,
    databaseTimeoutMs: environment.DATABASE_TIMEOUT_MS ? Number(environment.DATABASE_TIMEOUT_MS) : undefined,
    migrateOnStart: true,
  };
}

/** Says where the events and read models are, without passwords. */
export function describeStorage(options: LedgerStorageOptions): string {
  const database = describeDatabase(options);
  if (!options.eventStoreConnectionString) return database;
  return `EventStoreDB at ${describeServer(options.eventStoreConnectionString)} (events) and ${database} (read models)`;
}

function describeDatabase(options: LedgerStorageOptions): string {
  if (!options.databaseUrl) return `embedded PGlite in ${options.dataDir}`;
  const schema = options.databaseSchema ? ` (schema ${options.databaseSchema})` : '';
  try {
    const url = new URL(options.databaseUrl);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}${schema}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}
