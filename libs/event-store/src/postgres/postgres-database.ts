import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { assertSchemaName, copyFrom, type CopyFormat, type Database, type Listening, type SchemaQueries, type SqlSession } from './database.js';
import { asPassingFailure, isDatabaseAway } from './passing-failures.js';
import { isStalePreparedStatement, PreparedStatementNames } from './prepared-statement-names.js';

export interface PostgresDatabaseOptions {
  connectionString: string;
  /** Defaults to `public`. Created when missing. */
  schema?: string;
  /** Pool size; defaults to 10. */
  max?: number;
  /** A session idle inside a transaction longer than this is ended, so it cannot hold back log readers. */
  idleInTransactionTimeoutMs?: number;
  applicationName?: string;
  /**
   * How long a statement may run, a lock be waited for or a connection take before the database
   * is taken to be away (`DatabaseUnavailableError`); 0 or unset: no limit (the CLI's long work).
   * The client gives up a moment after the server would, so a cut network cannot hold a caller longer.
   */
  timeoutMs?: number;
}

/** The longest a new connection is waited for, whatever the statement timeout. */
const CONNECT_TIMEOUT_MS = 5_000;
/** The longest timer Node.js keeps: `pg` takes 0 as "the pool's timeout", so this is how a script asks for none. */
const NO_CLIENT_TIMEOUT = 2 ** 31 - 1;

/** PostgreSQL through a `pg` Pool. */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres';

  private readonly server: string;
  private readonly readStatements = new PreparedStatementNames();

  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
    private readonly options: PostgresDatabaseOptions,
  ) {
    this.server = serverOf(options.connectionString);
  }

  static async connect(options: PostgresDatabaseOptions): Promise<PostgresDatabase> {
    const schema = assertSchemaName(options.schema ?? 'public');
    const pool = PostgresDatabase.pool(options, [schema]);
    const database = new PostgresDatabase(pool, schema, options);
    try {
      if (schema !== 'public') await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      else await pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw asPassingFailure(database.server, error);
    }
    return database;
  }

  private static pool(options: PostgresDatabaseOptions, searchPath: string[]): pg.Pool {
    const idleTimeout = options.idleInTransactionTimeoutMs ?? 15_000;
    const timeout = options.timeoutMs ?? 0;
    const limits = timeout > 0 ? ` -c statement_timeout=${timeout} -c lock_timeout=${timeout}` : '';
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      application_name: options.applicationName ?? 'decision-ledger',
      options: `-c search_path=${searchPath.map(assertSchemaName).join(',')} -c idle_in_transaction_session_timeout=${idleTimeout}${limits}`,
      connectionTimeoutMillis: timeout > 0 ? Math.min(timeout, CONNECT_TIMEOUT_MS) : CONNECT_TIMEOUT_MS,
      ...(timeout > 0 ? { query_timeout: timeout + 1_000 } : {}),
      keepAlive: true,
    });
    // A connection dropped by the server while idle in the pool must not crash the process.
    pool.on('error', () => undefined);
    return pool;
  }

  /**
   * The read models' queries: a fixed set of texts asked on every request, so each is prepared on
   * each of the pool's connections (`PreparedStatementNames`), which costs PostgreSQL about a third
   * less per request (`npm run bench:read`). A text whose prepared statement no longer serves (its
   * tables' rows changed under it) is asked again unnamed, and from then on.
   */
  async onSchema(schema: string): Promise<SchemaQueries> {
    const pool = PostgresDatabase.pool(this.options, [schema, this.schema]);
    const query = async (text: string, params: unknown[]): Promise<pg.QueryResult> => {
      const name = this.readStatements.nameOf(text);
      try {
        return await this.passing(pool.query({ text, values: params, name }));
      } catch (error) {
        if (name === undefined || !isStalePreparedStatement(error)) throw error;
        this.readStatements.giveUp(text);
        return this.passing(pool.query(text, params));
      }
    };
    return {
      query: async <Row>(text: string, params: unknown[] = []) => (await query(text, params)).rows as Row[],
      close: () => pool.end(),
    };
  }

  async query<Row>(text: string, params: unknown[] = [], options: { name?: string } = {}): Promise<Row[]> {
    const result = await this.passing(this.pool.query({ text, values: params, name: options.name }));
    return result.rows as Row[];
  }

  async execScript(text: string): Promise<void> {
    await this.passing(this.pool.query(text));
  }

  async copyIn(table: string, columns: readonly string[], pieces: Iterable<string | Uint8Array<ArrayBuffer>>, format: CopyFormat = 'text'): Promise<void> {
    await this.transaction((session) => session.copyIn(table, columns, pieces, format));
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await this.passing(this.pool.connect());
    let broken: Error | undefined;
    // The server may end the session while the work awaits something else; that must not crash the process.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as Row[],
        // A script is a migration, which may rightly run long: no timeout applies to it.
        execScript: async (text: string) => {
          if (this.options.timeoutMs) await client.query('SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0');
          await client.query({ text, query_timeout: NO_CLIENT_TIMEOUT } as pg.QueryConfig);
        },
        copyIn: async (table: string, columns: readonly string[], pieces: Iterable<string | Uint8Array<ArrayBuffer>>, format: CopyFormat = 'text') => {
          await pipeline(Readable.from(pieces, { objectMode: false }), client.query(copyStreams.from(copyFrom(table, columns, 'STDIN', format))));
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection the server ended (e.g. idle in transaction too long) or that timed out is dropped, not pooled.
      if (isDatabaseAway(error)) broken = error as Error;
      else await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw asPassingFailure(this.server, error);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async listen(channel: string, onNotice: (payload: string) => void, heard: (hearing: boolean) => void = () => undefined): Promise<Listening> {
    const listener = new NoticeListener(this.options.connectionString, channel, onNotice, heard);
    await listener.start();
    return listener;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async passing<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      throw asPassingFailure(this.server, error);
    }
  }
}

/** How long a listener waits before connecting again after its connection dropped. */
const LISTEN_AGAIN_AFTER_MS = 1_000;

/**
 * `LISTEN` on a connection of its own (a pooled one would be handed to others), connected again
 * after it drops. While it is not connected, notices are missed: `heard(false)` says so.
 */
class NoticeListener implements Listening {
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onNotice: (payload: string) => void,
    private readonly heard: (hearing: boolean) => void,
  ) {}

  /** Connects and listens; the first attempt's failure is the caller's, later ones are retried. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'decision-ledger-listener', keepAlive: true, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    client.on('notification', (notice) => {
      if (notice.channel === this.channel) this.onNotice(notice.payload ?? '');
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (error) {
      this.lost(client);
      throw error;
    }
    if (this.stopped) await client.end().catch(() => undefined);
    else this.heard(true);
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.heard(false);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.start().catch(() => undefined), LISTEN_AGAIN_AFTER_MS);
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** host:port/database of a connection string, without the password. */
function serverOf(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
