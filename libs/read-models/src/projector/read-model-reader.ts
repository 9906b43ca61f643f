import { assertSchemaName, type Database, type SchemaQueries } from '@ledger/event-store';

/** Runs read-model queries with one generation's schema first on the search path. */
export interface ReadModelReader {
  readonly schema: string;
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
}

/** A reader that can let go of its connections (a generation swapped out). */
export interface ClosableReadModelReader extends ReadModelReader {
  close(): Promise<void>;
}

/**
 * A reader of the read models in `schema`: unqualified table names resolve there first (see
 * `Database.onSchema`: on PostgreSQL one round trip a query).
 */
export function readModelReader(database: Database, schema: string): ClosableReadModelReader {
  assertSchemaName(schema);
  let queries: Promise<SchemaQueries> | undefined;
  return {
    schema,
    async query<Row>(text: string, params: unknown[] = []) {
      queries ??= database.onSchema(schema);
      return (await queries).query<Row>(text, params);
    },
    async close() {
      if (queries) await (await queries).close();
    },
  };
}
