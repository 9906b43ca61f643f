import { recordEventStoreMove, type Database, type EventStore, type LogPosition } from '@ledger/event-store';
import { READ_MODEL_PROJECTIONS, rebuildReadModels, type RebuildProgress, type RebuildResult } from '@ledger/read-models';
import { relocateSeal, SealedLog } from '@ledger/verifiable-log';

export interface EventStoreSwitch {
  /** Sealed leaves found in the new store. */
  leaves: number;
  /** Where sealing goes on from in the new store. */
  sealedThrough: LogPosition;
  readModels: RebuildResult;
}

/** The database's log has events the new store lacks (the ledger was not stopped); nothing was switched. */
export class UncopiedEventsError extends Error {
  constructor(streamId: string, streamVersion: number) {
    super(
      `The ledger recorded events after the copy: its last event, ${streamId} version ${streamVersion}, is not in the new store. ` +
        'Nothing was switched: stop the API and the projector, then run the same command again (it copies the rest, then switches).',
    );
    this.name = 'UncopiedEventsError';
  }
}

/**
 * The events, the seal and the record of which store holds them moved, but the read models could
 * not be rebuilt from the new store: they still stand at positions of the old one.
 */
export class ReadModelsNotRebuiltError extends Error {
  constructor(
    readonly switched: Omit<EventStoreSwitch, 'readModels'>,
    cause: unknown,
  ) {
    super(`rebuilding the read models from the new store failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ReadModelsNotRebuiltError';
  }
}

/**
 * Moves a ledger whose events were copied and verified into `store` (by `ledger migrate-events`)
 * onto it, leaving its database — read models, API keys, idempotency records, the sealed log —
 * where it is. Run with the API and the projector stopped:
 *
 * 1. In one transaction: every sealed leaf is matched to its event in the new store and the seal
 *    goes on from there (`relocateSeal`), and the database records that its events are in
 *    EventStoreDB, so that it is never again opened on its own `ledger_events`. If the database's
 *    log has grown since the copy, nothing of this happens.
 * 2. The read models are rebuilt from the new store and swapped in, since their checkpoints hold
 *    positions of the old one. A failure here leaves the switch made: `ReadModelsNotRebuiltError`.
 *
 * `store` is any event store holding the copy (EventStoreDB in earnest; the tests use a second SQL store).
 */
export async function switchToEventStoreDb(database: Database, store: EventStore, onProgress?: (progress: RebuildProgress) => void): Promise<EventStoreSwitch> {
  const sealed = await relocateSeal(database, store, async (session) => {
    // Appends to the old log wait from here until the switch commits, so none can slip in after this check.
    await session.query('LOCK TABLE ledger_events IN SHARE MODE');
    const [last] = await session.query<{ stream_id: string; stream_version: number; event_id: string }>(
      'SELECT stream_id, stream_version, event_id::text AS event_id FROM ledger_events ORDER BY transaction_id DESC, position DESC LIMIT 1',
    );
    if (last) {
      // The copy goes in log order, keeping ids and stream versions: the log's last event there means all of it is there.
      const [there] = await store.readStream(last.stream_id, { fromVersion: Number(last.stream_version), maxCount: 1 });
      if (there?.eventId !== last.event_id) throw new UncopiedEventsError(last.stream_id, Number(last.stream_version));
    }
    await recordEventStoreMove(session, 'eventstoredb');
  });
  const switched = { leaves: sealed.leaves, sealedThrough: sealed.logPosition };
  try {
    return { ...switched, readModels: await rebuildReadModels(SealedLog.sealing(database, store), database, READ_MODEL_PROJECTIONS, onProgress) };
  } catch (error) {
    throw new ReadModelsNotRebuiltError(switched, error);
  }
}
