import { setTimeout as sleep } from 'node:timers/promises';
import { FAULT_ADMIN_KEY, runFault } from './fault-run.js';
import { untilReady } from './readiness.js';
import type { Verdict } from './verdict.js';

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

/**
 * Fault 1: the PostgreSQL server is stopped with `-m immediate` — a crash — under load and
 * started again, several times. While it is down, commands must be answered 503 in bounded
 * time; after, the API, projector and sealer must recover without a restart.
 */
export async function runPostgresCrash(options: PostgresCrashOptions): Promise<PostgresCrashRun> {
  const { verdict, injected } = await runFault(options, async ({ cluster, api }) => {
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
    return { outageAnswers, readinessWhileDown, recoverySeconds };
  });
  return { verdict, ...injected };
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
      headers: { authorization: `Bearer ${FAULT_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ deciderId: 'no-such-post', version: 1, outcome: 'approved', decidedOn: '2024-02-01' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { code?: string } | null;
    return { status: response.status, ms: performance.now() - started, retryAfter: response.headers.get('retry-after'), code: body?.code ?? null };
  } catch {
    return { status: null, ms: performance.now() - started, retryAfter: null, code: null };
  }
}
