import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PgliteDatabase } from '@ledger/event-store';
import { freePort } from '../free-port.js';
import { ledger } from '../ledger-cli.js';
import { CouncilWorkload } from './council-workload.js';
import { FAULT_ADMIN_KEY } from './fault-run.js';
import { LedgerProcess } from './ledger-process.js';
import { CommandClient } from './operations.js';
import { untilReady } from './readiness.js';
import { CheckpointWatch, differences, judge, readModelDigests, untilReadModelsInclude, type Verdict } from './verdict.js';

export interface PgliteKillOptions {
  writers: number;
  rounds: number;
  /** Seconds of load in each round before the kill. */
  loadSeconds: number;
}

/**
 * Fault 6: the API on embedded PGlite (a data folder of the run's own) is loaded and killed
 * (`SIGKILL`) round after round, and started again on the same folder: every command it
 * acknowledged must still be there, nothing doubled; the read models must equal a rebuild.
 */
export async function runPgliteKill(options: PgliteKillOptions): Promise<{ verdict: Verdict; recoverySeconds: number[] }> {
  const folder = await mkdtemp(join(tmpdir(), 'ledger-pglite-'));
  const dataDir = join(folder, 'data');
  const api = LedgerProcess.api(await freePort(), { LEDGER_DATA_DIR: dataDir, LEDGER_BOOTSTRAP_ADMIN_KEY: FAULT_ADMIN_KEY, LEDGER_CHECKPOINT_INTERVAL: '1' });
  try {
    await api.start();
    const client = new CommandClient(() => api.baseUrl, FAULT_ADMIN_KEY, { timeoutMs: 10_000, deadlineMs: 120_000 });
    const workload = new CouncilWorkload(client, { councils: 2, writers: options.writers });
    await workload.prepare();
    const checkpoints = new CheckpointWatch(() => api.baseUrl);
    const recoverySeconds: number[] = [];
    let writing = true;
    const writers = Array.from({ length: options.writers }, (_, writer) => workload.write(writer, () => writing));
    try {
      for (let round = 0; round < options.rounds; round++) {
        await sleep(options.loadSeconds * 1000);
        await api.kill();
        const restarted = performance.now();
        await api.start();
        await untilReady(api.baseUrl, 60_000);
        recoverySeconds.push((performance.now() - restarted) / 1000);
      }
      await sleep(options.loadSeconds * 1000);
    } finally {
      writing = false;
      await Promise.all(writers);
    }
    const verdict = await judge(
      client.history,
      {
        baseUrl: api.baseUrl,
        apiKey: FAULT_ADMIN_KEY,
        // PGlite serves one process: the API stops while the checker reads the read models and `ledger rebuild` runs.
        compareRebuild: async (last, problems) => {
          await untilReadModelsInclude({ baseUrl: api.baseUrl, apiKey: FAULT_ADMIN_KEY }, last, problems);
          await api.stop();
          const before = await digestsOf(dataDir);
          const rebuilt = await ledger(['rebuild'], { LEDGER_DATA_DIR: dataDir });
          if (rebuilt.code !== 0) problems.push(`ledger rebuild failed: ${rebuilt.stderr || rebuilt.stdout}`);
          const differing = differences(before, await digestsOf(dataDir));
          problems.push(...differing);
          await api.start();
          await untilReady(api.baseUrl, 60_000);
          return rebuilt.code === 0 && differing.length === 0;
        },
      },
      checkpoints,
    );
    return { verdict, recoverySeconds };
  } finally {
    await api.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

async function digestsOf(dataDir: string): Promise<Map<string, string>> {
  const database = await PgliteDatabase.open({ dataDir });
  try {
    return await readModelDigests((text, params) => database.query(text, params), database.schema);
  } finally {
    await database.close();
  }
}
