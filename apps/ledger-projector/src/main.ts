import { closeEventStore, describeStorage, migrate, openDatabase, openEventStore, storageOptionsFromEnvironment } from '@ledger/event-store';
import { ActiveGenerationProjector, READ_MODEL_PROJECTIONS } from '@ledger/read-models';
import { CheckpointPublication, keepSealing, LedgerCheckpoints, SealedLog, Sealer } from '@ledger/verifiable-log';

/**
 * The projector on its own, for deployments that scale the API apart (run the API with
 * `LEDGER_RUN_PROJECTOR=false`); it seals the log and signs checkpoints too. It follows the log into the active read-model generation — and
 * into the next one after `npm run rebuild` swaps it in — until SIGTERM or SIGINT; a projection failure stops it with exit code 1, naming the event.
 */
/** As the API's default: a statement that takes longer is given up and tried again. */
const DEFAULT_DATABASE_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const configured = storageOptionsFromEnvironment();
  const options = { ...configured, databaseTimeoutMs: configured.databaseTimeoutMs ?? DEFAULT_DATABASE_TIMEOUT_MS };
  const database = await openDatabase(options);
  const stop = new AbortController();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop.abort());
  await migrate(database);
  const store = await openEventStore(options, database).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  try {
    const checkpoints = await LedgerCheckpoints.open(
      database,
      {
        name: process.env.LEDGER_LOG_ORIGIN || 'decision-ledger',
        privateKeyPem: process.env.LEDGER_SIGNING_KEY || undefined,
        privateKeyFile: process.env.LEDGER_SIGNING_KEY_FILE || undefined,
        required: ['true', '1', 'yes'].includes((process.env.LEDGER_SIGNING_KEY_REQUIRED ?? '').toLowerCase()),
      },
      new CheckpointPublication({ file: process.env.LEDGER_CHECKPOINT_FILE || undefined, url: process.env.LEDGER_CHECKPOINT_URL || undefined }, (message) => log(`${message}; trying again with the next round of sealing`)),
    );
    const sealer = new Sealer(database, store);
    const sealedLog = new SealedLog(database, store, sealer);
    const projector = new ActiveGenerationProjector(sealedLog.passingOnSealed(), database, READ_MODEL_PROJECTIONS, (schema) => log(`a rebuild swapped ${schema} in: projecting into it`));
    log(`projecting ${describeStorage(options)} from ${await projector.position()}`);
    const intervalSeconds = Number(process.env.LEDGER_CHECKPOINT_INTERVAL || 60);
    const auditSeconds = Number(process.env.LEDGER_SEAL_AUDIT_INTERVAL || 3600);
    // A projection failure, or an event the seal does not explain, stops the process loudly (exit 1,
    // naming the event); sealing stops with it. Passing sealing failures are retried.
    const [projecting, sealing] = await Promise.allSettled([
      projector.run(stop.signal, (error, retryInMs) => log(`${error.message} Following the log again in ${retryInMs} ms.`)).catch((error: unknown) => {
        stop.abort();
        throw error;
      }),
      keepSealing(sealer, checkpoints, {
        intervalMs: intervalSeconds * 1000,
        auditIntervalMs: auditSeconds * 1000,
        log: sealedLog,
        signal: stop.signal,
        onRetry: (error, delayMs) => log(`sealing failed, trying again in ${delayMs} ms: ${(error as Error).message}`),
      }).catch((error: unknown) => {
        stop.abort();
        throw error;
      }),
    ]);
    for (const outcome of [projecting, sealing]) if (outcome.status === 'rejected') throw outcome.reason;
    log(`stopped at ${await projector.position()}`);
  } finally {
    await closeEventStore(store);
    await database.close();
  }
}

function log(message: string): void {
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), context: 'Projector', msg: message })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), context: 'Projector', msg: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
