/**
 * The ledger `npm run bench:read` and `npm run bench:site` load: made through the API's commands in
 * a schema of its own (about 200,000 events; `BENCH_PROPOSALS` scales it down), and the API process
 * and load generator they measure it with.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PostgresDatabase, SqlEventStore, type Database } from '@ledger/event-store';
import { Sealer } from '@ledger/verifiable-log';
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { startApiProcess, stopApiProcess } from './api-process.js';
import { cpuTimes, describeCpuPerOperation } from './process-cpu.js';
import { checkpointFirst, onDatabase } from './server-writes.js';

export const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const PORT = Number(process.env.BENCH_PORT ?? 3998);
export const BASE = `http://127.0.0.1:${PORT}`;
export const ADMIN_KEY = `bench-admin-${randomBytes(24).toString('base64url')}`;
export const CONNECTIONS = 20;
export const ORGANISATIONS = 50;
export const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 20_000);
export const SCOPES = Array.from({ length: 10 }, (_, k) => `function-${k}`);
export const COMMITTEES = 4;
export const POSTS = 5;

export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${message}`);
}

export async function send(method: string, path: string, body: unknown, key: string | null): Promise<{ status: number; text: string }> {
  const response = await fetch(BASE + path, {
    method,
    headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

export async function post(path: string, body: unknown, key: string): Promise<void> {
  const answer = await send('POST', path, body, key);
  if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${answer.text}`);
}

/** Runs `count` tasks from `CONNECTIONS` concurrent workers (untimed set-up). */
export async function inParallel(label: string, count: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let index = next++; index < count; index = next++) {
        await task(index);
        if (index % 200 === 0) progress(`${label}: ${index}/${count}`);
      }
    }),
  );
  progress('');
}

export const organisationId = (o: number) => `bench-council-${o}`;
export const cabinet = (o: number) => `${organisationId(o)}-cabinet`;
export const committee = (o: number, c: number) => `${organisationId(o)}-committee-${c}`;
export const officer = (o: number, p: number) => `${organisationId(o)}-officer-${p}`;

/** Bodies, posts and a scheme of 100 delegations per organisation: chains of up to 4 links. */
export async function prepareAuthority(clerk: string): Promise<void> {
  const instrument = { title: 'Scheme of Delegation, Part 3 of the Constitution' };
  await inParallel('organisations', ORGANISATIONS, async (o) => {
    await post('/v1/organisations', { id: organisationId(o), name: `Bench Council ${o}`, kind: 'local-authority', functions: SCOPES, establishedOn: '2010-04-01' }, clerk);
    await post('/v1/bodies', { id: cabinet(o), name: 'Cabinet', kind: 'governing-body', organisationId: organisationId(o), establishedOn: '2010-04-01' }, clerk);
    for (let c = 1; c <= COMMITTEES; c++) await post('/v1/bodies', { id: committee(o, c), name: `Committee ${c}`, kind: 'committee', organisationId: organisationId(o), establishedOn: '2010-04-01' }, clerk);
    for (let p = 0; p < POSTS; p++) await post('/v1/posts', { id: officer(o, p), title: `Officer ${p}`, organisationId: organisationId(o) }, clerk);
    // Cabinet → committee 1 → 2 → 3 → 4, for every function: 40 links.
    for (let c = 1; c <= COMMITTEES; c++) {
      for (const [k, scope] of SCOPES.entries()) {
        await post(
          '/v1/delegations',
          {
            id: `${organisationId(o)}-l${c}-s${k}`,
            organisationId: organisationId(o),
            fromId: c === 1 ? cabinet(o) : committee(o, c - 1),
            toId: committee(o, c),
            scopes: [scope],
            limitPence: 1_000_000_000 - c * 100_000_000,
            effectiveFrom: '2012-04-01',
            mayRedelegate: true,
            instrument,
          },
          clerk,
        );
      }
    }
    // Each officer holds 12 of the functions from a committee: 60 more.
    for (let p = 0; p < POSTS; p++) {
      for (let j = 0; j < 12; j++) {
        await post(
          '/v1/delegations',
          {
            id: `${officer(o, p)}-d${j}`,
            organisationId: organisationId(o),
            fromId: committee(o, 1 + ((p + j) % COMMITTEES)),
            toId: officer(o, p),
            scopes: [SCOPES[(p + j) % SCOPES.length]],
            limitPence: 50_000_000,
            effectiveFrom: `${2013 + (j % 5)}-04-01`,
            mayRedelegate: false,
            instrument,
          },
          clerk,
        );
      }
    }
  });
}

/** The officer who holds `scope` for organisation `o`, and through which delegation. */
export function holderOf(o: number, k: number): string {
  for (let p = 0; p < POSTS; p++) for (let j = 0; j < 12; j++) if ((p + j) % SCOPES.length === k) return officer(o, p);
  throw new Error('no holder');
}

