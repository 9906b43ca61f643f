import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL server for each Jest worker but the first, when the suite runs on PostgreSQL with
 * several workers. The log's readers take only events of transactions older than every one still
 * running on the server (xids are the whole server's), so two suites on one server hold each
 * other's readers back: a test that expects an event to be readable at once would fail whenever
 * the other worker's suite had a transaction open. Worker 1 uses TEST_DATABASE_URL's server; each
 * other worker gets a cluster of its own (`initdb`, a free port, a folder under the temporary
 * directory), removed when the run ends. Their addresses reach the workers as
 * LEDGER_TEST_DATABASE_URLS (a JSON map from JEST_WORKER_ID), which `worker-database.js` reads.
 */
export async function startServersForWorkers(workers) {
  if (!process.env.TEST_DATABASE_URL || workers < 2) return [];
  const bin = await postgresBin();
  const clusters = [];
  const urls = {};
  for (let worker = 2; worker <= workers; worker++) {
    const cluster = await startCluster(bin);
    clusters.push(cluster);
    urls[worker] = `postgres://postgres@127.0.0.1:${cluster.port}/postgres`;
  }
  process.env.LEDGER_TEST_DATABASE_URLS = JSON.stringify(urls);
  process.stdout.write(`PostgreSQL: worker 1 on ${new URL(process.env.TEST_DATABASE_URL).host}; ${Object.entries(urls).map(([worker, url]) => `worker ${worker} on its own server at ${new URL(url).host}`).join('; ')}\n`);
  return clusters;
}

export async function stopServersForWorkers(clusters) {
  for (const cluster of clusters) {
    await as(`${cluster.bin}/pg_ctl`, ['-D', cluster.dataDir, '-m', 'immediate', '-w', 'stop'], cluster.folder).catch(() => undefined);
    await rm(cluster.folder, { recursive: true, force: true });
  }
}

async function startCluster(bin) {
  const folder = await mkdtemp(join(tmpdir(), 'ledger-test-pg-'));
  if (userInfo().uid === 0) {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    await chown(folder, Number(uid.stdout.trim()), Number(gid.stdout.trim()));
  }
  const dataDir = join(folder, 'data');
  const port = await freePort();
  await as(`${bin}/initdb`, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions'], folder);
  await as('sh', ['-c', `cat >> ${dataDir}/postgresql.conf <<'EOF'\nlisten_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = '${folder}'\nmax_connections = 200\nEOF`], folder);
  await as(`${bin}/pg_ctl`, ['-D', dataDir, '-l', join(folder, 'server.log'), '-w', '-t', '60', 'start'], folder);
  return { bin, folder, dataDir, port };
}

/** The newest PostgreSQL binaries Debian installed (`/usr/lib/postgresql/<version>/bin`). */
async function postgresBin() {
  const versions = (await readdir('/usr/lib/postgresql')).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql: run the suite with one Jest worker (--runInBand).');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/** Runs a PostgreSQL program as the cluster's owner (`initdb` refuses root). */
async function as(program, args, cwd) {
  const [command, commandArgs] = userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  await run(command, commandArgs, { cwd });
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}
