import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Another process holds the embedded ledger's data folder: PGlite serves one process at a time. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The ledger's data folder ${dataDir} is in use by another process (pid ${pid}): the embedded store serves one process at a time. ` +
        'Stop that process first, or ask the running ledger instead (e.g. POST /v1/ledger/replays for a replay as known at a past moment).',
    );
    this.name = 'DataFolderInUseError';
  }
}

const LOCK_FILE = 'ledger.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder for this process (a `ledger.lock` file naming it), so that a second
 * process — a CLI command beside a running `npm start`, a second `npm start` — is refused instead
 * of opening the same files and writing where the first cannot see, or corrupting them. A lock
 * left by a process that has died is taken over. Answers how to let go of it.
 */
export async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      await handle.close();
      return async () => {
        await unlink(file).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = await readFile(file, 'utf8').then((text) => JSON.parse(text) as { pid?: unknown; host?: unknown }, () => ({}) as { pid?: unknown; host?: unknown });
      const pid = typeof holder.pid === 'number' ? holder.pid : NaN;
      if (Number.isInteger(pid) && (holder.host === undefined || holder.host === hostname()) && isAlive(pid)) throw new DataFolderInUseError(dataDir, pid);
      await unlink(file).catch(() => undefined); // left by a process that is gone
    }
  }
}
