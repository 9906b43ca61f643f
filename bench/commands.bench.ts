/**
 * Ratifications per second over HTTP, with the authority check on the write side.
 *
 * On the PostgreSQL named by BENCH_DATABASE_URL (default the local `test` database), in a fresh
 * schema: the API runs as its own process; 4 organisations each get a governing body, 10
 * committees, 10 sub-committees and 480 posts, and a scheme of 500 delegations, so every post
 * holds authority through a chain of 2 or 3 links; 8,000 proposals (`BENCH_PROPOSALS`) are tabled, each to be
 * approved by one post. Then one ratification per proposal is POSTed from 20 connections.
 * Load by autocannon. Baseline in the same run: GET /health/live from the same 20 connections for
 * 5 s (a bare Nest endpoint on the same stack).
 * It also prints the CPU each ratification cost the API, PostgreSQL and the load generator, which
 * share this machine's cores, and the most ratifications a second that CPU allows on them.
 * Last line: `RESULT commands rps=<n> p99_ms=<n>`. Not a test.
 *
 * BENCH_PROJECTOR says where the projector and sealer run while commands are measured: `in-process`
 * (the default, as `npm start` runs), `separate` (the API with LEDGER_RUN_PROJECTOR=false and
 * apps/ledger-projector as a process of its own, whose CPU is printed too) or `none` (nothing
 * follows the log: the write side alone).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { startApiProcess, stopApiProcess } from './api-process.js';
import { cpuTimes, describeCpuPerOperation } from './process-cpu.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORT = Number(process.env.BENCH_PORT ?? 3999);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN_KEY = `bench-admin-${randomBytes(24).toString('base64url')}`;
const CONNECTIONS = 20;
const ORGANISATIONS = 4;
const COMMITTEES = 10;
const POSTS_PER_ORGANISATION = 480;
/** Enough that the measured run lasts some seconds: 2,000 ratifications were over in under two, and drifted by a fifth from run to run. */
const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 8_000);
const PROJECTOR = process.env.BENCH_PROJECTOR ?? 'in-process';
if (!['in-process', 'separate', 'none'].includes(PROJECTOR)) throw new Error(`BENCH_PROJECTOR is in-process, separate or none, not ${PROJECTOR}`);

function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${message}`);
}

async function request(method: string, path: string, body?: unknown, key = ADMIN_KEY): Promise<{ status: number; text: string }> {
  const response = await fetch(BASE + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

async function post(path: string, body: unknown, key?: string): Promise<void> {
  const answer = await request('POST', path, body, key);
  if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${answer.text}`);
}

/** Sends `count` setup requests from `connections` concurrent workers (untimed). */
async function load(label: string, count: number, connections: number, send: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let index = next++; index < count; index = next++) {
        await send(index);
        if (index % 250 === 0) progress(`${label}: ${index}/${count}`);
      }
    }),
  );
  progress('');
}


