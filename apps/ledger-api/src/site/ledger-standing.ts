import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { LedgerCheckpoints } from '@ledger/verifiable-log';
import { FRESH_FOR_MS } from '../registers/names/read-in-the-last-second.js';
import { londonDayAndTime } from './plain-english.js';

/**
 * The line every page's footer carries: up to when the ledger has recorded, and how much of it the
 * latest signed checkpoint seals. Read at most once a second, however many pages are asked for.
 */
@Injectable()
export class LedgerStanding {
  private latest: { line: string; readAt: number } | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checkpoints: LedgerCheckpoints,
  ) {}

  async line(): Promise<string> {
    if (this.latest && Date.now() - this.latest.readAt < FRESH_FOR_MS) return this.latest.line;
    const [last, checkpoint] = await Promise.all([this.store.lastEvent(), this.checkpoints.latest()]);
    const recorded = last ? `Recorded up to ${londonDayAndTime(last.metadata.recordedAt)}` : 'Nothing recorded yet';
    const sealed = checkpoint
      ? `sealed in checkpoint ${checkpoint.treeSize.toLocaleString('en-GB')}, signed ${londonDayAndTime(checkpoint.issuedAt)}`
      : 'not yet sealed in a signed checkpoint';
    this.latest = { line: `${recorded}; ${sealed}.`, readAt: Date.now() };
    return this.latest.line;
  }
}
