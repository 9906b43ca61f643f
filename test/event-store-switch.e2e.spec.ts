import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseInstant } from '@ledger/governance';
import { copyLog, EventStoreKindMismatchError, migrate, openEventStore, PgliteDatabase, SqlEventStore, type Database, type NewEvent, type StoredEvent } from '@ledger/event-store';
import { READ_MODEL_PROJECTIONS, rebuildReadModels } from '@ledger/read-models';
import { LedgerCheckpoints, Sealer } from '@ledger/verifiable-log';
import { ReadModelsNotRebuiltError, switchToEventStoreDb, UncopiedEventsError } from '../apps/ledger-cli/src/commands/switch-event-store.js';
import { describeWithPostgres, openTestSchema } from './postgres.js';

const event = (type: string, data: unknown): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data, metadata: { actor: 'clerk:wiltshire' } });
const day = (date: string) => parseInstant(date)!;

async function wholeLog(store: SqlEventStore): Promise<StoredEvent[]> {
  return store.readLog({ limit: 1_000 });
}

/**
 * Seals until the sealed log holds `leaves`: on a shared server a transaction open elsewhere holds
 * events just committed back from log readers (the commit-safe order) for a moment.
 */
async function sealThrough(database: Database, store: SqlEventStore, leaves: number): Promise<void> {
  const sealer = new Sealer(database, store);
  for (const deadline = Date.now() + 10_000; (await sealer.head()).nextLeaf < leaves; await sleep(20)) {
    if (Date.now() > deadline) throw new Error(`the sealer did not reach ${leaves} leaves`);
    await sealer.catchUp();
  }
}

/**
 * `ledger migrate-events --switch` without an EventStoreDB server: a ledger on PostgreSQL, sealed,
 * checkpointed and projected, is moved onto a second SQL store holding a verified copy of its log
 * (what EventStoreDB holds in earnest; the switch works over the event store port alone).
 */
