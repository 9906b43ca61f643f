import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { PgliteDatabase, PostgresDatabase, startFreshCluster, type Database } from '@ledger/event-store';

/** The PostgreSQL server the tests may use; unset means the PostgreSQL half of the suite is skipped. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** `describe` when a PostgreSQL server is configured, else a skipped block that says why. */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  if (TEST_DATABASE_URL) {
    describe(name, () => body(TEST_DATABASE_URL));
    return;
  }
  console.warn(`SKIPPED on PostgreSQL: "${name}" — TEST_DATABASE_URL is not set, so these tests ran on embedded PGlite only.`);
  describe(name, () => {
    it.skip('SKIPPED: TEST_DATABASE_URL is not set, so nothing here ran against PostgreSQL', () => undefined);
  });
}

/** A database on a schema of its own on the test server, dropped by `dispose`. */
export async function openTestSchema(url: string, options: { idleInTransactionTimeoutMs?: number; max?: number } = {}) {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database = await PostgresDatabase.connect({ connectionString: url, schema, ...options });
  return {
    database,
    schema,
    async dispose() {
      await dropWithGenerations(database, schema);
      await database.close();
    },
  };
}

/** Drops a test's schema and every read-model generation made beside it (`<schema>_rm…`). */
async function dropWithGenerations(database: Database, schema: string): Promise<void> {
  const generations = await database.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${schema}\\_rm%`]);
  for (const { nspname } of generations) await database.query(`DROP SCHEMA ${nspname} CASCADE`);
  await database.query(`DROP SCHEMA ${schema} CASCADE`);
}

/** A database under test and how to let go of it. */
export interface DatabaseUnderTest {
  database: Database;
  dispose(): Promise<void>;
}

/**
 * Opens a schema of its own on one in-process PGlite cluster shared by the file's tests (started
 * the first time one is asked for, closed after the file), each dropped after use with every
 * read-model generation made beside it (`<schema>_rm…`), as `openTestSchema` does on PostgreSQL.
 * Call it where `afterAll` may be called: at a file's or a describe's top level.
 */
export function pgliteSchemas(prefix: string): () => Promise<DatabaseUnderTest> {
  let pglite: Promise<PGlite> | undefined;
  let schemas = 0;
  afterAll(async () => (await pglite)?.close());
  return async () => {
    const instance = await (pglite ??= startFreshCluster()); // one cluster, however many ask at once
    const schema = `${prefix}_${(schemas += 1)}`;
    const database = await PgliteDatabase.onInstance(instance, schema);
    return { database, dispose: () => dropWithGenerations(database, schema) };
  };
}

/**
 * Runs `body` as `<name> on PGlite` (a schema of its own on one in-process PGlite per file, dropped
 * after each use: `pgliteSchemas`) and, when configured, as `<name> on PostgreSQL` (a schema of its
 * own on the test server).
 */
export function describeOnEveryDatabase(name: string, body: (open: () => Promise<DatabaseUnderTest>) => void): void {
  const open = pgliteSchemas('pglite');
  describe(`${name} on PGlite`, () => body(open));
  describeWithPostgres(`${name} on PostgreSQL`, (url) => body(() => openTestSchema(url)));
}
