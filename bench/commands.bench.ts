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
 * share this machine's cores, and the most ratifications a second that CPU allows on them; then
 * how busy the API's main thread and the machine's cores were over the run, and (from the API's
 * `/metrics`) how long appends waited for their group commit and a group's round trip.
 * The ratifications start from a checkpoint (`BENCH_CHECKPOINT=off`: not), as bench/server-writes.ts
 * says why, and it prints what PostgreSQL wrote over the run.
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
import pg from 'pg';
import { describeAppendGroups, scrapeMetrics } from './api-metrics.js';
import { startApiProcess, stopApiProcess } from './api-process.js';
import { BenchApi, cannon, prepareCommandLedger, ratifyEach, report } from './command-ledger.js';
import { cpuTimes, describeBusy, describeCpuPerOperation } from './process-cpu.js';
import { checkpointFirst, describeServerWrites, onPool, serverWrites } from './server-writes.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORT = Number(process.env.BENCH_PORT ?? 3999);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN_KEY = `bench-admin-${randomBytes(24).toString('base64url')}`;
/** Enough that the measured run lasts some seconds: 2,000 ratifications were over in under two, and drifted by a fifth from run to run. */
const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 8_000);
const PROJECTOR = process.env.BENCH_PROJECTOR ?? 'in-process';
if (!['in-process', 'separate', 'none'].includes(PROJECTOR)) throw new Error(`BENCH_PROJECTOR is in-process, separate or none, not ${PROJECTOR}`);

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

async function main(): Promise<void> {
  const schema = `bench_commands_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  admin.on('error', () => undefined);
  const bench = new BenchApi(BASE, ADMIN_KEY);
  let api: ChildProcess | undefined;
  let projector: ChildProcess | undefined;
  try {
    api = await startApi(schema);
    projector = startProjector(schema);
    console.log(`projector and sealer: ${PROJECTOR}`);
    const started = performance.now();
    const { clerk, proposals, description } = await prepareCommandLedger(bench, PROPOSALS);
    const [{ count }] = (await admin.query(`SELECT count(*)::int AS count FROM ${schema}.ledger_events`)).rows as { count: number }[];
    console.log(`prepared ${description} (${count} events) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const baseline = report(await cannon(BASE, 'baseline: GET /health/live (5 s)', { duration: 5, requests: [{ method: 'GET', path: '/health/live' }] }));
    console.log(await checkpointFirst(onPool(admin)));
    const writesBefore = await serverWrites(onPool(admin));
    const metricsBefore = await scrapeMetrics(BASE, ADMIN_KEY);
    const cpuBefore = cpuTimes(api.pid!);
    const projectorCpuBefore = projector ? cpuTimes(projector.pid!).api : 0;
    const ratifyingFrom = performance.now();
    const ratifying = await ratifyEach(bench, clerk, proposals);
    const cpuAfter = cpuTimes(api.pid!);
    const ratifyingMs = performance.now() - ratifyingFrom;
    const ratifications = report(ratifying);
    const elsewhere: Record<string, number> = projector ? { 'the projector process': cpuTimes(projector.pid!).api - projectorCpuBefore } : {};
    console.log(describeCpuPerOperation(cpuBefore, cpuAfter, PROPOSALS, 'ratification', elsewhere));
    console.log(describeBusy(cpuBefore, cpuAfter, ratifyingMs, elsewhere));
    console.log(describeAppendGroups(metricsBefore, await scrapeMetrics(BASE, ADMIN_KEY)));
    console.log(describeServerWrites(writesBefore, await serverWrites(onPool(admin)), PROPOSALS, 'ratification'));
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
