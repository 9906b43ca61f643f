import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DATABASE, type Database, type LogPosition } from '@ledger/event-store';
import { FoldedStreams } from '@ledger/facts';
import { ActiveGenerationProjector, READ_MODEL_PROJECTIONS } from '@ledger/read-models';
import { SealedLog } from '@ledger/verifiable-log';

/**
 * Runs the projector inside the API process (the default; `LEDGER_RUN_PROJECTOR=false` leaves it
 * to `apps/ledger-projector`), on the sealed log: only events the seal explains reach the read
 * models, those the process's sealer has just sealed passed on as it sealed them. A projection
 * failure, or an event the seal does not explain, stops it loudly, naming the event, and
 * `/health/ready` reports it; the database away for a moment (a restart, a cut network) is
 * retried with a growing pause and reported while it lasts. As it reads the log it keeps the process's folded
 * streams up with it, so that authority reads need not ask the store while it runs.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly projector: ActiveGenerationProjector;
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;
  private readonly enabled: boolean;
  private stopped: Error | undefined;
  private readonly log: ReturnType<FoldedStreams['following']>;

  constructor(sealedLog: SealedLog, folded: FoldedStreams, @Inject(DATABASE) database: Database, config: ConfigService) {
    this.log = folded.following(sealedLog.passingOnSealed());
    this.projector = new ActiveGenerationProjector(this.log, database, READ_MODEL_PROJECTIONS, (schema) =>
      this.logger.log(`Read models now kept in ${schema}`),
    );
    this.enabled = config.get<boolean>('LEDGER_RUN_PROJECTOR') ?? true;
    if (!this.enabled) this.log.stop();
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    const unavailable = (error: Error, retryInMs: number) => this.logger.warn(`${error.message} Following the log again in ${retryInMs} ms.`);
    this.running = this.projector.run(this.stop.signal, unavailable).catch((error: unknown) => {
      this.stopped = error as Error;
      this.log.stop(); // the streams kept are no longer kept up with the log
      this.logger.error(`The projector stopped: ${(error as Error).message}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
    this.log.stop();
  }

  /** Where the read models stand in the log. */
  position(): Promise<LogPosition> {
    return this.projector.position();
  }

  /** Since when, and why, the projector cannot reach the log or the database; undefined while it can. */
  get unavailable() {
    return this.projector.unavailable;
  }

  /** What stopped the projector, if anything did. */
  get failure(): Error | undefined {
    return this.projector.failed ?? this.stopped;
  }
}
