import { migrate, readModelMigrationsDirectory } from '@ledger/event-store';
import { listProposals, listRatifications, readModelReader } from '@ledger/read-models';
import { describeWithPostgres, openTestSchema } from '../../../test/postgres.js';

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
});
