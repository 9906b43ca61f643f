import { setTimeout as sleep } from 'node:timers/promises';
import { assertSchemaName, compareLogPositions, type Database, type EventStore, type LogPosition, type StoredEvent } from '@ledger/event-store';
import type { Projection } from './projection.js';

export interface ProjectorOptions {
  /** Events per transaction; defaults to 500. */
  batchSize?: number;
  /** How long `projectThrough` waits before looking again when the log had nothing new; defaults to 50 ms. */
  idleDelayMs?: number;
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
  private readonly idleDelayMs: number;
  private failure: ProjectionFailedError | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly database: Database,
    /** The schema holding this generation of read models. */
    readonly schema: string,
    private readonly projections: readonly Projection[],
    options: ProjectorOptions = {},
  ) {
    assertSchemaName(schema);
    this.batchSize = options.batchSize ?? 500;
    this.idleDelayMs = options.idleDelayMs ?? 50;
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
    return this.applyBatch(after, await this.store.readLog({ after, limit: this.batchSize }));
  }

  /**
   * Projects until the read models include everything in the log now, reading each batch while
   * the one before is applied, so that reading the log and writing the read models overlap (what
   * a rebuild gains most from). Answers how many events it applied; `onBatch` hears of each batch.
   */
  async catchUp(onBatch: (applied: number, position: LogPosition) => void = () => undefined): Promise<number> {
    if (this.failure) throw this.failure;
    const read = (after: LogPosition) => {
      const page = this.store.readLog({ after, limit: this.batchSize });
      page.catch(() => undefined); // awaited below; failing before then is not an unhandled rejection
      return page;
    };
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

  /** Applies a batch read after `after` in one transaction, unless another projector applied it first (then 0). */
  private async applyBatch(after: LogPosition, events: readonly StoredEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    return this.database.transaction(async (session) => {
      await session.query(`SET LOCAL search_path TO ${this.schema}, ${this.database.schema}`);
      const [checkpoint] = await session.query<{ position: LogPosition }>('SELECT position FROM projection_checkpoint FOR UPDATE');
      if (checkpoint.position !== after) return 0; // another projector applied this batch meanwhile
      for (const projection of this.projections) {
        const { handles } = projection;
        const handled = handles === 'every event' ? events : events.filter((event) => handles.has(event.type));
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

  private stopOn(projection: Projection, events: readonly StoredEvent[], error: unknown): ProjectionFailedError {
    const position = (error as { position?: LogPosition }).position;
    const event = events.find((candidate) => candidate.position === position) ?? events[0];
    this.failure = new ProjectionFailedError(event.position, event.type, projection.name, error);
    return this.failure;
  }
}
