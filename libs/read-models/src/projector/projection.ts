import type { SqlSession, StoredEvent } from '@ledger/event-store';
import type { TableRows } from './copy-rows.js';

/**
 * A read model as a fold over rows: the event types it handles, and how a batch of them changes
 * its tables. It runs inside the projector's transaction, with the read-model schema first on
 * the search path, and must not commit, sleep or read the clock.
 */
export interface Projection {
  readonly name: string;
  readonly handles: ReadonlySet<string> | 'every event';
  apply(events: readonly StoredEvent[], session: SqlSession): Promise<void>;
  /**
   * The same fold for a rebuild into a fresh generation, held in memory: its rows are written once
   * each, by COPY, instead of read back and written again batch by batch. A projection without it
   * is replayed through `apply`, on tables that hold only their unique keys until the replay is
   * done: it may read rows back by those keys only (the organisations', bodies' and posts' do).
   */
  replayInMemory?(): ProjectionReplay;
}

/** A projection replaying the whole log in memory (`Projection.replayInMemory`). */
export interface ProjectionReplay {
  /** Folds a batch of the events the projection handles; answers the rows it can write now (one per event, say). */
  fold(events: readonly StoredEvent[]): TableRows[];
  /**
   * Once the log is replayed: the rows it held (one per proposal, folded over all its events), and
   * rows restating some it wrote as it folded (`TableRows.restates`), written over those.
   */
  held(): TableRows[];
}
