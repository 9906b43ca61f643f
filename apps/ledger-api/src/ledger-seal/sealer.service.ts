import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DATABASE, EVENT_STORE, type Database, type EventStore } from '@ledger/event-store';
import { keepSealing, LedgerCheckpoints, Sealer } from '@ledger/verifiable-log';

/**
 * Seals the log inside the API process beside the projector (both run unless
 * LEDGER_RUN_PROJECTOR=false leaves them to apps/ledger-projector), and signs a checkpoint at least
 * every LEDGER_CHECKPOINT_INTERVAL seconds while the log grows. A failure stops it loudly.
 */
@Injectable()
export class SealerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Sealer');
  private readonly sealer: Sealer;
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;
  private readonly enabled: boolean;
  private readonly intervalMs: number;
  private failure: Error | undefined;

  constructor(
    @Inject(DATABASE) database: Database,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly checkpoints: LedgerCheckpoints,
    config: ConfigService,
  ) {
    this.sealer = new Sealer(database, store);
    this.enabled = config.get<boolean>('LEDGER_RUN_PROJECTOR') ?? true;
    this.intervalMs = (config.get<number>('LEDGER_CHECKPOINT_INTERVAL') ?? 60) * 1000;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.running = this.run().catch((error: unknown) => {
      this.failure = error as Error;
      this.logger.error(`The sealer stopped: ${(error as Error).message}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  /** What stopped the sealer, if anything did. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Seals what is committed now and signs a checkpoint over it (on demand). */
  async checkpointNow() {
    await this.sealer.sealCommitted();
    return this.checkpoints.issue();
  }

  private run(): Promise<void> {
    return keepSealing(this.sealer, this.checkpoints, this.intervalMs, this.stop.signal, (error, delayMs) =>
      this.logger.warn(`Sealing failed, trying again in ${delayMs} ms: ${(error as Error).message}`),
    );
  }
}
