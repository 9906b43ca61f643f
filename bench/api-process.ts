import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The rate limits on, counting every request, but too high for a benchmark's one key to reach:
 * what they cost is measured, not what they refuse. `BENCH_LIMITS=off` runs without them, to
 * measure that cost.
 */
const LIMITS_THAT_COUNT =
  process.env.BENCH_LIMITS === 'off'
    ? { LEDGER_RATE_LIMIT_PER_KEY: '0', LEDGER_RATE_LIMIT_PER_ADDRESS: '0', LEDGER_FAILED_KEYS_PER_MINUTE: '0' }
    : { LEDGER_RATE_LIMIT_PER_KEY: '100000000', LEDGER_RATE_LIMIT_PER_ADDRESS: '100000000' };

/**
 * The built API as its own process, as the benchmarks load it: started with `environment` on top
 * of this process's, from `checkout` (this one unless another is named, built, to compare with),
 * and handed back once `/health/ready` answers (at most 20 s).
 */
export async function startApiProcess(port: number, environment: Record<string, string>, nodeArguments: string[] = [], checkout = process.cwd()): Promise<ChildProcess> {
  const api = spawn(process.execPath, [...nodeArguments, 'dist/apps/ledger-api/src/main.js'], {
    cwd: checkout,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...LIMITS_THAT_COUNT, ...environment },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return api;
    } catch {
      // not listening yet
    }
    if (api.exitCode !== null) throw new Error(`The API exited with ${api.exitCode}`);
    await sleep(100);
  }
  throw new Error('The API did not become ready');
}

export async function stopApiProcess(api: ChildProcess | undefined): Promise<void> {
  if (api && api.exitCode === null) {
    api.kill('SIGTERM');
    await once(api, 'exit');
  }
}
