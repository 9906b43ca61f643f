import { setTimeout as sleep } from 'node:timers/promises';
import { assertSchemaName, compareLogPositions, isDatabaseAway, LOG_START, type Database, type LogPosition, type OrderedLog, type SqlSession, type StoredEvent } from '@ledger/event-store';
import { FoldedRows } from './folded-rows.js';
import type { Projection, ProjectionReplay } from './projection.js';

/** A projection's share of the write batch being gathered. */
interface Gathered {
  /** Its first event: what a failure to write the batch names. */
  first: StoredEvent | undefined;
  /** What it folded in memory. */
  folded: FoldedRows;
  /** Its events, for a projection that applies them (not in memory). */
  toApply: StoredEvent[];
}

const nothingGathered = (): Gathered => ({ first: undefined, folded: new FoldedRows(), toApply: [] });

/** A projection being replayed, and its share of the write batch being gathered. */
interface Replaying {
  projection: Projection;
  inMemory: ProjectionReplay | undefined;
  gathered: Gathered;
  /** The first event of the last batch it handled: what a failure to write the rows it held names. */
  lastFirst: StoredEvent | undefined;
}

/** The events of a batch a projection handles. */
function handledBy({ handles }: Projection, events: readonly StoredEvent[]): readonly StoredEvent[] {
  return handles === 'every event' ? events : events.filter((event) => handles.has(event.type));
}

/**
 * Events a write batch when a fresh generation is filled (a rebuild, a replay as known at a past
 * moment): on the 200,000-event ledger of `bench:read` 5,000 a batch rebuilt about 5% faster than
 * 2,000, and 10,000 (the stores' largest page) no faster than 5,000.
 */
export const REPLAY_BATCH_SIZE = 5_000;

/**
 * Events a page of the log is read in when a fresh generation is filled, each page folded as it
 * comes and its rows gathered into the write batch. The sealed log read and checked with nothing
 * written ran at 65,000–76,000 events a second in pages of 500 and at 48,000–56,000 in pages of
 * 1,000–5,000: with those, each young-generation garbage collection found about 15 MB alive and
 * copied it (35–65 ms a collection, against 3 ms and under 2 MB in pages of 500). The whole
 * rebuild, against pages of 5,000 (`bench:compare-rebuild`, medians of 4 rounds, three times):
 * 1.021, 1.006 and 1.056 the rate, 0.957, 0.969 and 0.916 the CPU.
 */
export const REPLAY_PAGE_SIZE = 500;

export interface ProjectorOptions {
  /** Events per transaction; defaults to 500. */
  batchSize?: number;
  /** Events a page of the log is read in by `replay`, which writes batches of `batchSize`; defaults to `batchSize`. */
  replayPageSize?: number;
  /** How long `projectThrough` waits before looking again when the log had nothing new; defaults to 50 ms. */
  idleDelayMs?: number;
  /** Only the events it accepts are replayed (a replay as the ledger stood at a past moment); all by default. */
  accepts?: (event: StoredEvent) => boolean;
}

/** The projector stopped on an event it could not apply; it names the event, and stays stopped. */
export class ProjectionFailedError extends Error {
  constructor(
    readonly position: LogPosition,
    readonly eventType: string,
    readonly projection: string,
    override readonly cause: unknown,
  ) {
    super(`Projection ${projection} failed on ${eventType} at log position ${position}: ${(cause as Error)?.message ?? cause}`);
    this.name = 'ProjectionFailedError';
  }
}

/**
 * Follows the log in order and, for each batch, updates every read model and the checkpoint in
 * one transaction: a crash at any point neither skips nor repeats an event. The checkpoint row is
 * locked and compared with where the batch was read from, so two projectors on one read-model
 * schema never apply a batch twice.
 */
export class Projector {
  private readonly batchSize: number;
  private readonly replayPageSize: number;
  private readonly idleDelayMs: number;
  private readonly accepts: ((event: StoredEvent) => boolean) | undefined;
  private failure: ProjectionFailedError | undefined;

  constructor(
    /** The log it follows: in production the sealed log, which passes on only events the seal explains. */
    private readonly log: OrderedLog,
    private readonly database: Database,
    /** The schema holding this generation of read models. */
    readonly schema: string,
    private readonly projections: readonly Projection[],
    options: ProjectorOptions = {},
  ) {
    assertSchemaName(schema);
    this.batchSize = options.batchSize ?? 500;
    this.replayPageSize = Math.min(options.replayPageSize ?? this.batchSize, this.batchSize);
    this.idleDelayMs = options.idleDelayMs ?? 50;
    this.accepts = options.accepts;
  }

  /** Where the read models stand in the log. */
  async position(): Promise<LogPosition> {
    const [row] = await this.database.query<{ position: LogPosition }>(`SELECT position FROM ${this.schema}.projection_checkpoint`);
    return row.position;
  }

  /** Why the projector stopped, if it did. */
  get failed(): ProjectionFailedError | undefined {
    return this.failure;
  }

