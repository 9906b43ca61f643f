import { setTimeout as sleep } from 'node:timers/promises';
import { runFault } from './fault-run.js';
import { untilReady } from './readiness.js';
import type { Verdict } from './verdict.js';

export interface NetworkCutOptions {
  writers: number;
  /** Seconds each cut lasts. */
  cutSeconds: number;
  loadSeconds: number;
  databaseTimeoutMs: number;
}

export interface NetworkCutRun {
  verdict: Verdict;
  /** The longest any command attempt waited for its answer, in ms (the client waits at most 3 × the timeout). */
  longestWaitMs: number;
  /** Seconds from each heal to /health/ready answering 200. */
  recoverySeconds: number[];
}

/**
 * Fault 5: the network between the API and PostgreSQL is cut — first every connection reset,
 * then every packet dropped — for `cutSeconds` each, through a TCP proxy of the test's own. No
 * request may wait longer than the configured timeout (and a margin); the pool recovers;
 * nothing acknowledged is lost.
 */
export async function runNetworkCut(options: NetworkCutOptions): Promise<NetworkCutRun> {
  const { verdict, injected } = await runFault({ ...options, throughProxy: true }, async ({ proxy, api }) => {
    const recoverySeconds: number[] = [];
    for (const mode of ['reset', 'drop'] as const) {
      await sleep(options.loadSeconds * 1000);
      proxy!.cut(mode);
      await sleep(options.cutSeconds * 1000);
      proxy!.heal();
      const healed = performance.now();
      await untilReady(api.baseUrl, 60_000);
      recoverySeconds.push((performance.now() - healed) / 1000);
    }
    await sleep(options.loadSeconds * 1000);
    return recoverySeconds;
  });
  return { verdict, longestWaitMs: verdict.longestAttemptMs, recoverySeconds: injected };
}
