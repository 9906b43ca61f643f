import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { compareLogPositions, DATABASE, EVENT_STORE, whatHoldsTheLog, type Database, type EventStore, type LogHold, type LogPosition } from '@ledger/event-store';
import { ProjectorService } from './projector.service.js';

/** How far the read models stand behind what is committed to the log, and why. */
export interface ReadModelsLag {
  /** Where the read models stand. */
  position: LogPosition;
  /** The last event committed to the log. */
  committed: LogPosition;
  /** How long the oldest committed event not yet in the read models has waited; 0 when they are current. */
  behindSeconds: number;
  /** The open transaction that keeps committed events from log readers, when one does. */
  heldBackBy: LogHold | null;
}

/**
 * Measures the read models' lag for `/health/ready` and `/metrics`: a projector that cannot keep
 * up, or a transaction left open anywhere in the PostgreSQL cluster (which holds every log reader
 * back until it ends), shows here rather than as a frozen position behind a green light.
 */
@Injectable()
export class ReadModelsLagMeter {
  /** Gauges of this process's ledger, merged into `/metrics`. */
  readonly registry = new Registry();

  constructor(
    private readonly projector: ProjectorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
  ) {
    // Measured once per scrape, for both gauges.
    let measuring: Promise<ReadModelsLag> | undefined;
    const measured = () => (measuring ??= this.measure().finally(() => setImmediate(() => (measuring = undefined))));
    new Gauge({
      name: 'ledger_read_models_behind_seconds',
      help: 'How long the oldest event committed to the log but not yet in the read models has waited (0: current).',
      registers: [this.registry],
      async collect() {
        this.set((await measured().catch(() => undefined))?.behindSeconds ?? Number.NaN);
      },
    });
    new Gauge({
      name: 'ledger_log_held_back_seconds',
      help: 'How long the open transaction that keeps committed events from log readers has been open (0: none).',
      registers: [this.registry],
      async collect() {
        this.set((await measured().catch(() => undefined))?.heldBackBy?.seconds ?? 0);
      },
    });
  }

  async measure(): Promise<ReadModelsLag> {
    const [position, committed] = await Promise.all([this.projector.position(), this.store.lastCommittedPosition()]);
    if (compareLogPositions(position, committed) >= 0) return { position, committed, behindSeconds: 0, heldBackBy: null };
    const [next] = await this.store.readLog({ after: position, limit: 1 });
    if (next) return { position, committed, behindSeconds: secondsSince(next.metadata.recordedAt), heldBackBy: null };
    // Committed, yet not readable: a transaction that began before it is still open.
    const heldBackBy = await whatHoldsTheLog(this.database);
    return { position, committed, behindSeconds: heldBackBy?.seconds ?? 0, heldBackBy };
  }
}

function secondsSince(instant: string): number {
  return Math.max(0, (Date.now() - Date.parse(instant)) / 1000);
}
