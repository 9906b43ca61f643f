import { PGlite } from '@electric-sql/pglite';
import { assertSchemaName, type Database, type SchemaQueries, type SqlSession } from './database.js';

export interface PgliteDatabaseOptions {
  /** A folder to keep the data in; in memory when absent. */
  dataDir?: string;
  /** Defaults to `public`. Created when missing. */
  schema?: string;
}

/**
 * PostgreSQL compiled to WebAssembly, in this process: the embedded default.
 * One session serves every caller; PGlite runs their statements one at a time.
 * It does not fsync: data survives a crash of this process, not of the machine.
 */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite';

  private constructor(
    private readonly pglite: PGlite,
    readonly schema: string,
    private readonly ownsInstance: boolean,
  ) {}

  static async open(options: PgliteDatabaseOptions = {}): Promise<PgliteDatabase> {
    const pglite = await PGlite.create(options.dataDir);
    return PgliteDatabase.onInstance(pglite, options.schema, true);
  }

  /** Shares an instance already open (tests give each case its own schema on one instance). */
  static async onInstance(pglite: PGlite, schema = 'public', ownsInstance = false): Promise<PgliteDatabase> {
    assertSchemaName(schema);
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    return new PgliteDatabase(pglite, schema, ownsInstance);
  }

  async query<Row>(text: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pglite.query<Row>(text, params)).rows;
  }

  async execScript(text: string): Promise<void> {
    await this.pglite.exec(text);
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.pglite.transaction(async (tx) =>
      work({
        query: async <Row>(text: string, params: unknown[] = []) => (await tx.query<Row>(text, params)).rows,
        execScript: async (text: string) => void (await tx.exec(text)),
      }),
    );
  }

  async onSchema(schema: string): Promise<SchemaQueries> {
    const searchPath = `SET LOCAL search_path TO ${assertSchemaName(schema)}, ${this.schema}`;
    return {
      query: <Row>(text: string, params: unknown[] = []) =>
        this.transaction(async (session) => {
          await session.query(searchPath);
          return session.query<Row>(text, params);
        }),
      close: async () => undefined,
    };
  }

  async close(): Promise<void> {
    if (this.ownsInstance) await this.pglite.close();
  }
}
