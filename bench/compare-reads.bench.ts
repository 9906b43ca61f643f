/**
 * One read, this checkout against another, on the same ledger at the same time: what a change to a
 * read costs the API, told apart from this machine's drift.
 *
 * On a 2-core machine shared with PostgreSQL and the load generator, the same build of `bench:read`
 * measured minutes apart differs by more than a change of a tenth: 0.68 against 1.3 ms of API CPU a
 * register page have been seen an hour apart. So both APIs run at once, from this checkout and from
 * `BENCH_BASELINE` (the path of another checkout, built, with its node_modules), on the kept ledger
 * of `bench:read` (`BENCH_SCHEMA`, made and rebuilt by it first), and take turns: `BENCH_ROUNDS`
 * (default 10) rounds of 3 s of 20 connections each, in the order ABBA, so that drift within a round
 * weighs on both alike. Each round prints the API CPU a request and p99 of each; the figure is the
 * median over the rounds of this checkout's CPU a request over the baseline's.
 * `BENCH_LOADS` names the read (`register`, `authority`, `proposal`; default `register`).
 * Last line: `RESULT compare <read> cpu_ratio=<median> p99_ms=<median> baseline_p99_ms=<median>`.
 * Not a test.
 */
import type { ChildProcess } from 'node:child_process';
import { stopApiProcess } from './api-process.js';
import { baselineCheckout, contenderPlaces, median } from './same-time-comparison.js';
import { cpuTimes } from './process-cpu.js';
import { issueKey, openBenchLedger, PORT, readLoad, readPaths, sealedLogReadBack, startApi, warmUp } from './read-ledger.js';

const READS = ['register', 'authority', 'proposal'] as const;
type Read = (typeof READS)[number];

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const ROUND_SECONDS = 3;

interface Turn {
  cpuMs: number;
  p99: number;
}

interface Contender {
  label: string;
  port: number;
  api: ChildProcess;
}

/** `seconds` of the read from 20 connections: the API CPU each request cost, and p99. */
async function turn({ port, api }: Contender, path: () => string, key: string, seconds: number): Promise<Turn> {
  const before = cpuTimes(api.pid!).api;
  const result = await readLoad(path, key, seconds, port);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`port ${port}: ${result.non2xx} answers were not 2xx and ${result.errors} failed`);
  return { cpuMs: (cpuTimes(api.pid!).api - before) / result.requests.total, p99: result.latency.p99 };
}

/** Until the other API knows the key issued through the first (it reads keys from the same ledger). */
async function knownTo(port: number, key: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const answer = await fetch(`http://127.0.0.1:${port}/v1/organisations?limit=1`, { headers: { authorization: `Bearer ${key}` } }).catch(() => null);
    if (answer && answer.status !== 401) return;
  }
  throw new Error(`the API on port ${port} did not come to know the benchmark's key`);
}

async function main(): Promise<void> {
  const baseline = baselineCheckout();
  if (!process.env.BENCH_SCHEMA) throw new Error('BENCH_SCHEMA names the ledger bench:read kept and rebuilt; run bench:read with it first.');
  const read = (process.env.BENCH_LOADS ?? 'register') as Read;
  if (!READS.includes(read)) throw new Error(`BENCH_LOADS is one of ${READS.join(', ')}, not ${read}.`);
  const { database, schema, proposals } = await openBenchLedger('bench_read');
  const contenders: Contender[] = [];
  try {
    for (const [label, port, checkout] of contenderPlaces(PORT, baseline)) {
      contenders.push({ label, port, api: await startApi(schema, {}, { port, checkout }) });
      await sealedLogReadBack(port);
    }
    const [ours, theirs] = contenders;
    const key = await issueKey('bench-compare');
    await knownTo(theirs.port, key);
    const path = readPaths(proposals)[read];
    // Warm both first: the code on the read's path compiled, the pages it reads in memory.
    for (const { port } of contenders) await warmUp(path, key, 5, port);
    const ratios: number[] = [];
    const p99s: Record<string, number[]> = { ours: [], theirs: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [ours, theirs] : [theirs, ours];
      const [first, second] = [await turn(order[0], path, key, ROUND_SECONDS), await turn(order[1], path, key, ROUND_SECONDS)];
      const [a, b] = order[0] === ours ? [first, second] : [second, first];
      ratios.push(a.cpuMs / b.cpuMs);
      p99s.ours.push(a.p99);
      p99s.theirs.push(b.p99);
      console.log(
        `round ${String(round + 1).padStart(2)}: this checkout ${a.cpuMs.toFixed(3)} ms a request (p99 ${a.p99} ms), baseline ${b.cpuMs.toFixed(3)} ms (p99 ${b.p99} ms): ${(a.cpuMs / b.cpuMs).toFixed(3)}`,
      );
    }
    console.log(`GET ${read}: API CPU a request, this checkout over the baseline, median of ${ROUNDS} rounds: ${median(ratios).toFixed(3)}`);
    console.log(`RESULT compare ${read} cpu_ratio=${median(ratios).toFixed(3)} p99_ms=${median(p99s.ours)} baseline_p99_ms=${median(p99s.theirs)}`);
  } finally {
    for (const { api } of contenders) await stopApiProcess(api);
    await database.close();
  }
}

await main();
