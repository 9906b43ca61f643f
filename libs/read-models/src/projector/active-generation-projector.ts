import { setTimeout as sleep } from 'node:timers/promises';
import type { Database, EventStore, LogPosition } from '@ledger/event-store';
import type { Projection } from './projection.js';
import { Projector, type ProjectionFailedError } from './projector.js';
import { ReadModelGenerations } from './read-model-generations.js';

const IDLE_DELAY_MS = 50;

/**
 * Keeps the active generation of read models up with the log, wherever it runs (inside the API
 * or as `apps/ledger-projector`): when a rebuild swaps another generation in, it moves to it.
 * It stops loudly on an event it cannot apply.
 */
export class ActiveGenerationProjector {
  private projector: Projector | undefined;
  private readonly generations: ReadModelGenerations;

  constructor(
    private readonly store: EventStore,
    private readonly database: Database,
    private readonly projections: readonly Projection[],
    private readonly onSwitch: (schema: string) => void = () => undefined,
  ) {
    this.generations = new ReadModelGenerations(database);
  }

  /** Follows the log until the signal aborts; rejects with `ProjectionFailedError` on a failure. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const projector = await this.current();
      if ((await projector.projectBatch()) > 0) continue;
      try {
        await sleep(IDLE_DELAY_MS, undefined, { signal });
      } catch {
        return;
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

  /** The projector of the active generation, made anew when a rebuild swapped another in. */
  private async current(): Promise<Projector> {
    const active = (await this.generations.activeName()) ?? (await this.generations.active());
    if (this.projector?.schema !== active) {
      if (this.projector) this.onSwitch(active);
      this.projector = new Projector(this.store, this.database, active, this.projections);
    }
    return this.projector;
  }
}