  /** Projects the next batch; answers how many events it applied (0 when the read models are current). */
  async projectBatch(): Promise<number> {
    if (this.failure) throw this.failure;
    const after = await this.position();
    return this.applyBatch(after, await this.log.readLog({ after, limit: this.batchSize }));
  }

  /**
   * Follows the log from the checkpoint — by polling on the SQL stores, by a catch-up subscription
   * on EventStoreDB — applying each page as it comes, until the signal aborts, `stillCurrent`
   * answers no (a rebuild swapped another generation in), or another projector applied a page
   * first (the caller follows again from where that one left off).
   */
  async follow(signal: AbortSignal, stillCurrent: () => Promise<boolean> = async () => true): Promise<void> {
    if (this.failure) throw this.failure;
    const following = new AbortController();
    let after = await this.position();
    try {
      for await (const page of this.log.followLog({ after, limit: this.batchSize, signal: AbortSignal.any([signal, following.signal]), idleDelayMs: this.idleDelayMs })) {
        if (!(await stillCurrent())) return;
        if ((await this.applyBatch(after, page)) === 0) return;
        after = page[page.length - 1].position;
      }
    } finally {
      following.abort();
    }
  }

  /**
   * Projects until the read models include everything in the log now, reading each batch while
   * the one before is applied, so that reading the log and writing the read models overlap (what
   * a rebuild gains most from). Answers how many events it applied; `onBatch` hears of each batch.
   */
  async catchUp(onBatch: (applied: number, position: LogPosition) => void = () => undefined): Promise<number> {
    if (this.failure) throw this.failure;
    const read = (after: LogPosition) => this.readAhead(after);
    let after = await this.position();
    let next = read(after);
    let total = 0;
    for (;;) {
      const events = await next;
      if (events.length === 0) return total;
      const last = events[events.length - 1].position;
      next = read(last);
      const applied = await this.applyBatch(after, events);
      if (applied === 0) {
        after = await this.position(); // another projector applied this batch: go on from where it left off
        next = read(after);
        continue;
      }
      total += applied;
      after = last;
      onBatch(total, last);
    }
  }

  /**
   * Replays the whole log into this fresh generation, for a rebuild. A projection that can replay
   * in memory (`replayInMemory`) folds each page of the log as it is read and writes its rows once
   * each, by COPY, a batch of pages at a time; the others apply each batch as they project. Each
   * projection writes in transactions of its own, so that they run side by side (on PostgreSQL, on
   * connections of their own) while the next pages are read and folded. The checkpoint moves once,
   * at the end, to the last event replayed; a replay cut short leaves a generation whose checkpoint
   * never moved, which no rebuild swaps in. Answers how many events it replayed; `onBatch` hears of
   * each batch every projection has written; `onLogReplayed`, once the log is read and every batch
   * written, of the tables still to be written (those the in-memory projections held rows for) —
   * every other table is complete from then on.
   */
  async replay(onBatch: (replayed: number, position: LogPosition) => void = () => undefined, onLogReplayed: (stillWriting: ReadonlySet<string>) => void = () => undefined): Promise<number> {
    if (this.failure) throw this.failure;
    if ((await this.position()) !== LOG_START) throw new Error(`${this.schema} is not a fresh generation: its checkpoint has moved.`);
    const replaying: Replaying[] = this.projections.map((projection) => ({ projection, inMemory: projection.replayInMemory?.(), gathered: nothingGathered(), lastFirst: undefined }));
    const chains = replaying.map(() => Promise.resolve());
    const batchesDone: Promise<void>[] = [];
    let replayed = 0;
    let gathered = 0;
    let last = LOG_START;
    let next = this.readAhead(LOG_START, this.replayPageSize);
    for (;;) {
      const page = await next;
      if (page.length === 0 || this.failure) break;
      last = page[page.length - 1].position;
      next = this.readAhead(last, this.replayPageSize);
      const events = this.accepts ? page.filter(this.accepts) : page;
      if (events.length === 0) continue;
      replaying.forEach((replay, index) => {
        const failed = this.gather(replay, events);
        if (failed) chains[index] = failed;
      });
      replayed += events.length;
      gathered += events.length;
      if (gathered < this.batchSize) continue;
      gathered = 0;
      batchesDone.push(this.writeGathered(replaying, chains, onBatch, replayed, last));
      if (batchesDone.length > 2) await batchesDone.shift()!.catch(() => undefined); // at most three batches held in memory
    }
    if (gathered > 0) batchesDone.push(this.writeGathered(replaying, chains, onBatch, replayed, last));
    await Promise.all(chains);
    if (this.failure) throw this.failure;
    const held = replaying.map(({ projection, inMemory, lastFirst }) => ({ projection, lastFirst, tables: inMemory?.held() ?? [] }));
    onLogReplayed(new Set(held.flatMap(({ tables }) => tables.filter(({ rows }) => rows.length > 0).map(({ table }) => table))));
    await Promise.all(held.map(({ projection, lastFirst, tables }) => (lastFirst ? this.writeFolded(projection, lastFirst, new FoldedRows(tables)) : undefined)));
    if (this.failure) throw this.failure;
    await this.database.query(`UPDATE ${this.schema}.projection_checkpoint SET position = $1, events = $2, updated_at = now()`, [last, replayed]);
    return replayed;
  }

