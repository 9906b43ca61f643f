import { freePort } from '../free-port.js';
import { CouncilWorkload } from './council-workload.js';
import { LedgerProcess } from './ledger-process.js';
import { CommandClient } from './operations.js';
import { OwnPostgresCluster } from './postgres-cluster.js';
import { TcpProxy } from './tcp-proxy.js';
import { CheckpointWatch, judge, type Verdict } from './verdict.js';

export const FAULT_ADMIN_KEY = 'fault-admin-key-0123456789abcdefXYZ';

/** The ledger a fault run works on: a PostgreSQL cluster of its own and the API as its own process. */
export interface FaultLedger {
  cluster: OwnPostgresCluster;
  api: LedgerProcess;
  databaseUrl: string;
  databaseSchema: string;
  /** The environment the API runs with, for another process on the same ledger (a projector, the CLI). */
  environment: Record<string, string>;
  /** The proxy between the API and PostgreSQL, when the run asked for one (to cut the network). */
  proxy: TcpProxy | null;
  /** The client the writers send through, whose history the checker judges. */
  client: CommandClient;
  /** Other processes of the run (a projector), stopped when it ends. */
  others: LedgerProcess[];
}

export interface FaultRunOptions {
  writers: number;
  /** The API's DATABASE_TIMEOUT_MS. */
  databaseTimeoutMs: number;
  /** More of the API's environment (LEDGER_RUN_PROJECTOR=false, say). */
  apiEnvironment?: Record<string, string>;
  /** Put a TCP proxy between the API and PostgreSQL (the checker and other processes connect directly). */
  throughProxy?: boolean;
  /** How to make the run's PostgreSQL cluster (its WAL on a small disk, say). */
  cluster?: Parameters<typeof OwnPostgresCluster.create>[0];
}

/**
 * Runs a fault the way Jepsen runs one: a fresh ledger (its own PostgreSQL cluster, never the
 * machine's shared server; the API as its own process), the council workload from `writers`
 * concurrent writers, the fault injected by `inject` while they write, then the writers stopped
 * and the run judged by the checker. Everything is removed afterwards.
 */
export async function runFault<Injected>(options: FaultRunOptions, inject: (ledger: FaultLedger) => Promise<Injected>): Promise<{ verdict: Verdict; injected: Injected }> {
  const cluster = await OwnPostgresCluster.create(options.cluster);
  const databaseUrl = cluster.url('postgres');
  const databaseSchema = 'ledger';
  const environment = {
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: databaseSchema,
    DATABASE_TIMEOUT_MS: String(options.databaseTimeoutMs),
    LEDGER_CHECKPOINT_INTERVAL: '1',
  };
  const proxy = options.throughProxy ? await TcpProxy.start(cluster.port) : null;
  const apiDatabaseUrl = proxy ? `postgres://postgres@127.0.0.1:${proxy.port}/postgres` : databaseUrl;
  const api = LedgerProcess.api(await freePort(), { ...environment, DATABASE_URL: apiDatabaseUrl, LEDGER_BOOTSTRAP_ADMIN_KEY: FAULT_ADMIN_KEY, ...options.apiEnvironment });
  const others: LedgerProcess[] = [];
  try {
    await api.start();
    const client = new CommandClient(() => api.baseUrl, FAULT_ADMIN_KEY, { timeoutMs: options.databaseTimeoutMs * 5, deadlineMs: 120_000 });
    const workload = new CouncilWorkload(client, { councils: 4, writers: options.writers });
    await workload.prepare();
    const checkpoints = new CheckpointWatch(() => api.baseUrl);
    let writing = true;
    const writers = Array.from({ length: options.writers }, (_, writer) => workload.write(writer, () => writing));
    let injected: Injected;
    try {
      injected = await inject({ cluster, api, proxy, client, databaseUrl, databaseSchema, environment, others });
    } finally {
      writing = false;
      await Promise.all(writers);
    }
    const verdict = await judge(client.history, { baseUrl: api.baseUrl, apiKey: FAULT_ADMIN_KEY, databaseUrl, databaseSchema }, checkpoints);
    return { verdict, injected };
  } finally {
    for (const other of others) await other.stop();
    await api.stop();
    await proxy?.close();
    await cluster.remove();
  }
}
