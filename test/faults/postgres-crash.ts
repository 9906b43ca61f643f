import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../free-port.js';
import { CouncilWorkload } from './council-workload.js';
import { LedgerProcess } from './ledger-process.js';
import { CommandClient } from './operations.js';
import { OwnPostgresCluster } from './postgres-cluster.js';
import { CheckpointWatch, judge, type Verdict } from './verdict.js';

export interface PostgresCrashOptions {
  writers: number;
  crashes: number;
  /** Seconds the server stays down each time, drawn from this range. */
  downSeconds: [number, number];
  /** Seconds of load before the first crash, between crashes and after the last. */
  loadSeconds: number;
  /** The API's DATABASE_TIMEOUT_MS. */
  databaseTimeoutMs: number;
}

/** What a command sent while the server was down was answered, and how soon. */
export interface OutageAnswer {
  status: number | null;
  ms: number;
  retryAfter: string | null;
  code: string | null;
}

export interface PostgresCrashRun {
  verdict: Verdict;
  /** Each outage: how commands sent during it were answered. */
  outageAnswers: OutageAnswer[];
  /** What /health/ready said while the server was down. */
  readinessWhileDown: { status: number; body: string }[];
  /** Seconds from each restart of the server to /health/ready answering 200 again. */
  recoverySeconds: number[];
}

const ADMIN_KEY = 'fault-admin-key-0123456789abcdef';

/**
 * Fault 1: writers send realistic commands to the API (its own process) while the PostgreSQL
 * server (a cluster of the run's own) is stopped with `-m immediate` — a crash — and started
 * again, several times. While it is down, commands must be answered 503 in bounded time; after,
 * the API, projector and sealer must recover without a restart, and the checker must find
 * nothing lost, doubled or unexpected.
 */
export async function runPostgresCrash(options: PostgresCrashOptions): Promise<PostgresCrashRun> {
  const cluster = await OwnPostgresCluster.create();
  const databaseUrl = cluster.url('postgres');
  const databaseSchema = 'ledger';
  const api = LedgerProcess.api(await freePort(), {
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: databaseSchema,
    LEDGER_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    DATABASE_TIMEOUT_MS: String(options.databaseTimeoutMs),
    LEDGER_CHECKPOINT_INTERVAL: '1',
  });
  try {
    await api.start();
    const client = new CommandClient(() => api.baseUrl, ADMIN_KEY, { timeoutMs: options.databaseTimeoutMs * 3, deadlineMs: 120_000 });
    const workload = new CouncilWorkload(client, { councils: 4, writers: options.writers });
    await workload.prepare();
    const checkpoints = new CheckpointWatch(() => api.baseUrl);
    let writing = true;
    const writers = Array.from({ length: options.writers }, (_, writer) => workload.write(writer, () => writing));
    const outageAnswers: OutageAnswer[] = [];
    const readinessWhileDown: { status: number; body: string }[] = [];
    const recoverySeconds: number[] = [];
    for (let crash = 0; crash < options.crashes; crash++) {
      await sleep(options.loadSeconds * 1000);
      await cluster.stop('immediate');
      const [low, high] = options.downSeconds;
      const downUntil = Date.now() + (low + Math.random() * (high - low)) * 1000;
      while (Date.now() < downUntil) {
        outageAnswers.push(await probeCommand(api.baseUrl, options.databaseTimeoutMs * 3));
        const ready = await fetch(`${api.baseUrl}/health/ready`, { signal: AbortSignal.timeout(options.databaseTimeoutMs * 3) }).catch(() => undefined);
        if (ready) readinessWhileDown.push({ status: ready.status, body: await ready.text() });
        await sleep(200);
      }
      await cluster.start();
      const restarted = performance.now();
      await untilReady(api.baseUrl, 60_000);
      recoverySeconds.push((performance.now() - restarted) / 1000);
    }
    await sleep(options.loadSeconds * 1000);
    writing = false;
    await Promise.all(writers);
    const verdict = await judge(client.history, { baseUrl: api.baseUrl, apiKey: ADMIN_KEY, databaseUrl, databaseSchema }, checkpoints);
    return { verdict, outageAnswers, readinessWhileDown, recoverySeconds };
  } finally {
    await api.stop();
    await cluster.remove();
  }
}

/**
 * A command sent while the database is away — a ratification of a proposal that does not exist,
 * refused 404 when the database is there, so it can never add to the log — and how it was answered.
 */
async function probeCommand(baseUrl: string, timeoutMs: number): Promise<OutageAnswer> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/v1/proposals/no-such-proposal/ratifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ deciderId: 'no-such-post', version: 1, outcome: 'approved', decidedOn: '2024-02-01' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { code?: string } | null;
    return { status: response.status, ms: performance.now() - started, retryAfter: response.headers.get('retry-after'), code: body?.code ?? null };
  } catch {
    return { status: null, ms: performance.now() - started, retryAfter: null, code: null };
  }
}

async function untilReady(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (ready?.ok) return;
    if (Date.now() > deadline) throw new Error(`/health/ready did not answer 200 within ${timeoutMs / 1000} s: ${ready ? `${ready.status} ${await ready.text()}` : 'no answer'}`);
    await sleep(100);
  }
}
