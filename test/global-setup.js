import announceSkipped from './announce-skipped.js';
import { startServersForWorkers } from './postgres-per-worker.js';

/** Before any suite: say what will be skipped, and start a PostgreSQL server for each worker after the first. */
export default async function globalSetup(globalConfig) {
  announceSkipped();
  globalThis.ledgerWorkerServers = await startServersForWorkers(globalConfig.maxWorkers);
}
