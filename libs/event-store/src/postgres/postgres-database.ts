import pg from 'pg';
import { assertSchemaName, type Database, type SchemaQueries, type SqlSession } from './database.js';

export interface PostgresDatabaseOptions {
  connectionString: string;
  /** Defaults to `public`. Created when missing. */
  schema?: string;
  /** Pool size; defaults to 10. */
  max?: number;
  /** A session idle inside a transaction longer than this is ended, so it cannot hold back log readers. */
  idleInTransactionTimeoutMs?: number;
  applicationName?: string;
}

/** PostgreSQL through a `pg` Pool. */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres';

  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
    private readonly options: PostgresDatabaseOptions,
  ) {}

  static async connect(options: PostgresDatabaseOptions): Promise<PostgresDatabase> {
    const schema = assertSchemaName(options.schema ?? 'public');
    const pool = PostgresDatabase.pool(options, [schema]);
    const database = new PostgresDatabase(pool, schema, options);
    try {
      if (schema !== 'public') await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      else await pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw error;
    }
    return database;
  }

  private static pool(options: PostgresDatabaseOptions, searchPath: string[]): pg.Pool {
    const idleTimeout = options.idleInTransactionTimeoutMs ?? 15_000;
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      application_name: options.applicationName ?? 'decision-ledger',
      options: `-c search_path=${searchPath.map(assertSchemaName).join(',')} -c idle_in_transaction_session_timeout=${idleTimeout}`,
    });
    // A connection dropped by the server while idle in the pool must not crash the process.
    pool.on('error', () => undefined);
    return pool;
  }

  async onSchema(schema: string): Promise<SchemaQueries> {
    const pool = PostgresDatabase.pool(this.options, [schema, this.schema]);
    return {
      query: async <Row>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as Row[],
      close: () => pool.end(),
    };
  }

  async query<Row>(text: string, params: unknown[] = [], options: { name?: string } = {}): Promise<Row[]> {
    const result = await this.pool.query({ text, values: params, name: options.name });
    return result.rows as Row[];
  }

  async execScript(text: string): Promise<void> {
    await this.pool.query(text);
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // The server may end the session while the work awaits something else; that must not crash the process.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as Row[],
        execScript: async (text: string) => void (await client.query(text)),
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection the server ended (e.g. idle in transaction too long) is dropped, not pooled.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
