import type { PGlite } from '@electric-sql/pglite';
import { PgliteDatabase, startFreshCluster } from '@ledger/event-store';
import { describeSqlEventStoreContract } from './sql-event-store.contract.js';

// One PGlite instance for the file; each test gets a fresh schema.
let pglite: PGlite;
let schemas = 0;
beforeAll(async () => {
  pglite = await startFreshCluster();
});
afterAll(async () => pglite.close());

describeSqlEventStoreContract('PGlite', {
  async open() {
    schemas += 1;
    const schema = `contract_${schemas}`;
    const database = await PgliteDatabase.onInstance(pglite, schema);
    return { database, dispose: async () => void (await pglite.exec(`DROP SCHEMA ${schema} CASCADE`)) };
  },
});
