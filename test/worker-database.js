/**
 * Each Jest worker's PostgreSQL: worker 1 keeps TEST_DATABASE_URL, the others take the server
 * `postgres-per-worker.js` started for them (see there why).
 */
const urls = process.env.LEDGER_TEST_DATABASE_URLS ? JSON.parse(process.env.LEDGER_TEST_DATABASE_URLS) : {};
const own = urls[process.env.JEST_WORKER_ID ?? '1'];
if (own) process.env.TEST_DATABASE_URL = own;