export async function prepareProposals(clerk: string): Promise<void> {
  const proposals = Array.from({ length: PROPOSALS }, (_, i) => ({ id: `bench-proposal-${i}`, o: i % ORGANISATIONS, k: i % SCOPES.length }));
  await inParallel('proposals', PROPOSALS, async (i) => {
    const { id, o, k } = proposals[i];
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const year = 2018 + (i % 6);
    await post(
      '/v1/proposals',
      {
        id,
        title: `Commissioning decision ${i}`,
        summary: 'A decision on a care contract within the framework the committee agreed',
        scopes: [SCOPES[k]],
        valuePence: 2_000_000 + (i % 100) * 10_000,
        keyDecision: i % 7 === 0,
        proposedById: committee(o, 1),
        route: [
          { organisationId: organisationId(o), requirement: 'approve' },
          { bodyId: committee(o, 1), requirement: 'endorse' },
          ...[2, 3, 4].map((c) => ({ bodyId: committee(o, c), requirement: 'note' as const })),
          { bodyId: cabinet(o), requirement: 'note' },
        ],
        tabledOn: `${year}-${month}-${day}`,
      },
      clerk,
    );
    let version = 1;
    if (i % 2 === 0) {
      await post(`/v1/proposals/${id}/amendments`, { amendedOn: `${year}-${month}-${day}T12:00:00Z`, reason: 'Value corrected', valuePence: 2_000_001 + (i % 100) * 10_000 }, clerk);
      version = 2;
    }
    const decidedOn = `${year}-${month}-${day}T18:00:00Z`;
    const decide = (deciderId: string, outcome: string, n: number) =>
      post(`/v1/proposals/${id}/ratifications`, { ratificationId: `${id}-r${n}`, deciderId, version, outcome, decidedOn }, clerk);
    await decide(holderOf(o, k), 'deferred', 0);
    await decide(holderOf(o, k), 'approved', 1);
    await decide(committee(o, 1), 'approved', 2);
    for (const [n, c] of [2, 3, 4].entries()) await decide(committee(o, c), 'noted', 3 + n);
    await decide(cabinet(o), 'noted', 6);
  });
}

/**
 * The reads `bench:read` loads, each a random request on the ledger made here: an authority check
 * of a holder in a scheme's chain (random scope, past date), a half year of an organisation's
 * ratifications register (half of them a page of 50 decisions, half empty), and a proposal.
 */
export function readPaths(proposals: number): Record<'authority' | 'register' | 'proposal', () => string> {
  const pastDate = () => `${2013 + Math.floor(Math.random() * 11)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-15`;
  return {
    authority: () => {
      const o = Math.floor(Math.random() * ORGANISATIONS);
      const k = Math.floor(Math.random() * SCOPES.length);
      return `/v1/authority/check?holderId=${pick([holderOf(o, k), committee(o, 1 + (k % COMMITTEES))])}&organisationId=${organisationId(o)}&scopes=${SCOPES[k]}&amountPence=1000000&at=${pastDate()}`;
    },
    register: () => {
      const year = 2018 + Math.floor(Math.random() * 6);
      return `/v1/ratifications?organisationId=${organisationId(Math.floor(Math.random() * ORGANISATIONS))}&from=${year}-01-01&to=${year}-06-30`;
    },
    proposal: () => `/v1/proposals/bench-proposal-${Math.floor(Math.random() * proposals)}`,
  };
}

/**
 * The API on the benchmark's ledger; `BENCH_API_NODE_ARGS` (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles it, as in `bench:commands`.
 * On `port` from `checkout` when given (`bench:compare-reads` runs two).
 */
export function startApi(schema: string, environment: Record<string, string> = {}, { port = PORT, checkout }: { port?: number; checkout?: string } = {}): Promise<ChildProcess> {
  const nodeArguments = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  return startApiProcess(port, { DATABASE_URL, DATABASE_SCHEMA: schema, LEDGER_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, LEDGER_MIN_POSITION_WAIT_MS: '60000', ...environment }, nodeArguments, checkout);
}

/** Waits until the API has read the whole sealed log back against the store, as it does at start (its sealer's audit), so that the load is measured alone. */
export async function sealedLogReadBack(port = PORT): Promise<number> {
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    const audited = ((await ready.json()) as { details?: { sealer?: { audited?: { events: number } } } }).details?.sealer?.audited;
    if (audited) return audited.events;
  }
  throw new Error('the API did not read the sealed log back within 5 minutes');
}

/** A clerk's key, under a name no earlier run used. */
export async function issueKey(name: string): Promise<string> {
  const answer = await send('POST', '/v1/api-keys', { name: `${name}-${randomBytes(4).toString('hex')}`, role: 'clerk' }, ADMIN_KEY);
  if (answer.status !== 201) throw new Error(`POST /v1/api-keys answered ${answer.status}: ${answer.text}`);
  return (JSON.parse(answer.text) as { key: string }).key;
}

