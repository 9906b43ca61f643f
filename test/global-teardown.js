import { stopServersForWorkers } from './postgres-per-worker.js';

/** After the last suite: stop and remove the workers' own PostgreSQL servers. */
export default async function globalTeardown() {
  await stopServersForWorkers(globalThis.ledgerWorkerServers ?? []);
}
