/**
 * The rebuild alone, where `bench:read` runs it once among other loads: on the ledger of
 * `bench:read` (about 200,000 events; prepared through the API the first time, kept with
 * `BENCH_SCHEMA=<name>` as there), a raw ordered read of the log, then `BENCH_RUNS` (default 3)
 * full rebuilds of the read models from the sealed log, every event checked against its leaf. Each
 * prints events/s, rebuild/raw, the CPU it cost this process and PostgreSQL, the resident
 * memory, and how long garbage collection paused this process. With `BENCH_ALLOCATIONS=1` it also
 * prints where the last rebuild allocated, by the site that allocated (V8's sampling heap
 * profiler, counting what garbage collection took too). The raw read and each rebuild start from a
 * checkpoint (`BENCH_CHECKPOINT=off`: not; bench/server-writes.ts). `BENCH_PROJECTIONS=<names>`
 * (comma separated, as `Projection.name`; `none` for the sealed log read and checked alone)
 * rebuilds only those read models — what each stage of the rebuild costs — and then puts the
 * whole generation it replaced back, so that the kept ledger stays whole for `bench:read`.
 * Last line: `RESULT rebuild_eps=<best> rebuild/raw=<best>`. Not a test.
 */
import { Session } from 'node:inspector/promises';
import { SqlEventStore } from '@ledger/event-store';
import { READ_MODEL_PROJECTIONS, ReadModelGenerations, rebuildReadModels, type Projection } from '@ledger/read-models';
import { SealedLog } from '@ledger/verifiable-log';
import { describeCollections, observeCollections } from './garbage-collection.js';
import { cpuCeiling, cpuTimes } from './process-cpu.js';
import { dropBenchSchema, openBenchLedger, rawReadThenSealed } from './read-ledger.js';
import { checkpointFirst, onDatabase } from './server-writes.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ALLOCATIONS = process.env.BENCH_ALLOCATIONS === '1';

/** The read models rebuilt: all, or those `BENCH_PROJECTIONS` names (`none`: no read model, the log read and checked alone). */
function projectionsRebuilt(): readonly Projection[] {
  const named = process.env.BENCH_PROJECTIONS?.split(',').map((name) => name.trim());
  if (named === undefined) return READ_MODEL_PROJECTIONS;
  const unknown = named.filter((name) => name !== 'none' && !READ_MODEL_PROJECTIONS.some((projection) => projection.name === name));
  if (unknown.length > 0) throw new Error(`BENCH_PROJECTIONS names no read model ${unknown.join(', ')}: ${READ_MODEL_PROJECTIONS.map(({ name }) => name).join(', ')} or none.`);
  return READ_MODEL_PROJECTIONS.filter((projection) => named.includes(projection.name));
}

/** A node of V8's sampling heap profile. */
interface AllocationNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}

/** The sites that allocated most, each named by its function, file and line, and by its caller. */
function describeAllocations(head: AllocationNode, top = 15): string {
  const bySite = new Map<string, number>();
  let total = 0;
  const nameOf = ({ callFrame }: AllocationNode) => `${callFrame.functionName || '(anonymous)'} ${callFrame.url.replace(/^.*\/dist\//, '')}:${callFrame.lineNumber + 1}`;
  const visit = (node: AllocationNode, caller: string) => {
    const site = `${nameOf(node)}  ← ${caller}`;
    total += node.selfSize;
    if (node.selfSize > 0) bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child, nameOf(node));
  };
  visit(head, '');
  const lines = [...bySite]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([site, bytes]) => `${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${Math.round(bytes / 1e6).toLocaleString('en-GB').padStart(6)} MB  ${site}`);
  return [`allocated by the last rebuild: ${Math.round(total / 1e6).toLocaleString('en-GB')} MB`, ...lines].join('\n');
}

async function main(): Promise<void> {
  const projections = projectionsRebuilt();
  const { database, schema, kept } = await openBenchLedger('bench_read');
  const store = new SqlEventStore(database);
  const partial = projections.length < READ_MODEL_PROJECTIONS.length;
  if (partial) console.log(`rebuilding only: ${projections.map(({ name }) => name).join(', ') || 'no read model (the sealed log read and checked)'}`);
  try {
    const rawEps = await rawReadThenSealed(database);
    let best = 0;
    for (let run = 1; run <= RUNS; run++) {
      const profiler = ALLOCATIONS && run === RUNS ? new Session() : undefined;
      if (profiler) {
        profiler.connect();
        await profiler.post('HeapProfiler.startSampling', { samplingInterval: 32_768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      }
      await checkpointFirst(onDatabase(database));
      const before = cpuTimes(process.pid);
      const collections = observeCollections();
      const rebuilt = await rebuildReadModels(new SealedLog(database, store), database, projections);
      const after = cpuTimes(process.pid);
      const pauses = await collections.stop();
      if (partial) {
        // The whole generation back in place, the partial one dropped.
        const generations = new ReadModelGenerations(database);
        await generations.activate(rebuilt.previous);
        await generations.dropReplaced(rebuilt.previous);
      }
      const eps = rebuilt.events / rebuilt.seconds;
      const cpuMsPerEvent = (after.bench - before.bench + after.postgres - before.postgres) / rebuilt.events;
      best = Math.max(best, eps);
      console.log(
        `rebuild ${run}/${RUNS} into ${rebuilt.schema}: ${Math.round(eps).toLocaleString('en-GB')} events/s (${rebuilt.seconds.toFixed(1)} s), rebuild/raw ${(eps / rawEps).toFixed(3)}; ` +
          `CPU: this process ${((after.bench - before.bench) / 1000).toFixed(1)} s, PostgreSQL ${((after.postgres - before.postgres) / 1000).toFixed(1)} s ` +
          `(at most ${Math.round(cpuCeiling(cpuMsPerEvent)).toLocaleString('en-GB')} events/s on this machine's cores); resident ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
      );
      console.log(`  ${describeCollections(pauses, rebuilt.seconds * 1000)}`);
      if (profiler) {
        const { profile } = (await profiler.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: AllocationNode } };
        profiler.disconnect();
        console.log(describeAllocations(profile.head));
      }
    }
    console.log(`RESULT rebuild_eps=${Math.round(best)} rebuild/raw=${(best / rawEps).toFixed(3)}`);
  } finally {
    if (!kept) await dropBenchSchema(database, schema);
    await database.close();
  }
}

await main();
