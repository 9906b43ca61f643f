import { migrate, readModelMigrationsDirectory, type Database } from '@ledger/event-store';

/**
 * The schemas that hold generations of read models (`<schema>_rm_<n>`), one of them active.
 * A rebuild fills a new generation while the active one serves, then swaps it in.
 */
export class ReadModelGenerations {
  constructor(private readonly database: Database) {}

  /** The active generation, created and migrated on first use; its migrations brought up to date. */
  async active(): Promise<string> {
    const [row] = await this.database.query<{ schema_name: string }>('SELECT schema_name FROM ledger_read_model_generations WHERE active');
    const schema = row?.schema_name ?? (await this.activate(await this.create()));
    await migrate(this.database, readModelMigrationsDirectory(), { schema });
    return schema;
  }

  /** The active generation's schema as recorded, without creating or migrating anything. */
  async activeName(): Promise<string | undefined> {
    const [row] = await this.database.query<{ schema_name: string }>('SELECT schema_name FROM ledger_read_model_generations WHERE active');
    return row?.schema_name;
  }

  /** A new, empty, migrated generation (not yet active), numbered after every generation recorded. */
  async create(): Promise<string> {
    const [{ next }] = await this.database.query<{ next: number }>(
      `SELECT coalesce(max(substring(schema_name FROM '_rm_([0-9]+)$')::int), 0) + 1 AS next FROM ledger_read_model_generations`,
    );
    const schema = `${this.database.schema}_rm_${next}`;
    await this.database.query('INSERT INTO ledger_read_model_generations (schema_name) VALUES ($1)', [schema]);
    await migrate(this.database, readModelMigrationsDirectory(), { schema });
    return schema;
  }

  /**
   * Drops the indexes of a generation just created that serve only the reads, to be built again by
   * `finish` once it is filled: every index but the tables' unique keys, which are all a replay
   * reads rows back by (`Projection.replayInMemory`). Building an index over full tables once costs
   * a fraction of keeping it up to date row by row through a replay. Answers the definitions dropped.
   */
  async deferIndexes(schema: string): Promise<IndexDefinition[]> {
    const deferred = await this.database.query<IndexDefinition>(
      `SELECT c.relname AS name, t.relname AS table, pg_get_indexdef(x.indexrelid) AS definition
         FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND NOT x.indisunique
        ORDER BY c.relname`,
      [schema],
    );
    for (const { name } of deferred) await this.database.query(`DROP INDEX ${schema}.${name}`);
    return deferred;
  }

  /** The tables of a generation. */
  async tables(schema: string): Promise<string[]> {
    const tables = await this.database.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [schema]);
    return tables.map(({ name }) => name);
  }

  /**
   * Readies tables of a generation just filled for reads, side by side (on connections of their own
   * where the database has them): each table's indexes `deferIndexes` dropped are built again, then
   * its planner statistics gathered. A rebuilt generation is otherwise swapped in with none
   * (autovacuum comes to it later), and PostgreSQL plans its reads on guesses (a proposal's history,
   * when the read models kept it, of 9 events estimated at 1,081 rows read by a bitmap scan in 1.2
   * ms, against an index scan in 0.4 ms once analysed). One table's statistics are gathered while
   * another's indexes are still built.
   */
  async finish(schema: string, tables: readonly string[], deferred: readonly IndexDefinition[]): Promise<void> {
    await Promise.all(
      tables.map(async (table) => {
        await Promise.all(deferred.filter((index) => index.table === table).map(({ definition }) => this.database.query(definition)));
        await this.database.query(`ANALYZE ${schema}."${table.replaceAll('"', '""')}"`);
      }),
    );
  }

  /**
   * Drops every generation that once served reads and was replaced, but `kept` (the one a rebuild
   * has just replaced, which a process that has not yet followed the swap may read for a moment
   * more): each rebuild leaves one generation behind, not one more every time (438 MB each on the
   * 200,000 events of `bench:read`). A generation never swapped in is left alone: another rebuild
   * may be filling it. Answers the schemas dropped, oldest first.
   */
  async dropReplaced(kept: string): Promise<string[]> {
    const replaced = await this.database.query<{ schema_name: string }>(
      `SELECT schema_name FROM ledger_read_model_generations
        WHERE NOT active AND activated_at IS NOT NULL AND schema_name <> $1
        ORDER BY activated_at`,
      [kept],
    );
    for (const { schema_name: schema } of replaced) {
      await this.database.transaction(async (session) => {
        await session.query(`DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`);
        await session.query('DELETE FROM ledger_read_model_generations WHERE schema_name = $1', [schema]);
      });
    }
    return replaced.map(({ schema_name: schema }) => schema);
  }

  /** Makes `schema` the generation reads are served from; answers it. */
  async activate(schema: string): Promise<string> {
    await this.database.transaction(async (session) => {
      await session.query('UPDATE ledger_read_model_generations SET active = false WHERE active');
      await session.query('UPDATE ledger_read_model_generations SET active = true, activated_at = now() WHERE schema_name = $1', [schema]);
    });
    return schema;
  }
}

/** An index as PostgreSQL defines it: its name, its table's and the statement that creates it. */
export interface IndexDefinition {
  name: string;
  table: string;
  definition: string;
}
