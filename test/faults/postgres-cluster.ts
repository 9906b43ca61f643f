import { execFile } from 'node:child_process';
import { chown, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
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
  private mounted = false;

  private constructor(
    private readonly bin: string,
    readonly dataDir: string,
    readonly port: number,
    private readonly folder: string,
  ) {}

  /**
   * Makes and starts a cluster. `walOnTmpfsMb` puts its WAL on a tmpfs of that size mounted for
   * it (root only), with 1 MB WAL segments, so that a test can fill the WAL's disk.
   */
  static async create(options: { settings?: Record<string, string>; walOnTmpfsMb?: number } = {}): Promise<OwnPostgresCluster> {
    const bin = await postgresBin();
    const folder = await mkdtemp(join(tmpdir(), 'ledger-pg-'));
    const asRoot = userInfo().uid === 0;
    const owner = asRoot ? { uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()), gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()) } : null;
    if (owner) await chown(folder, owner.uid, owner.gid);
    const cluster = new OwnPostgresCluster(bin, join(folder, 'data'), await freePort(), folder);
    const initdb = ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions'];
    if (options.walOnTmpfsMb) {
      if (!owner) throw new Error('Mounting a tmpfs for the WAL needs root.');
      await mkdir(cluster.walDisk, { mode: 0o700 });
      await run('mount', ['-t', 'tmpfs', '-o', `size=${options.walOnTmpfsMb}m,uid=${owner.uid},gid=${owner.gid},mode=0700`, 'tmpfs', cluster.walDisk]);
      cluster.mounted = true;
      initdb.push(`--waldir=${join(cluster.walDisk, 'pg_wal')}`, '--wal-segsize=1');
    }
    await cluster.as(`${bin}/initdb`, initdb);
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

  /** Where the WAL's own disk is mounted, when it has one. */
  get walDisk(): string {
    return join(this.folder, 'wal-disk');
  }

  /** Whether the server is running now. */
  async isRunning(): Promise<boolean> {
    return this.as(`${this.bin}/pg_ctl`, ['-D', this.dataDir, 'status']).then(
      () => true,
      () => false,
    );
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
    if (this.mounted) await run('umount', [this.walDisk]).catch(() => undefined);
    await rm(this.folder, { recursive: true, force: true });
  }

  /** Runs a PostgreSQL program as the cluster's owner. */
  private async as(program: string, args: string[]): Promise<string> {
    const [command, commandArgs] = userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
    const { stdout } = await run(command, commandArgs, { cwd: this.folder, maxBuffer: 10 * 1024 * 1024 });
    return stdout;
  }
}
