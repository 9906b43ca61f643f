/**
 * Ratifications, this checkout against another, at the same time: what a change costs the command
 * path, told apart from this machine's drift (the same build's `bench:commands` differs by a fifth
 * from one run to the next, minutes apart).
 *
 * Both APIs run at once, from this checkout and from `BENCH_BASELINE` (the path of another
 * checkout, built, with its node_modules), each on a ledger of its own in a fresh schema of the
 * PostgreSQL named by BENCH_DATABASE_URL, prepared as `bench:commands` prepares it, one after the
 * other, with the projector and sealer in each process as by default. Each API first ratifies 500
 * of its proposals unmeasured; then `BENCH_ROUNDS` (default 8) rounds, in each of which each API
 * ratifies `BENCH_ROUND` (default 1,000) more from 20 connections, in the order ABBA, so that drift
 * within a round weighs on both alike; a turn ends when that API's read models hold every event of
 * its ledger. Each round prints ratifications a second while they were sent, and the CPU each
 * ratification cost all told until then (the API with its projector and sealer, PostgreSQL and the
 * load generator, which share the cores);
 * the figures are the medians over the rounds of this checkout's over the baseline's.
 * Last line: `RESULT compare commands rps_ratio=<median> cpu_ratio=<median> rps=<median> baseline_rps=<median>`.
 * Not a test.
 */
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { startApiProcess, stopApiProcess } from './api-process.js';
import { BenchApi, prepareCommandLedger, ratifyEach, type BenchProposal } from './command-ledger.js';
import { progress } from './read-ledger.js';
import { baselineCheckout, contenderPlaces, median } from './same-time-comparison.js';
import { cpuTimes } from './process-cpu.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORT = Number(process.env.BENCH_PORT ?? 3999);
const ADMIN_KEY = `bench-admin-${randomBytes(24).toString('base64url')}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const ROUND = Number(process.env.BENCH_ROUND ?? 1_000);
const WARM_UP = 500;

interface Contender {
  label: string;
  schema: string;
  apiProcess: ChildProcess;
  api: BenchApi;
  clerk: string;
  proposals: BenchProposal[];
  /** How many of its proposals it has ratified. */
  ratified: number;
}

interface Turn {
  rps: number;
  cpuMs: number;
}

/** Until the contender's read models hold every event its ledger holds: its projector and sealer have caught up. */
async function caughtUp(admin: pg.Pool, { schema }: Contender): Promise<void> {
  const { rows: [active] } = await admin.query<{ schema_name: string }>(`SELECT schema_name FROM ${schema}.ledger_read_model_generations WHERE active`);
  for (;;) {
    const { rows: [{ behind }] } = await admin.query<{ behind: string }>(
      `SELECT (SELECT count(*) FROM ${schema}.ledger_events) - (SELECT events FROM ${active.schema_name}.projection_checkpoint) AS behind`,
    );
    if (Number(behind) <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The contender's next `count` proposals ratified: ratifications a second while they were sent,
 * and the CPU each cost all told, the work of its projector and sealer catching up after included.
 */
async function turn(admin: pg.Pool, contender: Contender, count: number): Promise<Turn> {
  const slice = contender.proposals.slice(contender.ratified, contender.ratified + count);
  contender.ratified += slice.length;
  const before = cpuTimes(contender.apiProcess.pid!);
  const timing = await ratifyEach(contender.api, contender.clerk, slice, `${contender.label}: ratifications`);
  await caughtUp(admin, contender);
  const after = cpuTimes(contender.apiProcess.pid!);
  const cpuMs = (after.api - before.api + after.postgres - before.postgres + after.bench - before.bench) / slice.length;
  return { rps: (timing.requests * 1000) / timing.ms, cpuMs };
}

async function main(): Promise<void> {
  const baseline = baselineCheckout();
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  admin.on('error', () => undefined);
  const contenders: Contender[] = [];
  try {
    for (const [label, port, checkout] of contenderPlaces(PORT, baseline)) {
      const schema = `bench_commands_${randomBytes(4).toString('hex')}`;
      const apiProcess = await startApiProcess(port, { DATABASE_URL, DATABASE_SCHEMA: schema, LEDGER_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY }, [], checkout);
      const api = new BenchApi(`http://127.0.0.1:${port}`, ADMIN_KEY);
      const contender: Contender = { label, schema, apiProcess, api, clerk: '', proposals: [], ratified: 0 };
      contenders.push(contender);
      progress(`preparing the ledger of ${label}`);
      const { clerk, proposals } = await prepareCommandLedger(api, WARM_UP + ROUNDS * ROUND);
      Object.assign(contender, { clerk, proposals });
    }
    for (const contender of contenders) await turn(admin, contender, WARM_UP); // the command path compiled, the pages it reads in memory
    const [ours, theirs] = contenders;
    const ratios = { rps: [] as number[], cpu: [] as number[] };
    const rates = { ours: [] as number[], theirs: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [ours, theirs] : [theirs, ours];
      const first = await turn(admin, order[0], ROUND);
      const second = await turn(admin, order[1], ROUND);
      const [a, b] = order[0] === ours ? [first, second] : [second, first];
      ratios.rps.push(a.rps / b.rps);
      ratios.cpu.push(a.cpuMs / b.cpuMs);
      rates.ours.push(a.rps);
      rates.theirs.push(b.rps);
      console.log(
        `round ${String(round + 1).padStart(2)}: this checkout ${Math.round(a.rps)}/s at ${a.cpuMs.toFixed(2)} ms a ratification, baseline ${Math.round(b.rps)}/s at ${b.cpuMs.toFixed(2)} ms: ${(a.rps / b.rps).toFixed(3)} the rate, ${(a.cpuMs / b.cpuMs).toFixed(3)} the CPU`,
      );
    }
    console.log(`ratifications, this checkout over the baseline, medians of ${ROUNDS} rounds: ${median(ratios.rps).toFixed(3)} the rate, ${median(ratios.cpu).toFixed(3)} the CPU a ratification`);
    console.log(
      `RESULT compare commands rps_ratio=${median(ratios.rps).toFixed(3)} cpu_ratio=${median(ratios.cpu).toFixed(3)} rps=${Math.round(median(rates.ours))} baseline_rps=${Math.round(median(rates.theirs))}`,
    );
  } finally {
    for (const { apiProcess } of contenders) await stopApiProcess(apiProcess);
    for (const { schema } of contenders) {
      const generations = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${schema}\\_rm%`]).catch(() => ({ rows: [] }));
      for (const { nspname } of generations.rows) await admin.query(`DROP SCHEMA ${nspname} CASCADE`).catch(() => undefined);
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    }
    await admin.end();
  }
}

await main();