describeWithPostgres('switching a ledger onto the store its events were copied to', (url) => {
  let ledger: Awaited<ReturnType<typeof openTestSchema>>;
  let first: SqlEventStore;
  let copy: PgliteDatabase;
  let second: SqlEventStore;
  let checkpoints: LedgerCheckpoints;

  beforeEach(async () => {
    ledger = await openTestSchema(url);
    const { database } = ledger;
    await migrate(database);
    await database.query("SELECT nextval('ledger_event_position') FROM generate_series(1, 7)"); // so that no position recurs in the copy
    first = new SqlEventStore(database);
    await first.append(
      'organisation-wiltshire-council',
      [event('OrganisationRegistered', { organisationId: 'wiltshire-council', name: 'Wiltshire Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: day('2009-04-01') })],
      { expectedVersion: 'no-stream' },
    );
    await first.append(
      'body-wiltshire-cabinet',
      [event('BodyEstablished', { bodyId: 'wiltshire-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wiltshire-council', memberOrganisationIds: [], establishedOn: day('2009-04-01'), termsOfReference: 'Part 3 of the Constitution' })],
      { expectedVersion: 'no-stream' },
    );
    await first.append('organisation-wiltshire-council', [event('GoverningBodyDesignated', { organisationId: 'wiltshire-council', bodyId: 'wiltshire-cabinet', from: day('2009-04-01') })], { expectedVersion: 1 });
    await first.append('post-wiltshire-director-of-adult-services', [event('PostCreated', { postId: 'wiltshire-director-of-adult-services', title: 'Director of Adult Social Services', organisationId: 'wiltshire-council' })], {
      expectedVersion: 'no-stream',
    });
    await sealThrough(database, first, 4);
    checkpoints = await LedgerCheckpoints.open(database, { name: 'decision-ledger.test/wiltshire' });
    await checkpoints.issue(); // 4 leaves
    await rebuildReadModels(first, database, READ_MODEL_PROJECTIONS); // the read models the ledger served from, at positions of the first store

    copy = await PgliteDatabase.open();
    await migrate(copy);
    second = new SqlEventStore(copy);
    await copyLog(first, second);
  });
  afterEach(async () => {
    await copy.close();
    await ledger.dispose();
  });

  const activeReadModels = async () => {
    const [{ schema_name }] = await ledger.database.query<{ schema_name: string }>('SELECT schema_name FROM ledger_read_model_generations WHERE active');
    return schema_name;
  };
  const recordedKind = async () => ledger.database.query<{ kind: string }>('SELECT kind FROM ledger_event_store');

  it('records that the events are in EventStoreDB, seals on from the new store, and rebuilds the read models from it; the ledger no longer opens on its own events', async () => {
    const before = await wholeLog(first);
    const after = await wholeLog(second);
    expect(after.map((stored) => stored.eventId)).toEqual(before.map((stored) => stored.eventId));
    const previous = await activeReadModels();

    const switched = await switchToEventStoreDb(ledger.database, second);
    expect(switched).toMatchObject({ leaves: 4, sealedThrough: after[3].position, readModels: { previous, events: 4 } });
    expect(await recordedKind()).toEqual([{ kind: 'eventstoredb' }]);

    // The read models now stand at positions of the new store.
    expect(await activeReadModels()).toBe(switched.readModels.schema);
    const schema = switched.readModels.schema;
    expect(await ledger.database.query(`SELECT position, events::int AS events FROM ${schema}.projection_checkpoint`)).toEqual([{ position: after[3].position, events: 4 }]);
    expect(await ledger.database.query(`SELECT organisation_id, position FROM ${schema}.organisations`)).toEqual([{ organisation_id: 'wiltshire-council', position: after[0].position }]);
    expect(after[3].position).not.toBe(before[3].position);

    // The sealer goes on from the new store, and the next checkpoint extends the one signed before the switch.
    await second.append('post-wiltshire-director-of-adult-services', [event('PostHolderRecorded', { postId: 'wiltshire-director-of-adult-services', personName: 'Emma Legg', startDate: day('2021-09-01'), endDate: null })], {
      expectedVersion: 1,
    });
    expect(await new Sealer(ledger.database, second).catchUp()).toBe(1);
    expect((await checkpoints.issue())?.treeSize).toBe(5);

    // Opened as before, on its own ledger_events, the ledger refuses.
    const refusal = await openEventStore({ dataDir: '', migrateOnStart: false }, ledger.database).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(EventStoreKindMismatchError);
    expect((refusal as Error).message).toMatch(/^This ledger's events are in EventStoreDB \(since .+\), but it was opened on its database \(ledger_events\): set EVENTSTORE_CONNECTION_STRING/);
  });

  it('refuses, changing nothing, when the ledger recorded events after the copy', async () => {
    await first.append(
      'body-wiltshire-cabinet',
      [event('MembershipStarted', { bodyId: 'wiltshire-cabinet', membershipId: 'leader-2021', memberName: 'Cllr Richard Clewer', memberOrganisationId: null, role: 'chair', onBehalfOfOrganisationId: null, startDate: day('2021-05-25'), endDate: null })],
      { expectedVersion: 1 },
    );
    const head = await new Sealer(ledger.database, first).head();
    const previous = await activeReadModels();

    const refusal = await switchToEventStoreDb(ledger.database, second).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UncopiedEventsError);
    expect((refusal as Error).message).toBe(
      'The ledger recorded events after the copy: its last event, body-wiltshire-cabinet version 2, is not in the new store. ' +
        'Nothing was switched: stop the API and the projector, then run the same command again (it copies the rest, then switches).',
    );
    expect(await recordedKind()).toEqual([]);
    expect(await ledger.database.query('SELECT * FROM ledger_leaf_relocations')).toEqual([]);
    expect(await new Sealer(ledger.database, first).head()).toEqual(head);
    expect(await activeReadModels()).toBe(previous);
  });

  it('keeps the switch when the read models cannot be rebuilt from the new store, and says so', async () => {
    // An event the projections cannot apply (a body without a name), copied with the rest.
    await first.append('body-wiltshire-scrutiny', [event('BodyEstablished', { bodyId: 'wiltshire-scrutiny', kind: 'scrutiny-committee', organisationId: 'wiltshire-council', memberOrganisationIds: [], establishedOn: day('2009-04-01') })], {
      expectedVersion: 'no-stream',
    });
    await sealThrough(ledger.database, first, 5);
    await copyLog(first, second);
    const previous = await activeReadModels();

    const failure = await switchToEventStoreDb(ledger.database, second).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ReadModelsNotRebuiltError);
    expect((failure as ReadModelsNotRebuiltError).switched).toEqual({ leaves: 5, sealedThrough: (await wholeLog(second))[4].position });
    expect((failure as Error).message).toMatch(/^rebuilding the read models from the new store failed: Projection \S+ failed on BodyEstablished at log position /);
    expect(await recordedKind()).toEqual([{ kind: 'eventstoredb' }]);
    expect(await activeReadModels()).toBe(previous);
  });
});
