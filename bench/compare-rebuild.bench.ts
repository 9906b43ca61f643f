/**
 * The rebuild, this checkout against another, taking turns: what a change to the rebuild gains,
 * told apart from this machine's drift — the same build's `bench:rebuild` has ranged from 12,600 to
 * 19,000 events a second within an hour, and its own CPU for the same work by half.
 *
 * On the kept ledger of `bench:read` (`BENCH_SCHEMA`, made by it first), `BENCH_ROUNDS` (default
 * 4) rounds, each two rebuilds of this checkout's and two of `BENCH_BASELINE`'s (the path of another
 * checkout, built, with its node_modules), in the order ABBA in odd rounds and BAAB in even ones, each a run of that checkout's own
 * `bench:rebuild` with `BENCH_RUNS=1` (so each rebuild migrates its generation with that checkout's
 * migrations). Each round prints the events a second and the CPU of both processes a rebuild cost
 * for each; the figures are the medians over the rounds of this checkout's over the baseline's.
 * Last line: `RESULT compare rebuild eps_ratio=<median> cpu_ratio=<median> eps=<median> baseline_eps=<median>`.
 * Not a test.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { baselineCheckout, median } from './same-time-comparison.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
/** The built `bench:rebuild` of a checkout, which each rebuild runs. */
const REBUILD_BENCH = 'dist/bench/rebuild.bench.js';

interface Rebuilt {
  eventsPerSecond: number;
  /** Seconds of CPU the rebuild cost its process and PostgreSQL. */
  cpuSeconds: number;
}

/** One rebuild by `checkout`'s own benchmark, on the kept ledger. */
async function rebuildIn(checkout: string, schema: string): Promise<Rebuilt> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(checkout, REBUILD_BENCH)], {
    cwd: checkout,
    env: { ...process.env, BENCH_SCHEMA: schema, BENCH_RUNS: '1', BENCH_ALLOCATIONS: '0' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const rate = /RESULT rebuild_eps=(\d+)/.exec(stdout);
  const cpu = /CPU: this process ([\d.]+) s, PostgreSQL ([\d.]+) s/.exec(stdout);
  if (!rate || !cpu) throw new Error(`${checkout}'s bench:rebuild printed no result:\n${stdout}`);
  return { eventsPerSecond: Number(rate[1]), cpuSeconds: Number(cpu[1]) + Number(cpu[2]) };
}

async function main(): Promise<void> {
  const baseline = baselineCheckout(REBUILD_BENCH);
  const schema = process.env.BENCH_SCHEMA;
  if (!schema) throw new Error('BENCH_SCHEMA names the ledger bench:read kept; run bench:read with it first.');
  const ours = process.cwd();
  const rates: number[] = [];
  const cpus: number[] = [];
  const oursEps: number[] = [];
  const theirsEps: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // ABBA, then BAAB: each checkout first in half the rounds (always ABBA put this checkout 2–6% behind, whichever it was).
    const [first, second] = round % 2 === 1 ? [ours, baseline] : [baseline, ours];
    const runs = [await rebuildIn(first, schema), await rebuildIn(second, schema), await rebuildIn(second, schema), await rebuildIn(first, schema)];
    const [firstPair, secondPair] = [[runs[0], runs[3]], [runs[1], runs[2]]];
    const [a, b] = (first === ours ? [firstPair, secondPair] : [secondPair, firstPair]).map((pair) => ({
      eventsPerSecond: (pair[0].eventsPerSecond + pair[1].eventsPerSecond) / 2,
      cpuSeconds: (pair[0].cpuSeconds + pair[1].cpuSeconds) / 2,
    }));
    rates.push(a.eventsPerSecond / b.eventsPerSecond);
    cpus.push(a.cpuSeconds / b.cpuSeconds);
    oursEps.push(a.eventsPerSecond);
    theirsEps.push(b.eventsPerSecond);
    console.log(
      `round ${String(round).padStart(2)}: this checkout ${Math.round(a.eventsPerSecond).toLocaleString('en-GB')} events/s at ${a.cpuSeconds.toFixed(1)} s of CPU, ` +
        `baseline ${Math.round(b.eventsPerSecond).toLocaleString('en-GB')} events/s at ${b.cpuSeconds.toFixed(1)} s: ${rates.at(-1)!.toFixed(3)} the rate, ${cpus.at(-1)!.toFixed(3)} the CPU`,
    );
  }
  console.log(`rebuilds, this checkout over the baseline, medians of ${ROUNDS} rounds: ${median(rates).toFixed(3)} the rate, ${median(cpus).toFixed(3)} the CPU`);
  console.log(
    `RESULT compare rebuild eps_ratio=${median(rates).toFixed(3)} cpu_ratio=${median(cpus).toFixed(3)} eps=${Math.round(median(oursEps))} baseline_eps=${Math.round(median(theirsEps))}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
