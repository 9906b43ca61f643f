import { READ_MODEL_PROJECTIONS } from '@ledger/read-models';
import { anEvent, describeReadModels } from './read-model-harness.js';

/** What the server offers to compress with: PostgreSQL built with lz4 offers it, PGlite only pglz. */
async function compressions(database: { query<T>(sql: string): Promise<T[]> }): Promise<string[]> {
  const rows = await database.query<{ enumvals: string[] | null }>(`SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'`);
  return rows[0]?.enumvals ?? ['pglz'];
}

/** How each of these columns' new values are compressed ('' is the server's default, pglz). */
async function columnCompression(database: { query<T>(sql: string, values: unknown[]): Promise<T[]> }, schema: string, columns: [table: string, column: string][]): Promise<string[]> {
  const answers: string[] = [];
  for (const [table, column] of columns) {
    const [row] = await database.query<{ method: string }>(
      `SELECT CASE a.attcompression WHEN 'l' THEN 'lz4' WHEN 'p' THEN 'pglz' ELSE 'default' END AS method
         FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = $1 AND t.relname = $2 AND a.attname = $3`,
      [schema, table, column],
    );
    answers.push(row.method);
  }
  return answers;
}

describeReadModels('large values compressed by lz4 where the server has it', (subject) => {
  it('the events, their leaves and the read models’ rows: lz4 on a server that offers it, the default elsewhere', async () => {
    const { database } = subject();
    await subject().readModels([...READ_MODEL_PROJECTIONS]);
    const expected = (await compressions(database)).includes('lz4') ? 'lz4' : 'default';
    expect(await columnCompression(database, database.schema, [['ledger_events', 'body'], ['ledger_leaves', 'bytes']])).toEqual([expected, expected]);
    const generation = `${database.schema}_rm1`;
    expect(await columnCompression(database, generation, [['ratifications', 'authority'], ['ratifications', 'statement'], ['proposals', 'versions']])).toEqual([expected, expected, expected]);
  });

  it('an event large enough to be compressed is stored so, and read back whole', async () => {
    const { database, store } = subject();
    const minutes = Array.from({ length: 120 }, (_, n) => `Item ${n}: the committee noted the report of the Director of Adult Social Services.`).join(' ');
    await subject().append('organisation-wokingham-borough-council', anEvent('OrganisationRegistered', { minutes }));
    const [row] = await database.query<{ method: string | null }>(`SELECT pg_column_compression(body) AS method FROM ledger_events WHERE stream_id = $1`, ['organisation-wokingham-borough-council']);
    expect(row.method).toBe((await compressions(database)).includes('lz4') ? 'lz4' : 'pglz');
    const [event] = await store.readStream('organisation-wokingham-borough-council');
    expect(event.data).toEqual({ minutes });
  });
});
