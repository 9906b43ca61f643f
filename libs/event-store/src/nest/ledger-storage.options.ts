/** Where the ledger keeps its events and read models, from the environment (API.md "Running"). */
export interface LedgerStorageOptions {
  /** PostgreSQL for events and read models; unset means embedded PGlite. */
  databaseUrl?: string;
  /** The PostgreSQL schema to keep everything in; `public` by default. */
  databaseSchema?: string;
  /** The embedded PGlite data folder, used when no `databaseUrl`; `memory://` keeps nothing. */
  dataDir: string;
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
    migrateOnStart: true,
  };
}

/** Says where the events are, without the password. */
export function describeStorage(options: LedgerStorageOptions): string {
  if (!options.databaseUrl) return `embedded PGlite in ${options.dataDir}`;
  try {
    const url = new URL(options.databaseUrl);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}
