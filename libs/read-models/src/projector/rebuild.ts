import { compareLogPositions, type Database, type LogPosition, type OrderedLog } from '@ledger/event-store';
import type { Projection } from './projection.js';
import { Projector, REPLAY_BATCH_SIZE, REPLAY_PAGE_SIZE } from './projector.js';
import { ReadModelGenerations } from './read-model-generations.js';

export interface RebuildProgress {
  events: number;
  eventsPerSecond: number;
  /** Seconds to the head of the log as it stood when the rebuild began; null until it can tell. */
  secondsLeft: number | null;
  position: LogPosition;
}

export interface RebuildResult {
  schema: string;
  previous: string;
  /** The generations before `previous`, dropped once the new one was swapped in. */
  dropped: string[];
  events: number;
  seconds: number;
}

/**
 * Replays the whole log into a fresh generation of read models while the active one keeps
 * serving — the projections that can fold in memory writing each row once, by COPY, the others
 * batch by batch, and the indexes beyond the tables' unique keys built once each table is filled,
 * then its statistics gathered (while the rows the in-memory projections held to the end are still
 * written into others) — then swaps it in with one UPDATE. Events appended meanwhile are projected
 * before the swap, so nothing is lost; the projectors of running APIs move to the new generation on
 * their own. The generation it replaced is kept; those replaced before it are dropped. In
 * production `log` is the sealed log: a rebuild reads only events the seal explains.
 */
export async function rebuildReadModels(
  log: OrderedLog,
  database: Database,
  projections: readonly Projection[],
  onProgress: (progress: RebuildProgress) => void = () => undefined,
): Promise<RebuildResult> {
  const generations = new ReadModelGenerations(database);
  const previous = await generations.active();
  const schema = await generations.create();
  const deferred = await generations.deferIndexes(schema);
  const projector = new Projector(log, database, schema, projections, { batchSize: REPLAY_BATCH_SIZE, replayPageSize: REPLAY_PAGE_SIZE });
  const target = await log.headPosition();
  const total = await log.countLogThrough(target);
  const started = Date.now();
  let reported = 0;
  const tables = await generations.tables(schema);
  let finishing: Promise<void> | undefined;
  let stillWritten: readonly string[] = tables;
  const events = await projector
    .replay(
      (done, position) => {
        if (done - reported < 10_000 && compareLogPositions(position, target) < 0) return;
        reported = done;
        const seconds = (Date.now() - started) / 1000;
        const eventsPerSecond = seconds > 0 ? done / seconds : 0;
        onProgress({ events: done, eventsPerSecond, secondsLeft: total !== null && eventsPerSecond > 0 ? Math.max(0, (total - done) / eventsPerSecond) : null, position });
      },
      // The tables complete are readied while the rows held to the end are written into the others.
      (stillWriting) => {
        finishing = generations.finish(schema, tables.filter((table) => !stillWriting.has(table)), deferred);
        finishing.catch(() => undefined); // awaited below, once the replay is done; failing before then is not an unhandled rejection
        stillWritten = tables.filter((table) => stillWriting.has(table));
      },
    )
    .catch(async (error: unknown) => {
      await finishing?.catch(() => undefined); // nothing left running on the generation when the failure is answered
      throw error;
    });
  await Promise.all([finishing, generations.finish(schema, stillWritten, deferred)]);
  await generations.activate(schema);
  const seconds = (Date.now() - started) / 1000;
  return { schema, previous, dropped: await generations.dropReplaced(previous), events, seconds };
}