  /**
   * A projection's share of a page, gathered into its share of the write batch: folded now when it
   * replays in memory, else kept to be applied. Answers the failure when it could not fold it.
   */
  private gather(replay: Replaying, events: readonly StoredEvent[]): Promise<never> | undefined {
    const handled = handledBy(replay.projection, events);
    if (handled.length === 0) return undefined;
    const { gathered } = replay;
    gathered.first ??= handled[0];
    if (!replay.inMemory) {
      gathered.toApply.push(...handled);
      return undefined;
    }
    try {
      gathered.folded.add(replay.inMemory.fold(handled));
      return undefined;
    } catch (error) {
      const failed = Promise.reject(this.stopOn(replay.projection, handled, error));
      failed.catch(() => undefined); // surfaces once the log is read
      return failed;
    }
  }

  /** Every projection's share of the batch gathered, each queued behind its share of the batches before; answers when all are written, told to `onBatch`. */
  private writeGathered(replaying: Replaying[], chains: Promise<void>[], onBatch: (replayed: number, position: LogPosition) => void, replayed: number, position: LogPosition): Promise<void> {
    replaying.forEach((replay, index) => {
      const { projection, inMemory, gathered } = replay;
      const { first, folded, toApply } = gathered;
      replay.gathered = nothingGathered();
      if (first === undefined) return;
      replay.lastFirst = first;
      chains[index] = chains[index].then(() => (inMemory ? this.writeFolded(projection, first, folded) : this.applyProjection(projection, toApply)));
    });
    const done = Promise.all(chains).then(() => onBatch(replayed, position));
    done.catch(() => undefined); // the failure surfaces in replay, once
    return done;
  }

  /** A page of the log after `after`, read now and awaited later. */
  private readAhead(after: LogPosition, limit = this.batchSize): Promise<StoredEvent[]> {
    const page = this.log.readLog({ after, limit });
    page.catch(() => undefined); // awaited later; failing before then is not an unhandled rejection
    return page;
  }

  /** One projection's share of a batch, in a transaction of its own (replay only). */
  private async applyProjection(projection: Projection, events: readonly StoredEvent[]): Promise<void> {
    await this.inGeneration(async (session) => {
      try {
        await projection.apply(events, session);
      } catch (error) {
        throw this.stopOn(projection, events, error);
      }
    });
  }

  /**
   * Rows a projection folded in memory, written into this generation (replay only), each table in a
   * transaction of its own, side by side. New rows are copied in; rows that restate rows already
   * written are written over them, every one of which must be found. A failure names the first
   * event of the batch they came from.
   */
  private async writeFolded(projection: Projection, first: StoredEvent, folded: FoldedRows): Promise<void> {
    try {
      await Promise.all(folded.tables.map((table) => this.inGeneration((session) => folded.write(session, table))));
    } catch (error) {
      throw this.stopOn(projection, [first], error);
    }
  }

  /** `work` in a transaction with this generation's schema first on the search path. */
  private inGeneration<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.database.transaction(async (session) => {
      await session.query(`SET LOCAL search_path TO ${this.schema}, ${this.database.schema}`);
      return work(session);
    });
  }

  /** Applies a batch read after `after` in one transaction, unless another projector applied it first (then 0). */
  private async applyBatch(after: LogPosition, events: readonly StoredEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    return this.inGeneration(async (session) => {
      const [checkpoint] = await session.query<{ position: LogPosition }>('SELECT position FROM projection_checkpoint FOR UPDATE');
      if (checkpoint.position !== after) return 0; // another projector applied this batch meanwhile
      for (const projection of this.projections) {
        const handled = handledBy(projection, events);
        if (handled.length === 0) continue;
        try {
          await projection.apply(handled, session);
        } catch (error) {
          throw this.stopOn(projection, handled, error);
        }
      }
      await session.query('UPDATE projection_checkpoint SET position = $1, events = events + $2, updated_at = now()', [
        events[events.length - 1].position,
        events.length,
      ]);
      return events.length;
    });
  }

  /**
   * Projects until the read models include `position` (an append's answer). Unlike `catchUp`, it
   * waits out transactions still open elsewhere that hold back what the log lets readers see.
   */
  async projectThrough(position: LogPosition, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (compareLogPositions(await this.position(), position) < 0) {
      if ((await this.projectBatch()) > 0) continue;
      if (Date.now() > deadline) throw new Error(`The read models did not reach ${position} within ${timeoutMs} ms.`);
      await sleep(this.idleDelayMs);
    }
  }

  /** Stops the projector on an event it cannot apply; a database away for a moment is no fault of the event, and is passed on to be retried. */
  private stopOn(projection: Projection, events: readonly StoredEvent[], error: unknown): unknown {
    if (isDatabaseAway(error)) return error;
    const position = (error as { position?: LogPosition }).position;
    const event = events.find((candidate) => candidate.position === position) ?? events[0];
    this.failure = new ProjectionFailedError(event.position, event.type, projection.name, error);
    return this.failure;
  }
}
