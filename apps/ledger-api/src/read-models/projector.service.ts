import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DATABASE, EVENT_STORE, type Database, type EventStore, type LogPosition } from '@ledger/event-store';
import { Projector, READ_MODEL_PROJECTIONS } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from './read-models.js';

/**
 * Runs the projector inside the API process (the default; `LEDGER_RUN_PROJECTOR=false` leaves it
 * to `apps/ledger-projector`). A projection failure stops it loudly, naming the event, and
 * `/health/ready` reports it.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private projector: Projector;
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;
  private readonly enabled: boolean;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    config: ConfigService,
  ) {
    this.projector = new Projector(store, database, readModels.schema, READ_MODEL_PROJECTIONS);
    this.enabled = config.get<boolean>('LEDGER_RUN_PROJECTOR') ?? true;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.running = this.follow().catch((error: unknown) => {
      this.logger.error(`The projector stopped: ${(error as Error).message}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  /** Projects into the active generation; after a rebuild swaps another in, moves to it. */
  private async follow(): Promise<void> {
    while (!this.stop.signal.aborted) {
      const active = await this.readModels.follow();
      if (active !== this.projector.schema) {
        this.logger.log(`Read models now served from ${active}`);
        this.projector = new Projector(this.store, this.database, active, READ_MODEL_PROJECTIONS);
      }
      if ((await this.projector.projectBatch()) > 0) continue;
      try {
        await sleep(50, undefined, { signal: this.stop.signal });
      } catch {
        return;
      }
    }
  }

  /** Where the read models stand in the log. */
  position(): Promise<LogPosition> {
    return this.projector.position();
  }

  /** What stopped the projector, if anything did. */
  get failure(): Error | undefined {
    return this.projector.failed;
  }
}
