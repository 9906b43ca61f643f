import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../free-port.js';

const run = promisify(execFile);

/** The newest PostgreSQL binaries Debian installed (`/usr/lib/postgresql/<version>/bin`). */
async function postgresBin(): Promise<string> {
  const versions = (await readdir('/usr/lib/postgresql')).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql.');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/**
 * A PostgreSQL cluster of a test's own — its own data folder under the test's temporary
 * directory, its own port — for the faults a test may do to a server (crash it, stop it),
 * which must never touch the machine's shared server. `initdb` refuses to run as root, so as
 * root the cluster belongs to the `postgres` user.
 */
export class OwnPostgresCluster {
  private constructor(
    private readonly bin: string,
    readonly dataDir: string,
    readonly port: number,
    private readonly folder: string,
  ) {}

  static async create(options: { settings?: Record<string, string> } = {}): Promise<OwnPostgresCluster> {
    const bin = await postgresBin();
    const folder = await mkdtemp(join(tmpdir(), 'ledger-pg-'));
    const asRoot = userInfo().uid === 0;
    if (asRoot) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: group } = await run('id', ['-g', 'postgres']);
      await chown(folder, Number(stdout.trim()), Number(group.trim()));
    }
    const cluster = new OwnPostgresCluster(bin, join(folder, 'data'), await freePort(), folder);
    await cluster.as(`${bin}/initdb`, ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
    const settings = {
      listen_addresses: "'127.0.0.1'",
      port: String(cluster.port),
      unix_socket_directories: `'${folder}'`,
      max_connections: '60',
      shared_buffers: '32MB',
      ...options.settings,
    };
    await cluster.as('sh', ['-c', `cat >> ${cluster.dataDir}/postgresql.conf <<'EOF'\n${Object.entries(settings).map(([name, value]) => `${name} = ${value}`).join('\n')}\nEOF`]);
    await cluster.start();
    return cluster;
  }

  /** A connection string to a database of the cluster. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    await this.as(`${this.bin}/pg_ctl`, ['-D', this.dataDir, '-l', join(this.dataDir, 'server.log'), '-w', '-t', '60', 'start']);
  }

  /** Stops the server: `immediate` is a crash (no checkpoint; recovery replays the WAL at the next start). */
  async stop(mode: 'immediate' | 'fast' = 'fast'): Promise<void> {
    await this.as(`${this.bin}/pg_ctl`, ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  /** Stops the server if it runs and removes its folder. */
  async remove(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    await rm(this.folder, { recursive: true, force: true });
  }

  /** Runs a PostgreSQL program as the cluster's owner. */
  private async as(program: string, args: string[]): Promise<string> {
    const [command, commandArgs] = userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
    const { stdout } = await run(command, commandArgs, { cwd: this.folder, maxBuffer: 10 * 1024 * 1024 });
    return stdout;
  }
}
