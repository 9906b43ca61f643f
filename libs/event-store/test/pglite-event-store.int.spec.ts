import { pgliteSchemas } from '../../../test/postgres.js';
import { describeSqlEventStoreContract } from './sql-event-store.contract.js';

// One PGlite instance for the file; each test gets a fresh schema.
describeSqlEventStoreContract('PGlite', { open: pgliteSchemas('contract') });