/** The ledger's events, made through the API's commands. Its projector is off meanwhile: the rebuild below projects them all. */
export async function prepareLedger(schema: string): Promise<void> {
  const api = await startApi(schema, { LEDGER_RUN_PROJECTOR: 'false' });
  try {
    const clerk = await issueKey('bench-clerk');
    await prepareAuthority(clerk);
    await prepareProposals(clerk);
  } finally {
    await stopApiProcess(api);
  }
}

export interface Latency {
  rps: number;
  p50: number;
  p99: number;
}

/** 10 s of GETs from `CONNECTIONS` connections, with `key` (none: an anonymous reader); req/s, latency and CPU a request. */
export async function cannon(label: string, path: () => string, key: string | null, apiPid: number): Promise<Latency> {
  const cpuBefore = cpuTimes(apiPid);
  const result = await readLoad(path, key, 10);
  if (result.non2xx > 0 || result.errors > 0) {
    const sample = await send('GET', path(), undefined, key);
    throw new Error(`${label}: ${result.non2xx} answers were not 2xx and ${result.errors} failed; for example ${sample.status} ${sample.text}`);
  }
  const latency = { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  console.log(`${label.padEnd(48)} ${Math.round(latency.rps).toLocaleString('en-GB').padStart(7)} req/s  p50 ${latency.p50.toFixed(1)} ms  p99 ${latency.p99.toFixed(1)} ms`);
  console.log(`  ${describeCpuPerOperation(cpuBefore, cpuTimes(apiPid), result.requests.total, 'request')}`);
  return latency;
}

/** Reads as `cannon` does for `seconds`, measuring nothing: the code on this path compiled and the database's pages in memory before the measured run. */
export async function warmUp(path: () => string, key: string | null, seconds = 5, port = PORT): Promise<void> {
  await readLoad(path, key, seconds, port);
}

/** `seconds` of GETs of `path()` from `CONNECTIONS` connections to the API on `port`, with `key` (none: an anonymous reader). */
export function readLoad(path: () => string, key: string | null, seconds: number, port = PORT): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path(), headers: key === null ? {} : { authorization: `Bearer ${key}` } }) }],
  });
}

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

export async function residentMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}


/** The log read in pages of 5,000 in its order, answering events/s: the baseline of rebuild/raw. */
async function rawOrderedRead(database: Database): Promise<number> {
  const started = performance.now();
  let rows = 0;
  for (let after = ['0', '0']; ; ) {
    const page = await database.query<{ t: string; p: string }>(
      `SELECT transaction_id::text AS t, position::text AS p, * FROM ledger_events WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint) ORDER BY transaction_id, position LIMIT 5000`,
      after,
    );
    if (page.length === 0) return rows / ((performance.now() - started) / 1000);
    rows += page.length;
    after = [page[page.length - 1].t, page[page.length - 1].p];
  }
}

/**
 * What every rebuild is measured against, printed: the raw ordered read of the log (answered as
 * events/s). Then every event sealed, as a rebuild from the sealed log needs.
 */
export async function rawReadThenSealed(database: Database): Promise<number> {
  console.log(`raw read: ${await checkpointFirst(onDatabase(database))} (as before each measured run that follows)`);
  const rawEps = await rawOrderedRead(database);
  console.log(`raw ordered read of the log                      ${Math.round(rawEps).toLocaleString('en-GB').padStart(9)} events/s`);
  const started = performance.now();
  const sealed = await new Sealer(database, new SqlEventStore(database), 2_000).catchUp();
  if (sealed > 0) console.log(`sealed ${sealed.toLocaleString('en-GB')} events first, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return rawEps;
}

/** Drops a benchmark's schema and its read-model generations. */
export async function dropBenchSchema(database: Database, schema: string): Promise<void> {
  const generations = await database.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${schema}\\_rm%`]);
  for (const { nspname } of generations) await database.query(`DROP SCHEMA ${nspname} CASCADE`);
  await database.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

/** The benchmark's ledger: in `BENCH_SCHEMA` when set (kept for the next run, made only once), else in a fresh schema named from `prefix`. */
export async function openBenchLedger(prefix: string): Promise<{ database: PostgresDatabase; schema: string; kept: boolean; proposals: number }> {
  const kept = process.env.BENCH_SCHEMA;
  const schema = kept ?? `${prefix}_${randomBytes(4).toString('hex')}`;
  const database = await PostgresDatabase.connect({ connectionString: DATABASE_URL, schema, max: 4 });
  const started = performance.now();
  const [{ exists }] = await database.query<{ exists: boolean }>(`SELECT to_regclass('ledger_events') IS NOT NULL AS exists`);
  if (!exists) await prepareLedger(schema);
  const [{ count: events }] = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM ledger_events');
  const [{ count: proposals }] = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM ledger_streams WHERE stream_id LIKE 'proposal-%'`);
  console.log(`${exists ? 'found' : 'prepared'} ${events.toLocaleString('en-GB')} events (${proposals.toLocaleString('en-GB')} proposals) in ${schema} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { database, schema, kept: kept !== undefined, proposals };
}
