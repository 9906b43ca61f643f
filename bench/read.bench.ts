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
 *     and `/v1/proposals/{id}`, each after 5 s of the same load unmeasured (as bench:site): req/s,
 *     p50/p99, and the CPU each request cost the API, PostgreSQL and the load generator, which
 *     share this machine's cores;
 *   - the API's resident memory.
 * Each measured run starts from a checkpoint (`BENCH_CHECKPOINT=off`: not; bench/server-writes.ts).
 * Last line: `RESULT rebuild_eps=<n> rebuild/raw=<r> sealed/unchecked=<r> authority_p99_ms=<n> ratifications_p99_ms=<n> proposal_p99_ms=<n>`.
 * Not a test. `BENCH_PROPOSALS` scales it down for a quick look; `BENCH_SCHEMA=<name>` keeps the
 * prepared ledger in that schema, so that the next run with the same name skips the set-up. For a
 * quick comparison of one read, `BENCH_LOADS` names the loads to run (`authority`, `register`,
 * `proposal`) and `BENCH_REBUILD=0` skips the rebuild on a kept ledger rebuilt before; the last line
 * then gives only what was measured.
 */
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { SqlEventStore, type Database } from '@ledger/event-store';
import { READ_MODEL_PROJECTIONS, rebuildReadModels } from '@ledger/read-models';
import { SealedLog } from '@ledger/verifiable-log';
import { stopApiProcess } from './api-process.js';
import { checkpointFirst, onDatabase } from './server-writes.js';
import {
  cannon,
  issueKey,
  progress,
  readPaths,
  residentMegabytes,
  sealedLogReadBack,
  startApi,
  warmUp,
  dropBenchSchema,
  openBenchLedger,
  rawReadThenSealed,
} from './read-ledger.js';

const READ_LOADS = ['authority', 'register', 'proposal'];
const LOADS = new Set((process.env.BENCH_LOADS ?? READ_LOADS.join(',')).split(',').map((name) => name.trim()));
const REBUILD = process.env.BENCH_REBUILD !== '0';

/** A raw ordered read of the whole log, then a full rebuild of every read model, from the store and from the sealed log: the RESULT line's figures. */
async function rebuildFigures(database: Database): Promise<string> {
  const rawEps = await rawReadThenSealed(database);
  const store = new SqlEventStore(database);
  const rebuildFrom = async (label: string, log: Parameters<typeof rebuildReadModels>[0]) => {
    await checkpointFirst(onDatabase(database));
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
  return `rebuild_eps=${Math.round(rebuildEps)} rebuild/raw=${(rebuildEps / rawEps).toFixed(3)} sealed/unchecked=${(rebuildEps / uncheckedEps).toFixed(3)}`;
}

async function main(): Promise<void> {
  const unknown = [...LOADS].filter((name) => !READ_LOADS.includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_LOADS names ${unknown.join(', ')}; the loads are ${READ_LOADS.join(', ')}.`);
  if (!REBUILD && !process.env.BENCH_SCHEMA) throw new Error('BENCH_REBUILD=0 needs a ledger kept (BENCH_SCHEMA) and rebuilt by an earlier run.');
  const { database, schema, kept, proposals } = await openBenchLedger('bench_read');
  let api: ChildProcess | undefined;
  try {
    const figures: string[] = REBUILD ? [await rebuildFigures(database)] : [];
    const apiStarted = performance.now();
    api = await startApi(schema);
    const audited = await sealedLogReadBack();
    console.log(`the API read the sealed log back at start (${audited.toLocaleString('en-GB')} events) in ${((performance.now() - apiStarted) / 1000).toFixed(1)} s; load begins once it has`);
    const clerk = await issueKey('bench-reader');

    const { authority: authorityCheck, register, proposal: proposalRead } = readPaths(proposals);
    // Each measured after 5 s of the same load unmeasured, as bench:site measures: the code on its path compiled, the pages it reads in memory.
    const measured = async (label: string, path: () => string) => {
      await checkpointFirst(onDatabase(database));
      await warmUp(path, clerk);
      return cannon(label, path, clerk, api!.pid!);
    };
    if (LOADS.has('authority')) figures.push(`authority_p99_ms=${(await measured('GET /v1/authority/check (random, past date)', authorityCheck)).p99.toFixed(1)}`);
    if (LOADS.has('register')) figures.push(`ratifications_p99_ms=${(await measured('GET /v1/ratifications?organisationId&from&to', register)).p99.toFixed(1)}`);
    if (LOADS.has('proposal')) figures.push(`proposal_p99_ms=${(await measured('GET /v1/proposals/{id}', proposalRead)).p99.toFixed(1)}`);
    console.log(`API resident memory ${(await residentMegabytes(api.pid!)).toFixed(0)} MB`);
    console.log(`RESULT ${figures.join(' ')}`);
  } finally {
    await stopApiProcess(api);
    if (!kept) await dropBenchSchema(database, schema);
    await database.close();
  }
}

await main();
