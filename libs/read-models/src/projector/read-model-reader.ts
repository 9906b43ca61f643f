import { assertSchemaName, type Database } from '@ledger/event-store';

/** Runs read-model queries with one generation's schema first on the search path. */
export interface ReadModelReader {
  readonly schema: string;
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
}

/**
 * A reader of the read models in `schema`. Each query runs in a short transaction that puts the
 * schema first on its search path (`SET LOCAL`), so unqualified table names resolve there and
 * the connection is left as it was.
 */
export function readModelReader(database: Database, schema: string): ReadModelReader {
  const searchPath = `SET LOCAL search_path TO ${assertSchemaName(schema)}, ${database.schema}`;
  return {
    schema,
    query: <Row>(text: string, params: unknown[] = []) =>
      database.transaction(async (session) => {
        await session.query(searchPath);
        return session.query<Row>(text, params);
      }),
  };
}
