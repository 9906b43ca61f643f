import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { keepSealing, LedgerCheckpoints, SealedLog, Sealer } from '@ledger/verifiable-log';

/**
 * Seals the log inside the API process beside the projector (both run unless
 * LEDGER_RUN_PROJECTOR=false leaves them to apps/ledger-projector), signs a checkpoint at least
 * every LEDGER_CHECKPOINT_INTERVAL seconds while the log grows, and reads the whole sealed log
 * back against the store at start and every LEDGER_SEAL_AUDIT_INTERVAL seconds. Anything the
 * seal does not explain stops it loudly, and /health/ready says why.
 */
@Injectable()
export class SealerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Sealer');
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;
  private readonly enabled: boolean;
  private readonly intervalMs: number;
  private readonly auditIntervalMs: number;
  private failure: Error | undefined;
  private audit: { events: number; at: string } | undefined;
  private retrying: { since: string; message: string } | undefined;

  constructor(
    private readonly sealer: Sealer,
    private readonly log: SealedLog,
    private readonly checkpoints: LedgerCheckpoints,
    config: ConfigService,
  ) {
    this.enabled = config.get<boolean>('LEDGER_RUN_PROJECTOR') ?? true;
    this.intervalMs = (config.get<number>('LEDGER_CHECKPOINT_INTERVAL') ?? 60) * 1000;
    this.auditIntervalMs = (config.get<number>('LEDGER_SEAL_AUDIT_INTERVAL') ?? 3600) * 1000;
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

  /** Since when, and why, the sealer has been failing and trying again; undefined while it is not. */
  get failingSince(): { since: string; message: string } | undefined {
    return this.retrying;
  }

  /** The last time the whole sealed log was read back and found as sealed, and how many events it held. */
  get lastAudit(): { events: number; at: string } | undefined {
    return this.audit;
  }

  /** Why publishing the latest checkpoint failed, if it did. */
  get publicationFailure(): string | null {
    return this.checkpoints.publicationFailure;
  }

  /** Seals what is committed now and signs a checkpoint over it (on demand). */
  async checkpointNow() {
    await this.sealer.sealCommitted();
    await this.sealer.checkNothingAddedOrRemoved();
    return this.checkpoints.issue();
  }

  private run(): Promise<void> {
    return keepSealing(this.sealer, this.checkpoints, {
      intervalMs: this.intervalMs,
      auditIntervalMs: this.auditIntervalMs,
      log: this.log,
      signal: this.stop.signal,
      onRetry: (error, delayMs) => {
        this.retrying = { since: this.retrying?.since ?? new Date().toISOString(), message: (error as Error).message };
        this.logger.warn(`Sealing failed, trying again in ${delayMs} ms: ${(error as Error).message}`);
      },
      onRecovered: () => {
        this.logger.log(`Sealing again after failing since ${this.retrying?.since}`);
        this.retrying = undefined;
      },
      onAudited: (events) => {
        this.audit = { events, at: new Date().toISOString() };
        this.logger.log(`Read the whole sealed log back: the store holds the ${events} events sealed, as sealed`);
      },
    });
  }
}
