import { randomUUID } from 'node:crypto';
import type { Database } from '@ledger/event-store';
import { describeOnEveryDatabase } from '../../../test/postgres.js';
import { copyText, type TableRows } from '../src/projector/copy-rows.js';
import { columnNames, insertRows } from '../src/projector/json-rows.js';

/** Every type a projection writes, as the read models' tables declare them. */
const COLUMNS = `n integer, title text, paragraph smallint, value_pence bigint, key_decision boolean, decided_on timestamptz,
  scopes text[], event_id uuid, statement text, changes jsonb`;

const TABLE = `CREATE TABLE %s (n integer PRIMARY KEY, title text, paragraph smallint, value_pence bigint, key_decision boolean,
  decided_on timestamptz, scopes text[], event_id uuid, statement text, changes jsonb)`;

const AWKWARD = ['Wirral Cabinet — £5,000 "(a)–(e)"', 'tab\there', 'line\nbreak\r\n', 'back\\slash \\N and \\t', 'NUL\u0000typed', 'emoji 🏛️ 𝔘', 'C:\\u0000 as text', '', 'NULL'];

function rowsOfEveryKind(count: number): object[] {
  return Array.from({ length: count }, (_, n) => {
    const awkward = AWKWARD[n % AWKWARD.length];
    return {
      n,
      title: n % 7 === 0 ? null : awkward,
      paragraph: n % 7,
      value_pence: n % 5 === 0 ? null : String(2 ** 53 + n),
      key_decision: n % 3 === 0,
      decided_on: new Date(Date.UTC(2017, 4, 15, 23) + n * 86_400_000).toISOString(),
      scopes: n % 11 === 0 ? [] : ['adult-social-care', awkward, `scope-${n}`],
      event_id: randomUUID(),
      statement: JSON.stringify({ reason: awkward, n }),
      changes: n % 4 === 0 ? null : { limitPence: n, note: awkward, nested: { list: [awkward, null, true] } },
    };
  });
}

const tableRows = async (database: Database, table: string) => database.query(`SELECT * FROM ${table} ORDER BY n`);

describeOnEveryDatabase('rows copied in', (open) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ database, dispose } = await open()));
  afterEach(async () => dispose());

  it('land exactly as the same rows inserted through json_to_recordset, in several pieces', async () => {
    await database.query(TABLE.replace('%s', 'inserted'));
    await database.query(TABLE.replace('%s', 'copied'));
    const rows = rowsOfEveryKind(1_234);
    await database.query(...insertRows('inserted', COLUMNS, rows));
    const copying: TableRows = { table: 'copied', columns: COLUMNS, rows };
    await database.transaction((session) => session.copyIn('copied', columnNames(COLUMNS), copyText(copying)));
    const copied = await tableRows(database, 'copied');
    expect(copied).toHaveLength(1_234);
    expect(copied).toEqual(await tableRows(database, 'inserted'));
    expect(copied[AWKWARD.indexOf('NUL\u0000typed')]).toMatchObject({ title: 'NUL\uFFFDtyped' });
  });

  it('are taken all or none: a row the table refuses leaves none of them', async () => {
    await database.query(TABLE.replace('%s', 'copied'));
    const rows = rowsOfEveryKind(800);
    const refused = [...rows, { ...rows[3] }]; // the same key twice
    await expect(database.transaction((session) => session.copyIn('copied', columnNames(COLUMNS), copyText({ table: 'copied', columns: COLUMNS, rows: refused })))).rejects.toThrow(/duplicate key/);
    expect(await tableRows(database, 'copied')).toEqual([]);
  });
});
