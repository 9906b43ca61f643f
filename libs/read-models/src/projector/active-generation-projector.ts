import { setTimeout as sleep } from 'node:timers/promises';
import { isPassingFailure, type Database, type DatabaseUnavailableError, type EventStoreUnavailableError, type LogPosition, type OrderedLog } from '@ledger/event-store';
import type { Projection } from './projection.js';
import { Projector, type ProjectionFailedError } from './projector.js';
import { ReadModelGenerations } from './read-model-generations.js';

/** The pause after a passing failure: doubled after each one in a row, up to the longest. */
const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 5_000;

/**
 * Keeps the active generation of read models up with the log, wherever it runs (inside the API
 * or as `apps/ledger-projector`): when a rebuild swaps another generation in, it moves to it, even
 * when a batch it was projecting failed because the generation was dropped under it.
 * It stops loudly on an event it cannot apply to the active generation.
 */
export class ActiveGenerationProjector {
  private projector: Projector | undefined;
  private away: { since: Date; error: EventStoreUnavailableError | DatabaseUnavailableError } | undefined;
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
   * While the event store or the database is away for a moment (a restart, a cut network), it
   * says so, waits a growing pause and follows again from its checkpoint: nothing is skipped and
   * nothing applied twice, since each batch moves the checkpoint in its own transaction.
   */
  async run(signal: AbortSignal, onUnavailable: (error: EventStoreUnavailableError | DatabaseUnavailableError, retryInMs: number) => void = () => undefined): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const projector = await this.current();
        failures = 0; // the database answered
        this.away = undefined;
        await projector.follow(signal, async () => (await this.activeSchema()) === projector.schema);
      } catch (error) {
        if (signal.aborted) throw error;
        if (!isPassingFailure(error)) {
          if (await this.replacedUnder()) continue;
          throw error;
        }
        const retryInMs = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** failures++);
        this.away ??= { since: new Date(), error };
        this.away.error = error;
        onUnavailable(error, retryInMs);
        await sleep(retryInMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /** Since when, and why, the projector cannot reach the log or the read models; undefined while it can. */
  get unavailable(): { since: Date; error: EventStoreUnavailableError | DatabaseUnavailableError } | undefined {
    return this.away;
  }

  /** Where the active generation stands in the log. */
  async position(): Promise<LogPosition> {
    return (await this.current()).position();
  }

  /** What stopped it, if anything did. */
  get failed(): ProjectionFailedError | undefined {
    return this.projector?.failed;
  }

  /**
   * Whether the generation it was projecting into is no longer the active one: a rebuild swapped
   * another in, and the next dropped it, while it projected a batch. What failed there does not
   * matter to the read models served; it follows the active one (where a batch that truly cannot
   * be applied fails again, and stops it).
   */
  private async replacedUnder(): Promise<boolean> {
    const failedIn = this.projector?.schema;
    return failedIn !== undefined && (await this.activeSchema().catch(() => failedIn)) !== failedIn;
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
