import type { SqlSession, StoredEvent } from '@ledger/event-store';

/**
 * A read model as a fold over rows: the event types it handles, and how a batch of them changes
 * its tables. It runs inside the projector's transaction, with the read-model schema first on
 * the search path, and must not commit, sleep or read the clock.
 */
export interface Projection {
  readonly name: string;
  readonly handles: ReadonlySet<string> | 'every event';
  /**
   * The indexes (beyond the tables' unique keys) its own reads of rows go through while it
   * projects. A rebuild builds every other index once the replay is done.
   */
  readonly readsThrough?: readonly string[];
  apply(events: readonly StoredEvent[], session: SqlSession): Promise<void>;
}
