import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataFolder } from './data-folder-lock.js';
import { startFreshCluster } from './fresh-cluster-image.js';
import { parameterForPglite } from './text-array-parameter.js';
import { assertSchemaName, copyFrom, type CopyFormat, type Database, type Listening, type SchemaQueries, type SqlSession } from './database.js';

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
    private readonly unlock: () => Promise<void> = async () => undefined,
  ) {}

  /**
   * Opens the data folder (refused, `DataFolderInUseError`, while another process has it open), or
   * memory. A new cluster, in memory or in a folder that holds none yet, starts from the image of a
   * fresh one (`startFreshCluster`), which spares it PostgreSQL's initdb.
   */
  static async open(options: PgliteDatabaseOptions = {}): Promise<PgliteDatabase> {
    const inFolder = options.dataDir !== undefined && !options.dataDir.startsWith('memory://');
    const unlock = inFolder ? await lockDataFolder(options.dataDir!) : async () => undefined;
    try {
      const pglite = inFolder && holdsCluster(options.dataDir!) ? await PGlite.create(options.dataDir) : await startFreshCluster({ dataDir: inFolder ? options.dataDir : undefined });
      const schema = assertSchemaName(options.schema ?? 'public');
      await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
      return new PgliteDatabase(pglite, schema, true, unlock);
    } catch (error) {
      await unlock();
      throw error;
    }
  }

  /** Shares an instance already open (tests give each case its own schema on one instance). */
  static async onInstance(pglite: PGlite, schema = 'public', ownsInstance = false): Promise<PgliteDatabase> {
    assertSchemaName(schema);
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    return new PgliteDatabase(pglite, schema, ownsInstance);
  }

  async query<Row>(text: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pglite.query<Row>(text, params.map(parameterForPglite))).rows;
  }

  async execScript(text: string): Promise<void> {
    await this.pglite.exec(text);
  }

  async copyIn(table: string, columns: readonly string[], pieces: Iterable<string | Uint8Array<ArrayBuffer>>, format: CopyFormat = 'text'): Promise<void> {
    await this.transaction((session) => session.copyIn(table, columns, pieces, format));
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.pglite.transaction(async (tx) =>
      work({
        query: async <Row>(text: string, params: unknown[] = []) => (await tx.query<Row>(text, params.map(parameterForPglite))).rows,
        execScript: async (text: string) => void (await tx.exec(text)),
        // PGlite has no client to stream COPY from: it reads the rows from the blob handed with the query.
        copyIn: async (table, columns, pieces, format = 'text') => void (await tx.query(copyFrom(table, columns, "'/dev/blob'", format), [], { blob: new Blob([...pieces]) })),
      }),
    );
  }

  async listen(channel: string, onNotice: (payload: string) => void, heard: (hearing: boolean) => void = () => undefined): Promise<Listening> {
    const unsubscribe = await this.pglite.listen(channel, onNotice);
    heard(true);
    return { stop: () => unsubscribe() };
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
    if (!this.ownsInstance) return;
    await this.pglite.close();
    await this.unlock();
  }
}

/** Whether the folder holds a PostgreSQL cluster already (its PG_VERSION file). */
function holdsCluster(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

