import { migrate, readModelMigrationsDirectory } from '@ledger/event-store';
import { listProposals, listRatifications, readModelReader, type ReadModelReader } from '@ledger/read-models';
import { describeWithPostgres, openTestSchema } from '../../../test/postgres.js';

/** The indexes PostgreSQL's plan of `sql` scans. */
async function indexesScanned(reader: ReadModelReader, sql: string): Promise<string[]> {
  const [row] = await reader.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`);
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Index Name') found.push(String(value));
        else visit(value);
      }
    }
  };
  visit(row['QUERY PLAN']);
  return found;
}

/**
 * The registers are read on every request: each set of filters a request gives is one statement,
 * prepared on the connection, and planned there once, not again on every request.
 */
describeWithPostgres('the lists, as the API reads them', (url) => {
  it('are each planned once a connection for the filters a request gives, not again on every request', async () => {
    const subject = await openTestSchema(url, { max: 1 }); // one connection, so every read runs on the one asked below
    const generation = `${subject.schema}_rm_1`;
    try {
      await migrate(subject.database, readModelMigrationsDirectory(), { schema: generation });
      const reader = readModelReader(subject.database, generation);
      try {
        for (let request = 0; request < 12; request++) {
          const year = 2018 + (request % 6);
          await listRatifications(reader, { organisationId: `council-${request}`, from: `${year}-01-01`, to: `${year}-06-30` });
          await listProposals(reader, { organisationId: `council-${request}`, status: 'open' });
        }
        const plans = await reader.query<{ generic_plans: string; custom_plans: string }>(
          `SELECT generic_plans::text, custom_plans::text FROM pg_prepared_statements
            WHERE (statement LIKE '%FROM ratifications r JOIN proposals p%' OR statement LIKE '%FROM proposals%') AND statement NOT LIKE '%pg_prepared_statements%'
            ORDER BY statement`,
        );
        // PostgreSQL plans a prepared statement for its values five times, then keeps a generic plan unless it judges that dearer.
        expect(plans.map((plan) => ({ generic: Number(plan.generic_plans), custom: Number(plan.custom_plans) }))).toEqual([
          { generic: 7, custom: 5 },
          { generic: 7, custom: 5 },
        ]);
      } finally {
        await reader.close();
      }
    } finally {
      await subject.database.query(`DROP SCHEMA IF EXISTS ${generation} CASCADE`);
      await subject.dispose();
    }
  });

  it("find a proposal's ratifications by the primary key, and gather no statistics on the JSON documents", async () => {
    const subject = await openTestSchema(url);
    const generation = `${subject.schema}_rm_1`;
    try {
      await migrate(subject.database, readModelMigrationsDirectory(), { schema: generation });
      const reader = readModelReader(subject.database, generation);
      try {
        // 2,000 proposals of 5 ratifications each, their statements about as long as a real one's.
        await reader.query(
          `INSERT INTO ratifications (proposal_id, ratification_id, version, step_index, requirement, organisation_id, decider_id, decider_kind, outcome,
                                      decided_on, statement, call_ins, log_transaction, log_sequence, position, recorded_at)
           SELECT 'proposal-' || (n / 5), 'ratification-' || n, 1, n % 5, 'approve', 'council', 'cabinet', 'body', 'approved',
                  timestamptz '2020-01-01' + n * interval '1 hour', repeat('{"reasons":"a statement"}', 30), '[]', 1000 + n, 1, (1000 + n) || ':1', now()
             FROM generate_series(1, 10000) AS n`,
        );
        await reader.query('ANALYZE ratifications');
        // As `proposalById` and the proposals projection read them: by the proposal, in log order.
        expect(await indexesScanned(reader, "SELECT * FROM ratifications WHERE proposal_id = 'proposal-7' ORDER BY log_transaction, log_sequence")).toEqual(['ratifications_pkey']);
        const statistics = await reader.query<{ attname: string }>(
          `SELECT attname FROM pg_stats WHERE schemaname = $1 AND tablename = 'ratifications' AND attname IN ('decided_on', 'statement', 'authority', 'position') ORDER BY attname`,
          [generation],
        );
        expect(statistics.map((row) => row.attname)).toEqual(['decided_on']);
      } finally {
        await reader.close();
      }
    } finally {
      await subject.dispose();
    }
  });
});
