import { randomUUID } from 'node:crypto';
import { migrate, SqlEventStore, type Database, type EventStore, type NewEvent, type OrderedLog } from '@ledger/event-store';
import { FoldedStreams, type StreamToLoad } from '@ledger/facts';
import { describeOnEveryDatabase } from '../../../test/postgres.js';

/** A stream folded to the list of its event types, so that what was folded can be seen. */
const typesOf = (streamId: string): StreamToLoad<string[]> => ({
  streamId,
  decider: { initialState: [], evolve: (state, event) => [...state, event.type], codec: { decode: ({ type, data }) => ({ type, data }), schemaVersionOf: () => 1 } },
});
const event = (type: string): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data: {}, metadata: { actor: 'clerk:wiltshire' } });

describeOnEveryDatabase('the folded streams a process keeps', (open) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let store: EventStore;
  let asked: number;
  let folded: FoldedStreams;

  beforeEach(async () => {
    ({ database, dispose } = await open());
    await migrate(database);
    store = new SqlEventStore(database);
    asked = 0;
    folded = new FoldedStreams({ readStreams: (requests) => ((asked += 1), store.readStreams(requests)) });
    await store.append('scheme-wiltshire-council', [event('DelegationGranted')], { expectedVersion: 'no-stream' });
  });
  afterEach(async () => dispose());

  it('reads only what was appended since, in one round trip, and is never stale to a command', async () => {
    expect((await folded.load('scheme-wiltshire-council', typesOf('scheme-wiltshire-council').decider)).state).toEqual(['DelegationGranted']);
    await store.append('scheme-wiltshire-council', [event('DelegationVaried')], { expectedVersion: 1 });
    const [scheme, organisation] = await folded.loadAll([typesOf('scheme-wiltshire-council'), typesOf('organisation-wiltshire-council')] as const);
    expect({ scheme: scheme.state, version: scheme.version, organisation: organisation.version }).toEqual({ scheme: ['DelegationGranted', 'DelegationVaried'], version: 2, organisation: 0 });
    expect(asked).toBe(2);
  });

  it('answers reads from what it keeps while the log is followed, as fresh as the log read so far, and asks the store again once it is not', async () => {
    const log = folded.following(store);
    await folded.followed.loadAll([typesOf('scheme-wiltshire-council')] as const);
    expect(asked).toBe(1);
    const [{ position: after }] = await store.readLog({ limit: 1 });
    await store.append('scheme-wiltshire-council', [event('DelegationVaried')], { expectedVersion: 1 });

    const [before] = await folded.followed.loadAll([typesOf('scheme-wiltshire-council')] as const);
    expect({ state: before.state, asked }).toEqual({ state: ['DelegationGranted'], asked: 1 }); // what the log read so far says

    await log.readLog({ after }); // the projector reads the variation
    const [followed] = await folded.followed.loadAll([typesOf('scheme-wiltshire-council')] as const);
    expect({ state: followed.state, version: followed.version, asked }).toEqual({ state: ['DelegationGranted', 'DelegationVaried'], version: 2, asked: 1 });

    log.stop();
    await store.append('scheme-wiltshire-council', [event('DelegationRevoked')], { expectedVersion: 2 });
    const [fresh] = await folded.followed.loadAll([typesOf('scheme-wiltshire-council')] as const);
    expect({ state: fresh.state, asked }).toEqual({ state: ['DelegationGranted', 'DelegationVaried', 'DelegationRevoked'], asked: 2 });
  });

  it('forgets a stream whose next version the log skipped, and reads it whole again', async () => {
    // The log's order may put a stream's later version first (a transaction that took its id earlier commits later).
    const skipping: OrderedLog = {
      readLog: async (options) => (await store.readLog(options)).filter((stored) => stored.streamVersion !== 2),
      followLog: (options) => store.followLog(options),
      headPosition: () => store.headPosition(),
      countLogThrough: (position) => store.countLogThrough(position),
    };
    const log = folded.following(skipping);
    await folded.followed.loadAll([typesOf('scheme-wiltshire-council')] as const);
    await store.append('scheme-wiltshire-council', [event('DelegationVaried'), event('DelegationSuspended')], { expectedVersion: 1 });
    expect((await log.readLog({ limit: 10 })).map((stored) => stored.streamVersion)).toEqual([1, 3]);
    const [scheme] = await folded.followed.loadAll([typesOf('scheme-wiltshire-council')] as const);
    expect({ state: scheme.state, asked }).toEqual({ state: ['DelegationGranted', 'DelegationVaried', 'DelegationSuspended'], asked: 2 });
    log.stop();
  });
});