/** Drives the API with autocannon from `CONNECTIONS` connections; any answer but 2xx fails the run. */
async function cannon(label: string, options: Partial<autocannon.Options>): Promise<CannonTiming> {
  // Throughput between the first and the last answer: autocannon's own duration is whole seconds
  // and includes its start-up, which would weigh on a run of a couple of seconds.
  let first = 0;
  let last = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: BASE, connections: CONNECTIONS, ...options }, (error, answer) => (error ? reject(error) : resolve(answer)));
    instance.on('response', () => {
      last = performance.now();
      first ||= last;
    });
  });
  const ms = last - first;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${label}: ${result.non2xx} answers were not 2xx and ${result.errors} failed`);
  return { label, requests: result.requests.total - 1, ms, p50: result.latency.p50, p99: result.latency.p99 };
}

interface CannonTiming {
  label: string;
  requests: number;
  ms: number;
  p50: number;
  p99: number;
}

function report(timing: CannonTiming): { rps: number; p50: number; p99: number } {
  const rps = (timing.requests * 1000) / timing.ms;
  console.log(
    `${timing.label.padEnd(44)} ${timing.requests.toLocaleString('en-GB').padStart(7)} requests  ${Math.round(rps).toLocaleString('en-GB').padStart(7)} req/s  p50 ${timing.p50.toFixed(1)} ms  p99 ${timing.p99.toFixed(1)} ms`,
  );
  return { rps, p50: timing.p50, p99: timing.p99 };
}


function startApi(schema: string): Promise<ChildProcess> {
  const nodeArguments = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? []; // e.g. --cpu-prof, to profile the API
  const projector: Record<string, string> = PROJECTOR === 'in-process' ? {} : { LEDGER_RUN_PROJECTOR: 'false' };
  return startApiProcess(PORT, { DATABASE_URL, DATABASE_SCHEMA: schema, LEDGER_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, ...projector }, nodeArguments);
}

/** apps/ledger-projector on the same schema, when BENCH_PROJECTOR=separate. */
function startProjector(schema: string): ChildProcess | undefined {
  if (PROJECTOR !== 'separate') return undefined;
  return spawn(process.execPath, ['dist/apps/ledger-projector/src/main.js'], {
    env: { ...process.env, DATABASE_URL, DATABASE_SCHEMA: schema, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Organisations, bodies, posts and schemes of 500 delegations; returns each post with its organisation. */
async function prepareAuthority(clerk: string): Promise<{ organisationId: string; postId: string }[]> {
  const deciders: { organisationId: string; postId: string }[] = [];
  for (let o = 0; o < ORGANISATIONS; o++) {
    const organisationId = `bench-council-${o}`;
    const cabinet = `${organisationId}-cabinet`;
    await post('/v1/organisations', { id: organisationId, name: `Bench Council ${o}`, kind: 'local-authority', functions: ['adult-social-care', 'bcf', 'public-health'], establishedOn: '2010-04-01' }, clerk);
    await post('/v1/bodies', { id: cabinet, name: `Cabinet ${o}`, kind: 'governing-body', organisationId, establishedOn: '2010-04-01' }, clerk);
    const instrument = { title: 'Scheme of Delegation, Part 3 of the Constitution' };
    for (let c = 0; c < COMMITTEES; c++) {
      const committee = `${organisationId}-committee-${c}`;
      const subCommittee = `${committee}-sub`;
      await post('/v1/bodies', { id: committee, name: `Committee ${c}`, kind: 'committee', organisationId, establishedOn: '2010-04-01' }, clerk);
      await post('/v1/bodies', { id: subCommittee, name: `Sub-committee ${c}`, kind: 'sub-committee', organisationId, establishedOn: '2010-04-01' }, clerk);
      await post('/v1/delegations', { id: `${cabinet}-to-committee-${c}`, organisationId, fromId: cabinet, toId: committee, scopes: ['adult-social-care', 'bcf'], limitPence: 500_000_000, effectiveFrom: '2015-04-01', mayRedelegate: true, instrument }, clerk);
      await post('/v1/delegations', { id: `${committee}-to-sub`, organisationId, fromId: committee, toId: subCommittee, scopes: ['adult-social-care'], limitPence: 100_000_000, effectiveFrom: '2015-04-01', mayRedelegate: true, instrument }, clerk);
    }
    const posts = Array.from({ length: POSTS_PER_ORGANISATION }, (_, p) => `${organisationId}-officer-${p}`);
    await load(`posts of ${organisationId}`, posts.length, CONNECTIONS, async (p) => {
      const postId = posts[p];
      const committee = `${organisationId}-committee-${p % COMMITTEES}`;
      const from = p % 2 === 0 ? committee : `${committee}-sub`; // 2-link and 3-link chains
      await post('/v1/posts', { id: postId, title: `Officer ${p}`, organisationId }, clerk);
      await post('/v1/delegations', { id: `${postId}-authority`, organisationId, fromId: from, toId: postId, scopes: ['adult-social-care'], limitPence: 5_000_000, effectiveFrom: '2016-04-01', mayRedelegate: false, instrument }, clerk);
    });
    deciders.push(...posts.map((postId) => ({ organisationId, postId })));
  }
  return deciders;
}

async function main(): Promise<void> {
  const schema = `bench_commands_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  admin.on('error', () => undefined);
  let api: ChildProcess | undefined;
  let projector: ChildProcess | undefined;
  try {
    api = await startApi(schema);
    projector = startProjector(schema);
    console.log(`projector and sealer: ${PROJECTOR}`);
    const clerkAnswer = await request('POST', '/v1/api-keys', { name: 'bench-clerk', role: 'clerk' });
    const clerk = (JSON.parse(clerkAnswer.text) as { key: string }).key;
    const started = performance.now();
    const deciders = await prepareAuthority(clerk);
    const proposals = Array.from({ length: PROPOSALS }, (_, i) => ({ proposalId: `bench-proposal-${i}`, ...deciders[(i * 7) % deciders.length] }));
    await load('tabling proposals', PROPOSALS, CONNECTIONS, async (i) => {
      const { proposalId, organisationId } = proposals[i];
      await post('/v1/proposals', {
        id: proposalId,
        title: `Care package framework ${i}`,
        scopes: ['adult-social-care'],
        valuePence: 2_500_000,
        keyDecision: false,
        proposedById: `${organisationId}-committee-0`,
        route: [{ organisationId, requirement: 'approve' }],
        tabledOn: '2024-01-08',
      }, clerk);
    });
    const [{ count }] = (await admin.query(`SELECT count(*)::int AS count FROM ${schema}.ledger_events`)).rows as { count: number }[];
    console.log(`prepared ${ORGANISATIONS} schemes of ${COMMITTEES * 2 + POSTS_PER_ORGANISATION} delegations and ${PROPOSALS} proposals (${count} events) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const baseline = report(
      await cannon('baseline: GET /health/live (5 s)', { duration: 5, requests: [{ method: 'GET', path: '/health/live' }] }),
    );
    let next = 0;
    const cpuBefore = cpuTimes(api.pid!);
    const projectorCpuBefore = projector ? cpuTimes(projector.pid!).api : 0;
    const ratifications = report(
      await cannon('POST /v1/proposals/{id}/ratifications', {
        amount: PROPOSALS,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const { proposalId, postId } = proposals[next++ % PROPOSALS];
              return {
                ...request,
                path: `/v1/proposals/${proposalId}/ratifications`,
                headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
                body: JSON.stringify({
                  ratificationId: `${proposalId}-approval`,
                  deciderId: postId,
                  version: 1,
                  outcome: 'approved',
                  decidedOn: '2024-02-01T10:00:00Z',
                  reasons: 'Within the framework agreed by the committee',
                }),
              };
            },
          },
        ],
      }),
    );
    const elsewhere: Record<string, number> = projector ? { 'the projector process': cpuTimes(projector.pid!).api - projectorCpuBefore } : {};
    console.log(describeCpuPerOperation(cpuBefore, cpuTimes(api.pid!), PROPOSALS, 'ratification', elsewhere));
    const [{ ratified }] = (await admin.query(`SELECT count(*)::int AS ratified FROM ${schema}.ledger_events WHERE type = 'ProposalRatified'`)).rows as { ratified: number }[];
    if (ratified !== PROPOSALS) throw new Error(`expected ${PROPOSALS} proposals ratified, found ${ratified}`);
    console.log(`ratifications/baseline req/s = ${(ratifications.rps / baseline.rps).toFixed(3)}`);
    console.log(`RESULT commands rps=${Math.round(ratifications.rps)} p99_ms=${ratifications.p99.toFixed(1)}`);
  } finally {
    await stopApiProcess(api);
    await stopApiProcess(projector);
    const generations = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${schema}\\_rm%`]).catch(() => ({ rows: [] }));
    for (const { nspname } of generations.rows) await admin.query(`DROP SCHEMA ${nspname} CASCADE`).catch(() => undefined);
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

await main();
