/**
 * The fault suite at full size (the quick versions run in `npm test`): each fault runs writers of
 * realistic commands against the API as its own process, injects the fault, then judges the run
 * with the checker of test/faults — nothing acknowledged lost, nothing doubled, nothing in the log
 * that no command attempted, read models equal to a rebuild, the sealed log verified. One line
 * per fault, `RESULT faults <name> …`, and last `RESULT faults all …`. Not a test: a fault that
 * finds a defect prints it and the script exits 1. `FAULTS=disk-full,api-kill` runs only those.
 */
import { runApiKill } from '../test/faults/api-kill.js';
import { runDiskFull } from '../test/faults/disk-full.js';
import { runHeldTransaction } from '../test/faults/held-transaction.js';
import { runNetworkCut } from '../test/faults/network-cut.js';
import { runPgliteKill } from '../test/faults/pglite-kill.js';
import { runPostgresCrash } from '../test/faults/postgres-crash.js';
import { runProjectorKill } from '../test/faults/projector-kill.js';
import { passed, resultLine, type Verdict } from '../test/faults/verdict.js';

interface FaultRun {
  name: string;
  verdict: Verdict;
  recoverySeconds: number;
  notes: string;
}

async function postgresCrash(): Promise<FaultRun> {
  const run = await runPostgresCrash({ writers: 8, crashes: 3, downSeconds: [2, 5], loadSeconds: 10, databaseTimeoutMs: 10_000 });
  const statuses = new Map<string, number>();
  for (const answer of run.outageAnswers) statuses.set(String(answer.status), (statuses.get(String(answer.status)) ?? 0) + 1);
  const slowest = Math.max(...run.outageAnswers.map((answer) => answer.ms));
  return {
    name: 'postgres-crash',
    verdict: run.verdict,
    recoverySeconds: Math.max(...run.recoverySeconds),
    notes: `while down: ${[...statuses].map(([status, count]) => `${count}× ${status}`).join(', ')}, slowest answer ${Math.round(slowest)} ms; ready again ${run.recoverySeconds.map((seconds) => seconds.toFixed(1)).join(' s, ')} s after each restart`,
  };
}

async function apiKill(): Promise<FaultRun> {
  const run = await runApiKill({ writers: 8, kills: 3, loadSeconds: 10, databaseTimeoutMs: 10_000 });
  return { name: 'api-kill', verdict: run.verdict, recoverySeconds: Math.max(...run.recoverySeconds), notes: `${run.verdict.retried} of ${run.verdict.ok} commands answered after a retry with their key; ready again ${run.recoverySeconds.map((seconds) => seconds.toFixed(1)).join(' s, ')} s after each restart` };
}

async function projectorKill(): Promise<FaultRun> {
  const run = await runProjectorKill({ writers: 8, kills: 6, loadSeconds: 4, databaseTimeoutMs: 10_000 });
  const moved = run.checkpointMovedBack.length;
  if (moved > 0) run.verdict.problems.push(...run.checkpointMovedBack.map((reading) => `checkpoint moved back: ${reading}`));
  return { name: 'projector-kill', verdict: run.verdict, recoverySeconds: 0, notes: `${run.projectorKills} projector kills, ${run.rebuildKills} rebuild killed part-way; ${run.readings} checkpoint readings, ${moved} moved back` };
}

async function heldTransaction(): Promise<FaultRun> {
  const run = await runHeldTransaction({ writers: 8, holdSeconds: 10, loadSeconds: 5, databaseTimeoutMs: 10_000 });
  return {
    name: 'held-transaction',
    verdict: run.verdict,
    recoverySeconds: 0,
    notes: run.whileHeld.map((held) => `held then ${held.ending}: readiness ${held.readiness.status}, held back ${held.heldBackSeconds.toFixed(1)} s on /metrics`).join('; '),
  };
}

async function networkCut(): Promise<FaultRun> {
  const run = await runNetworkCut({ writers: 8, cutSeconds: 10, loadSeconds: 5, databaseTimeoutMs: 10_000 });
  return {
    name: 'network-cut',
    verdict: run.verdict,
    recoverySeconds: Math.max(...run.recoverySeconds),
    notes: `connections reset for 10 s, then packets dropped for 10 s: the longest attempt waited ${Math.round(run.longestWaitMs)} ms (${run.verdict.longestAttempt}); ready again ${run.recoverySeconds.map((seconds) => seconds.toFixed(1)).join(' s, ')} s after each`,
  };
}

async function pgliteKill(): Promise<FaultRun> {
  const run = await runPgliteKill({ writers: 4, rounds: 10, loadSeconds: 3 });
  return { name: 'pglite-kill', verdict: run.verdict, recoverySeconds: Math.max(...run.recoverySeconds), notes: `10 rounds of load, each ended by SIGKILL; ready again within ${Math.max(...run.recoverySeconds).toFixed(1)} s of each restart` };
}

async function diskFull(): Promise<FaultRun> {
  const run = await runDiskFull({ writers: 8, fullSeconds: 10, loadSeconds: 5, databaseTimeoutMs: 10_000 });
  const answers = Object.entries(run.answersWhileFull).map(([status, count]) => `${count}× ${status === 'null' ? 'no answer' : status}`).join(', ');
  return {
    name: 'disk-full',
    verdict: run.verdict,
    recoverySeconds: run.recoverySeconds,
    notes: `WAL disk full for 10 s: ${answers}; PostgreSQL ${run.serverStopped ? 'stopped and was started again' : 'kept running'}; ready ${run.recoverySeconds.toFixed(1)} s after room was freed`,
  };
}

const FAULTS = { 'postgres-crash': postgresCrash, 'api-kill': apiKill, 'projector-kill': projectorKill, 'held-transaction': heldTransaction, 'network-cut': networkCut, 'pglite-kill': pgliteKill, 'disk-full': diskFull };

async function main(): Promise<void> {
  const runs: FaultRun[] = [];
  // FAULTS=postgres-crash,api-kill runs only those.
  const chosen = process.env.FAULTS ? process.env.FAULTS.split(',') : Object.keys(FAULTS);
  for (const name of chosen) {
    const fault = FAULTS[name as keyof typeof FAULTS];
    if (!fault) throw new Error(`No fault ${name}: choose from ${Object.keys(FAULTS).join(', ')}.`);
    const run = await fault();
    runs.push(run);
    console.log(run.notes);
    for (const problem of [...run.verdict.lost, ...run.verdict.duplicated, ...run.verdict.unexpected, ...run.verdict.refused, ...run.verdict.problems].slice(0, 20)) console.log(`  ${problem}`);
    console.log(resultLine(run.name, run.verdict, run.recoverySeconds));
  }
  const sum = (pick: (verdict: Verdict) => number) => runs.reduce((total, run) => total + pick(run.verdict), 0);
  console.log(
    `RESULT faults all lost=${sum((v) => v.lost.length)} duplicated=${sum((v) => v.duplicated.length)} unexpected=${sum((v) => v.unexpected.length)} rebuild_equal=${runs.every((run) => run.verdict.rebuildEqual)} verify=${runs.every((run) => run.verdict.verified)}`,
  );
  if (!runs.every((run) => passed(run.verdict) && run.verdict.problems.length === 0)) process.exitCode = 1;
}

await main();
