/** COPY's formats: `text` (the default) and `binary`. */
export type CopyFormat = 'text' | 'binary';

/** The little of SQL the ledger needs, so that one SQL text serves PostgreSQL and PGlite. */
export interface SqlSession {
  /**
   * One parameterised statement; rows come back as plain objects. A `name` lets PostgreSQL keep
   * the statement prepared on each connection (for the hot paths).
   */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[], options?: { name?: string }): Promise<Row[]>;
  /** Several statements without parameters (a migration file). */
  execScript(text: string): Promise<void>;
  /**
   * Rows into `table (columns)` by `COPY … FROM STDIN`, in COPY's text format (a piece a string or
   * UTF-8 bytes) or its binary format (`BinaryCopy`): the cheapest way PostgreSQL takes many rows
   * (a rebuild filling a fresh generation, the sealer's leaves). The rows come in pieces, each sent
   * as soon as it is written, so writing the next overlaps PostgreSQL taking the last.
   */
  copyIn(table: string, columns: readonly string[], pieces: Iterable<string | Uint8Array<ArrayBuffer>>, format?: CopyFormat): Promise<void>;
}

export interface Database extends SqlSession {
  readonly kind: 'postgres' | 'pglite';
  /** The schema every unqualified name resolves to. */
  readonly schema: string;
  /**
   * Queries that resolve unqualified names in `schema` first, then in this database's schema (a
   * read-model generation). On PostgreSQL a pool of its own whose sessions have that search path,
   * so each query is one round trip; on PGlite's single session, a short transaction with
   * `SET LOCAL search_path`. Close it when done with it.
   */
  onSchema(schema: string): Promise<SchemaQueries>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Hears `NOTIFY <channel>` from every process on the database (PostgreSQL: a connection of its
   * own, made again after it drops; PGlite: this process). `heard` says when notices are heard
   * and when they may have been missed, so a listener can stop trusting what it keeps meanwhile.
   */
  listen(channel: string, onNotice: (payload: string) => void, heard?: (hearing: boolean) => void): Promise<Listening>;
  close(): Promise<void>;
}

export interface Listening {
  stop(): Promise<void>;
}

export interface SchemaQueries {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** Database errors keep PostgreSQL's SQLSTATE in `code` on both drivers. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_PATTERN.test(schema)) throw new Error(`Schema name ${JSON.stringify(schema)} must match ${SCHEMA_PATTERN}.`);
  return schema;
}

/** The statement a `copyIn` sends: rows into `table (columns)` from `source` (`STDIN`, or PGlite's `'/dev/blob'`). */
export function copyFrom(table: string, columns: readonly string[], source: string, format: CopyFormat): string {
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}${format === 'binary' ? ' WITH (FORMAT binary)' : ''}`;
}
