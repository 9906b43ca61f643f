import { setTimeout as sleep } from 'node:timers/promises';
import { runFault } from './fault-run.js';
import { untilReady } from './readiness.js';
import type { Verdict } from './verdict.js';

export interface ApiKillOptions {
  writers: number;
  kills: number;
  /** Seconds of load before the first kill, between kills and after the last. */
  loadSeconds: number;
  databaseTimeoutMs: number;
}

/**
 * Fault 2: the API is killed (`SIGKILL`) under load and started again, several times. A kill
 * lands between some command's commit and its answer: the client's retry with the same key must
 * answer as the first attempt would have (the checker re-sends every command to compare).
 */
export async function runApiKill(options: ApiKillOptions): Promise<{ verdict: Verdict; recoverySeconds: number[] }> {
  const { verdict, injected } = await runFault(options, async ({ api }) => {
    const recoverySeconds: number[] = [];
    for (let kill = 0; kill < options.kills; kill++) {
      await sleep(options.loadSeconds * 1000);
      await api.kill();
      await sleep(200 + Math.random() * 800);
      const restarted = performance.now();
      await api.start();
      await untilReady(api.baseUrl, 60_000);
      recoverySeconds.push((performance.now() - restarted) / 1000);
    }
    await sleep(options.loadSeconds * 1000);
    return recoverySeconds;
  });
  return { verdict, recoverySeconds: injected };
}
