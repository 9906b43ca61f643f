import { TextArrayParameter, type Database } from '@ledger/event-store';
import { describeOnEveryDatabase } from '../../../test/postgres.js';

/** Values a body may hold: quotes and backslashes (escaped in an array literal), braces, commas, NULL as text, other scripts, astral characters, empty text. */
const AWKWARD = ['{"data":{"title":"Cllr \\"A\\" Member, {braces}"},"n":1}', 'NULL', '', 'back\\slash\ttab\nnewline', 'Ysgol Gymraeg — £2m ✓', 'emoji 🏛️ and 𝔸', ' spaced '];

describeOnEveryDatabase('a text[] parameter of long values', (open) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ database, dispose } = await open()));
  afterEach(async () => dispose());

  it('reaches PostgreSQL as exactly the values given, in order, alone and in a transaction', async () => {
    const long = 'x'.repeat(100_000);
    const values = [...AWKWARD, long];
    const rows = await database.query<{ value: string; n: string }>('SELECT value, n::text FROM unnest($1::text[]) WITH ORDINALITY AS v (value, n)', [new TextArrayParameter(values)]);
    expect(rows.map((row) => row.value)).toEqual(values);
    expect(rows.map((row) => Number(row.n))).toEqual(values.map((_, index) => index + 1));
    const inTransaction = await database.transaction((session) =>
      session.query<{ lengths: number[] }>('SELECT array_agg(length(value) ORDER BY n) AS lengths FROM unnest($1::text[], $2::integer[]) WITH ORDINALITY AS v (value, i, n)', [new TextArrayParameter(values), values.map((_, index) => index)]),
    );
    expect(inTransaction[0].lengths).toEqual(values.map((value) => [...value].length));
  });

  it('may be empty', async () => {
    expect(await database.query('SELECT cardinality($1::text[]) AS n', [new TextArrayParameter([])])).toEqual([{ n: 0 }]);
  });
});
