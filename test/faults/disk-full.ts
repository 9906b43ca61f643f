import { execFile } from 'node:child_process';
import { statfs, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { runFault } from './fault-run.js';
import { untilReady } from './readiness.js';
import type { Verdict } from './verdict.js';

const run = promisify(execFile);

export interface DiskFullOptions {
  writers: number;
  /** Seconds the WAL's disk stays full. */
  fullSeconds: number;
  loadSeconds: number;
  databaseTimeoutMs: number;
}

export interface DiskFullRun {
  verdict: Verdict;
  /** The answers commands got while the disk was full, by status (`null`: no answer within the client's timeout). */
  answersWhileFull: Record<string, number>;
  /** Whether PostgreSQL stopped on the full disk (and was started again by the test once there was room). */
  serverStopped: boolean;
  recoverySeconds: number;
}

const WAL_DISK_MB = 32;

/**
 * Fault 7: PostgreSQL's WAL lives on a tmpfs of its own, 32 MB, with 1 MB segments and no
 * recycling, so every new segment needs new room; under load the disk is filled. PostgreSQL
 * cannot write its WAL, so it cannot commit: commands must answer 503, never 2xx for what was not
 * kept (the checker finds every 2xx in the log). Then the room is freed, the server started if it
 * stopped, and the ledger must recover.
 */
export async function runDiskFull(options: DiskFullOptions): Promise<DiskFullRun> {
  const { verdict, injected } = await runFault(
    {
      ...options,
      cluster: { walOnTmpfsMb: WAL_DISK_MB, settings: { min_wal_size: "'2MB'", max_wal_size: "'8MB'", wal_recycle: 'off' } },
    },
    async ({ cluster, api, client }) => {
      await sleep(options.loadSeconds * 1000);
      const filler = join(cluster.walDisk, 'filler');
      const { bavail, bsize } = await statfs(cluster.walDisk);
      await run('fallocate', ['-l', String(Math.max(0, bavail * bsize - 256 * 1024)), filler]);
      const fullFrom = Date.now();
      await sleep(options.fullSeconds * 1000);
      const fullUntil = Date.now();
      await unlink(filler);
      const serverStopped = !(await cluster.isRunning());
      if (serverStopped) await cluster.start();
      const freed = performance.now();
      await untilReady(api.baseUrl, 120_000);
      const recoverySeconds = (performance.now() - freed) / 1000;
      await sleep(options.loadSeconds * 1000);
      const answersWhileFull: Record<string, number> = {};
      for (const operation of client.history) {
        for (const attempt of operation.attempts) {
          if (attempt.at < fullFrom || attempt.at > fullUntil) continue;
          const status = String(attempt.status);
          answersWhileFull[status] = (answersWhileFull[status] ?? 0) + 1;
        }
      }
      return { answersWhileFull, serverStopped, recoverySeconds };
    },
  );
  return { verdict, ...injected };
}
