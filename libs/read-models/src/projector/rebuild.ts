import { compareLogPositions, type Database, type LogPosition, type OrderedLog } from '@ledger/event-store';
import type { Projection } from './projection.js';
import { Projector, REPLAY_BATCH_SIZE } from './projector.js';
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
  events: number;
  seconds: number;
}

/**
 * Replays the whole log into a fresh generation of read models while the active one keeps
 * serving — the projections that can fold in memory writing each row once, by COPY, the others
 * batch by batch with only the indexes they read through, every other index built once it is
 * filled — gathers its tables' statistics, then swaps it in with one UPDATE. Events appended
 * meanwhile are projected before the swap, so nothing is lost; the projectors of running APIs move
 * to the new generation on their own. In production `log` is the sealed log: a rebuild reads only
 * events the seal explains.
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
  // Only a projection replayed through `apply` reads its rows back while it replays: only its indexes are needed during the fill.
  const readingBack = projections.filter((projection) => projection.replayInMemory === undefined).flatMap((projection) => projection.readsThrough ?? []);
  const deferred = await generations.deferIndexes(
    schema,
    projections.flatMap((projection) => projection.readsThrough ?? []),
    readingBack,
  );
  const projector = new Projector(log, database, schema, projections, { batchSize: REPLAY_BATCH_SIZE });
  const target = await log.headPosition();
  const total = await log.countLogThrough(target);
  const started = Date.now();
  let reported = 0;
  const statistics = new PlannerStatistics(generations, schema, readingBack.length > 0);
  const events = await projector.replay((done, position) => {
    statistics.grownTo(done);
    if (done - reported < 10_000 && compareLogPositions(position, target) < 0) return;
    reported = done;
    const seconds = (Date.now() - started) / 1000;
    const eventsPerSecond = seconds > 0 ? done / seconds : 0;
    onProgress({ events: done, eventsPerSecond, secondsLeft: total !== null && eventsPerSecond > 0 ? Math.max(0, (total - done) / eventsPerSecond) : null, position });
  });
  await statistics.settled();
  await generations.buildIndexes(deferred);
  await generations.analyse(schema);
  await generations.activate(schema);
  return { schema, previous, events, seconds: (Date.now() - started) / 1000 };
}

/**
 * Keeps the planner's statistics of a generation being filled roughly current, while any projection
 * reads its rows back through an index as it replays: its tables are analysed once it has taken
 * 10,000 events, then each time it has doubled. A table never analysed has none, so such a read of
 * the rows a batch touches (`proposal_id = ANY($1)` over 200 ids) was planned as a scan of the
 * whole table — each batch slower than the last. Projections replayed in memory read nothing back.
 */
class PlannerStatistics {
  private next = 10_000;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly generations: ReadModelGenerations,
    private readonly schema: string,
    private readonly needed: boolean,
  ) {}

  grownTo(events: number): void {
    if (!this.needed || events < this.next) return;
    while (this.next <= events) this.next *= 2;
    this.running = this.running.then(() => this.generations.analyse(this.schema));
    this.running.catch(() => undefined); // a failure surfaces once, from `settled`
  }

  settled(): Promise<void> {
    return this.running;
  }
}
