import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreUnavailableError, type Database, type LogPosition, type OrderedLog } from '@ledger/event-store';
import type { Projection } from './projection.js';
import { Projector, type ProjectionFailedError } from './projector.js';
import { ReadModelGenerations } from './read-model-generations.js';

const UNAVAILABLE_RETRY_MS = 1_000;

/**
 * Keeps the active generation of read models up with the log, wherever it runs (inside the API
 * or as `apps/ledger-projector`): when a rebuild swaps another generation in, it moves to it.
 * It stops loudly on an event it cannot apply.
 */
export class ActiveGenerationProjector {
  private projector: Projector | undefined;
  private readonly generations: ReadModelGenerations;

  constructor(
    private readonly log: OrderedLog,
    private readonly database: Database,
    private readonly projections: readonly Projection[],
    private readonly onSwitch: (schema: string) => void = () => undefined,
  ) {
    this.generations = new ReadModelGenerations(database);
  }

  /**
   * Follows the log until the signal aborts; rejects with `ProjectionFailedError` on a failure.
   * While the event store cannot be reached (EventStoreDB restarting), it waits and follows again.
   */
  async run(signal: AbortSignal, onUnavailable: (error: EventStoreUnavailableError) => void = () => undefined): Promise<void> {
    while (!signal.aborted) {
      const projector = await this.current();
      try {
        await projector.follow(signal, async () => (await this.activeSchema()) === projector.schema);
      } catch (error) {
        if (!(error instanceof EventStoreUnavailableError)) throw error;
        onUnavailable(error);
        await sleep(UNAVAILABLE_RETRY_MS, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /** Where the active generation stands in the log. */
  async position(): Promise<LogPosition> {
    return (await this.current()).position();
  }

  /** What stopped it, if anything did. */
  get failed(): ProjectionFailedError | undefined {
    return this.projector?.failed;
  }

  private async activeSchema(): Promise<string> {
    return (await this.generations.activeName()) ?? (await this.generations.active());
  }

  /** The projector of the active generation, made anew when a rebuild swapped another in. */
  private async current(): Promise<Projector> {
    const active = await this.activeSchema();
    if (this.projector?.schema !== active) {
      if (this.projector) this.onSwitch(active);
      this.projector = new Projector(this.log, this.database, active, this.projections);
    }
    return this.projector;
  }
}
