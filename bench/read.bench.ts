/**
 * Reads under load, and a rebuild, on a realistic ledger.
 *
 * On the PostgreSQL named by BENCH_DATABASE_URL (default the local `test` database), in a fresh
 * schema, the API runs as its own process. Through its commands (its projector off meanwhile): 50
 * organisations, each with a Cabinet, 4 committees and 5 posts (500 bodies and posts), a scheme of
 * 100 delegations (5,000) whose chains run up to 4 links, and 400 proposals (20,000) on 6-step
 * routes — deferred, then approved under delegated authority, endorsed and noted, some amended
 * first: about 200,000 events. Then:
 *   - a full rebuild of the read models (events/s) from the sealed log, as the ledger rebuilds —
 *     every event checked against its leaf — against a raw ordered read of the same log and against
 *     a rebuild straight from the event store (what the check costs);
 *   - the API again, on the rebuilt read models; 10 s from 20 autocannon connections on
 *     `/v1/authority/check` (random holder, scope and past date), `/v1/ratifications?organisationId&from&to`
 *     and `/v1/proposals/{id}`: req/s, p50/p99, and the CPU each request cost the API, PostgreSQL
 *     and the load generator, which share this machine's cores;
 *   - the API's resident memory.
 * Last line: `RESULT rebuild_eps=<n> rebuild/raw=<r> sealed/unchecked=<r> authority_p99_ms=<n> ratifications_p99_ms=<n>`.
 * Not a test. `BENCH_PROPOSALS` scales it down for a quick look; `BENCH_SCHEMA=<name>` keeps the
 * prepared ledger in that schema, so that the next run with the same name skips the set-up.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { PostgresDatabase, SqlEventStore } from '@ledger/event-store';
import { READ_MODEL_PROJECTIONS, rebuildReadModels } from '@ledger/read-models';
import { SealedLog, Sealer } from '@ledger/verifiable-log';
import { startApiProcess, stopApiProcess } from './api-process.js';
import { cpuTimes, describeCpuPerOperation } from './process-cpu.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORT = Number(process.env.BENCH_PORT ?? 3998);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN_KEY = `bench-admin-${randomBytes(12).toString('hex')}`;
const CONNECTIONS = 20;
const ORGANISATIONS = 50;
const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 20_000);
const SCOPES = Array.from({ length: 10 }, (_, k) => `function-${k}`);
const COMMITTEES = 4;
const POSTS = 5;

function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${message}`);
}

async function send(method: string, path: string, body: unknown, key: string): Promise<{ status: number; text: string }> {
  const response = await fetch(BASE + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

async function post(path: string, body: unknown, key: string): Promise<void> {
  const answer = await send('POST', path, body, key);
  if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${answer.text}`);
}

/** Runs `count` tasks from `CONNECTIONS` concurrent workers (untimed set-up). */
async function inParallel(label: string, count: number, task: (index: number) => Promise<void>): Promise<void> {
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

const organisationId = (o: number) => `bench-council-${o}`;
const cabinet = (o: number) => `${organisationId(o)}-cabinet`;
const committee = (o: number, c: number) => `${organisationId(o)}-committee-${c}`;
const officer = (o: number, p: number) => `${organisationId(o)}-officer-${p}`;

/** Bodies, posts and a scheme of 100 delegations per organisation: chains of up to 4 links. */
async function prepareAuthority(clerk: string): Promise<void> {
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
function holderOf(o: number, k: number): string {
  for (let p = 0; p < POSTS; p++) for (let j = 0; j < 12; j++) if ((p + j) % SCOPES.length === k) return officer(o, p);
  throw new Error('no holder');
}

async function prepareProposals(clerk: string): Promise<void> {
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

function startApi(schema: string, environment: Record<string, string> = {}): Promise<ChildProcess> {
  return startApiProcess(PORT, { DATABASE_URL, DATABASE_SCHEMA: schema, LEDGER_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, LEDGER_MIN_POSITION_WAIT_MS: '60000', ...environment });
}

/** Waits until the API has read the whole sealed log back against the store, as it does at start (its sealer's audit), so that the load is measured alone. */
async function sealedLogReadBack(): Promise<number> {
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
    const ready = await fetch(`http://127.0.0.1:${PORT}/health/ready`);
    const audited = ((await ready.json()) as { details?: { sealer?: { audited?: { events: number } } } }).details?.sealer?.audited;
    if (audited) return audited.events;
  }
  throw new Error('the API did not read the sealed log back within 5 minutes');
}

/** A clerk's key, under a name no earlier run used. */
async function issueKey(name: string): Promise<string> {
  const answer = await send('POST', '/v1/api-keys', { name: `${name}-${randomBytes(4).toString('hex')}`, role: 'clerk' }, ADMIN_KEY);
  if (answer.status !== 201) throw new Error(`POST /v1/api-keys answered ${answer.status}: ${answer.text}`);
  return (JSON.parse(answer.text) as { key: string }).key;
}

/** The ledger's events, made through the API's commands. Its projector is off meanwhile: the rebuild below projects them all. */
async function prepareLedger(schema: string): Promise<void> {
  const api = await startApi(schema, { LEDGER_RUN_PROJECTOR: 'false' });
  try {
    const clerk = await issueKey('bench-clerk');
    await prepareAuthority(clerk);
    await prepareProposals(clerk);
  } finally {
    await stopApiProcess(api);
  }
}

interface Latency {
  rps: number;
  p50: number;
  p99: number;
}

async function cannon(label: string, path: () => string, key: string, apiPid: number): Promise<Latency> {
  const cpuBefore = cpuTimes(apiPid);
  const result = await autocannon({
    url: BASE,
    connections: CONNECTIONS,
    duration: 10,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path(), headers: { authorization: `Bearer ${key}` } }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    const sample = await send('GET', path(), undefined, key);
    throw new Error(`${label}: ${result.non2xx} answers were not 2xx and ${result.errors} failed; for example ${sample.status} ${sample.text}`);
  }
  const latency = { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  console.log(`${label.padEnd(48)} ${Math.round(latency.rps).toLocaleString('en-GB').padStart(7)} req/s  p50 ${latency.p50.toFixed(1)} ms  p99 ${latency.p99.toFixed(1)} ms`);
  console.log(`  ${describeCpuPerOperation(cpuBefore, cpuTimes(apiPid), result.requests.total, 'request')}`);
  return latency;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

async function residentMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  // BENCH_SCHEMA names a schema to keep, so that a second run skips the set-up.
  const kept = process.env.BENCH_SCHEMA;
  const schema = kept ?? `bench_read_${randomBytes(4).toString('hex')}`;
  const database = await PostgresDatabase.connect({ connectionString: DATABASE_URL, schema, max: 4 });
  let api: ChildProcess | undefined;
  try {
    const started = performance.now();
    const [{ exists }] = await database.query<{ exists: boolean }>(`SELECT to_regclass('ledger_events') IS NOT NULL AS exists`);
    if (!exists) await prepareLedger(schema);
    const [{ count: events }] = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM ledger_events');
    console.log(`${exists ? 'found' : 'prepared'} ${events.toLocaleString('en-GB')} events in ${schema} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const [{ count: proposals }] = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM ledger_streams WHERE stream_id LIKE 'proposal-%'`);

    // A raw ordered read of the whole log, then a full rebuild of every read model.
    const store = new SqlEventStore(database);
    const rawStarted = performance.now();
    let rawRows = 0;
    for (let after = ['0', '0']; ; ) {
      const rows = await database.query<{ t: string; p: string }>(
        `SELECT transaction_id::text AS t, position::text AS p, * FROM ledger_events WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint) ORDER BY transaction_id, position LIMIT 5000`,
        after,
      );
      if (rows.length === 0) break;
      rawRows += rows.length;
      after = [rows[rows.length - 1].t, rows[rows.length - 1].p];
    }
    const rawEps = rawRows / ((performance.now() - rawStarted) / 1000);
    console.log(`raw ordered read of the log                      ${Math.round(rawEps).toLocaleString('en-GB').padStart(9)} events/s`);
    const sealingStarted = performance.now();
    const sealed = await new Sealer(database, store, 2_000).catchUp();
    if (sealed > 0) console.log(`sealed ${sealed.toLocaleString('en-GB')} events first, in ${((performance.now() - sealingStarted) / 1000).toFixed(1)} s`);
    const rebuildFrom = async (label: string, log: Parameters<typeof rebuildReadModels>[0]) => {
      const rebuilt = await rebuildReadModels(log, database, READ_MODEL_PROJECTIONS, ({ events: done, eventsPerSecond }) =>
        progress(`${label}: ${done.toLocaleString('en-GB')} events, ${Math.round(eventsPerSecond).toLocaleString('en-GB')} events/s`),
      );
      progress('');
      const eps = rebuilt.events / rebuilt.seconds;
      console.log(`${`${label} into ${rebuilt.schema}`.padEnd(48)} ${Math.round(eps).toLocaleString('en-GB').padStart(9)} events/s (${rebuilt.seconds.toFixed(1)} s)`);
      return eps;
    };
    const uncheckedEps = await rebuildFrom('rebuild straight from the store', store);
    const rebuildEps = await rebuildFrom('rebuild from the sealed log', new SealedLog(database, store));
    console.log(`sealed/unchecked = ${(rebuildEps / uncheckedEps).toFixed(3)}`);
    const apiStarted = performance.now();
    api = await startApi(schema);
    const audited = await sealedLogReadBack();
    console.log(`the API read the sealed log back at start (${audited.toLocaleString('en-GB')} events) in ${((performance.now() - apiStarted) / 1000).toFixed(1)} s; load begins once it has`);
    const clerk = await issueKey('bench-reader');

    const pastDate = () => `${2013 + Math.floor(Math.random() * 11)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-15`;
    const authority = await cannon('GET /v1/authority/check (random, past date)', () => {
      const o = Math.floor(Math.random() * ORGANISATIONS);
      const k = Math.floor(Math.random() * SCOPES.length);
      return `/v1/authority/check?holderId=${pick([holderOf(o, k), committee(o, 1 + (k % COMMITTEES))])}&organisationId=${organisationId(o)}&scopes=${SCOPES[k]}&amountPence=1000000&at=${pastDate()}`;
    }, clerk, api.pid!);
    const ratifications = await cannon('GET /v1/ratifications?organisationId&from&to', () => {
      const year = 2018 + Math.floor(Math.random() * 6);
      return `/v1/ratifications?organisationId=${organisationId(Math.floor(Math.random() * ORGANISATIONS))}&from=${year}-01-01&to=${year}-06-30`;
    }, clerk, api.pid!);
    const proposal = await cannon('GET /v1/proposals/{id}', () => `/v1/proposals/bench-proposal-${Math.floor(Math.random() * proposals)}`, clerk, api.pid!);
    const rss = await residentMegabytes(api.pid!);
    console.log(`API resident memory ${rss.toFixed(0)} MB; proposal reads p99 ${proposal.p99.toFixed(1)} ms`);
    console.log(
      `RESULT rebuild_eps=${Math.round(rebuildEps)} rebuild/raw=${(rebuildEps / rawEps).toFixed(3)} sealed/unchecked=${(rebuildEps / uncheckedEps).toFixed(3)} authority_p99_ms=${authority.p99.toFixed(1)} ratifications_p99_ms=${ratifications.p99.toFixed(1)}`,
    );
  } finally {
    await stopApiProcess(api);
    if (!kept) {
      const generations = await database.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${schema}\\_rm%`]);
      for (const { nspname } of generations) await database.query(`DROP SCHEMA ${nspname} CASCADE`);
      await database.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
    await database.close();
  }
}

await main();
