import type { Database } from '@ledger/event-store';
import { describeOnEveryDatabase } from '../../../test/postgres.js';
import { instantText, isoInstant } from '../src/proposals/proposals.rows.js';

/** Instants as the ledger records them, and some it never writes itself: microseconds, the years' edges, summer time. */
const STORED = [
  '2017-05-15T23:00:00.000Z',
  '2019-02-26T18:00:00.123Z',
  '2026-12-07T11:07:33.086Z',
  '2021-10-31T01:30:00.999Z',
  '1999-12-31T23:59:59.999Z',
  '2019-02-26 18:00:00.123456+00',
  '2019-06-01 00:00:00.9999+01',
];

describeOnEveryDatabase('an instant as text, made by the database', (open) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ database, dispose } = await open()));
  afterEach(async () => dispose());

  it('is the instant exactly as the driver’s date gives it, whatever the session’s time zone', async () => {
    await database.query('CREATE TABLE instants (n integer PRIMARY KEY, at timestamptz NOT NULL)');
    await database.query(`INSERT INTO instants SELECT n, at::timestamptz FROM unnest($1::text[]) WITH ORDINALITY AS given(at, n)`, [STORED]);
    for (const zone of ['UTC', 'Europe/London', 'America/New_York']) {
      const rows = await database.transaction(async (session) => {
        await session.query(`SET LOCAL TIME ZONE '${zone}'`);
        return session.query<{ at: Date | string; text: string }>(`SELECT at, ${instantText('at')} AS text FROM instants ORDER BY n`);
      });
      expect(rows.map((row) => row.text)).toEqual(rows.map((row) => isoInstant(row.at)));
      expect(rows.map((row) => isoInstant(row.text))).toEqual(rows.map((row) => row.text));
    }
  });
});
