import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { compareLogPositions, type LogPosition } from '@ledger/event-store';
import { runFault } from './fault-run.js';
import { LedgerProcess } from './ledger-process.js';
import type { Verdict } from './verdict.js';

export interface ProjectorKillOptions {
  writers: number;
  kills: number;
  /** Seconds of load before the first kill, between kills and after the last. */
  loadSeconds: number;
  databaseTimeoutMs: number;
}

export interface ProjectorKillRun {
  verdict: Verdict;
  /** Times the projector process was killed, and `ledger rebuild` killed part-way. */
  projectorKills: number;
  rebuildKills: number;
  /** Readings of the active generation's checkpoint that stood before the reading taken just earlier (must be none). */
  checkpointMovedBack: string[];
  readings: number;
}

/**
 * Fault 3: the projector runs as its own process (`apps/ledger-projector`; the API with
 * LEDGER_RUN_PROJECTOR=false) and is killed (`SIGKILL`) under load, mid-batch, several times,
 * and `ledger rebuild` is killed part-way through. Its checkpoint must never move backwards, and
 * no event may be applied twice: the checker compares the read models with a clean rebuild.
 */
export async function runProjectorKill(options: ProjectorKillOptions): Promise<ProjectorKillRun> {
  const { verdict, injected } = await runFault({ ...options, apiEnvironment: { LEDGER_RUN_PROJECTOR: 'false' } }, async ({ environment, databaseUrl, databaseSchema, others }) => {
    const projector = LedgerProcess.projector(environment);
    others.push(projector);
    await projector.start();
    const watch = watchCheckpoint(databaseUrl, databaseSchema);
    let projectorKills = 0;
    let rebuildKills = 0;
    try {
      for (let kill = 0; kill < options.kills; kill++) {
        await sleep(options.loadSeconds * 1000);
        await projector.kill();
        projectorKills += 1;
        await sleep(100 + Math.random() * 400);
        await projector.start();
        if (kill === 0) {
          await killRebuildPartWay(environment, 300 + Math.random() * 700);
          rebuildKills += 1;
        }
      }
      await sleep(options.loadSeconds * 1000);
    } finally {
      await watch.stop();
    }
    return { projectorKills, rebuildKills, checkpointMovedBack: watch.movedBack, readings: watch.readings() };
  });
  return { verdict, ...injected };
}

/** Starts `ledger rebuild` on the run's ledger and kills it after `afterMs`. */
async function killRebuildPartWay(environment: Record<string, string>, afterMs: number): Promise<void> {
  const rebuild = spawn(process.execPath, ['bin/ledger.js', 'rebuild'], { env: { ...process.env, ...environment }, stdio: 'ignore' });
  const exited = once(rebuild, 'exit');
  await sleep(afterMs);
  rebuild.kill('SIGKILL');
  await exited;
}

/** Reads the active generation's checkpoint every 50 ms and notes every reading that stood before the one taken just earlier in the same generation. */
function watchCheckpoint(databaseUrl: string, schema: string): { movedBack: string[]; readings: () => number; stop(): Promise<void> } {
  const movedBack: string[] = [];
  const stop = new AbortController();
  let readings = 0;
  const watching = (async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    let last: { generation: string; position: LogPosition } | undefined;
    try {
      while (!stop.signal.aborted) {
        const { rows: [active] } = await client.query<{ schema_name: string }>(`SELECT schema_name FROM ${schema}.ledger_read_model_generations WHERE active`);
        if (active) {
          const { rows: [checkpoint] } = await client.query<{ position: LogPosition }>(`SELECT position FROM ${active.schema_name}.projection_checkpoint`);
          readings += 1;
          if (last?.generation === active.schema_name && compareLogPositions(checkpoint.position, last.position) < 0) {
            movedBack.push(`${active.schema_name}: ${last.position} then ${checkpoint.position}`);
          }
          last = { generation: active.schema_name, position: checkpoint.position };
        }
        await sleep(50, undefined, { signal: stop.signal }).catch(() => undefined);
      }
    } finally {
      await client.end();
    }
  })();
  return {
    movedBack,
    readings: () => readings,
    async stop() {
      stop.abort();
      await watching;
    },
  };
}
