import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimEventStoreKind, defaultMigrationsDirectory, EventStoreKindMismatchError, EventStoreMovedError, migrate, openEventStore, recordEventStoreMove, SqlEventStore, type Database } from '@ledger/event-store';
import { describeOnEveryDatabase } from '../../../test/postgres.js';

describeOnEveryDatabase('which event store holds the ledger’s events', (open) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ database, dispose } = await open());
  });
  afterEach(async () => dispose());

  describe('on a ledger migrated to date', () => {
    beforeEach(async () => void (await migrate(database)));

    it('is recorded the first time the ledger opens, and the same kind opens it again', async () => {
      expect(await openEventStore({ dataDir: 'memory://', migrateOnStart: false }, database)).toBeInstanceOf(SqlEventStore);
      expect(await database.query('SELECT kind FROM ledger_event_store')).toEqual([{ kind: 'database' }]);
      expect(await openEventStore({ dataDir: 'memory://', migrateOnStart: false }, database)).toBeInstanceOf(SqlEventStore);
    });

    it('refuses to open the ledger on its database once its events were moved to EventStoreDB, saying what to set', async () => {
      await claimEventStoreKind(database, 'database');
      await database.transaction((session) => recordEventStoreMove(session, 'eventstoredb'));
      const refusal = await openEventStore({ dataDir: 'memory://', migrateOnStart: false }, database).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(EventStoreKindMismatchError);
      expect((refusal as Error).message).toMatch(/^This ledger's events are in EventStoreDB \(since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\), but it was opened on its database \(ledger_events\): set EVENTSTORE_CONNECTION_STRING/);
      await expect(claimEventStoreKind(database, 'eventstoredb')).resolves.toBeUndefined();
    });

    it('refuses to open on EventStoreDB a ledger whose events are in its database', async () => {
      await claimEventStoreKind(database, 'database');
      // (openEventStore reaches the server first, and there is none here: the claim is what refuses.)
      const refusal = await claimEventStoreKind(database, 'eventstoredb').catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(EventStoreKindMismatchError);
      expect((refusal as Error).message).toMatch(/move them first with `ledger migrate-events --switch`/);
    });

    it('refuses every append to the database once its events moved, appending nothing, so a service left running loses no decision', async () => {
      const store = new SqlEventStore(database);
      const event = () => ({ eventId: crypto.randomUUID(), type: 'RatificationRecorded', schemaVersion: 1, data: { outcome: 'approved' } });
      await store.append('proposal-wirral-jscb', [event()], { expectedVersion: 'no-stream' });
      await database.transaction((session) => recordEventStoreMove(session, 'eventstoredb'));
      await expect(store.append('proposal-wirral-jscb', [event()], { expectedVersion: 1 })).rejects.toBeInstanceOf(EventStoreMovedError);
      await expect(store.append('proposal-wirral-jscb', [event(), event()], { expectedVersion: 'any' })).rejects.toBeInstanceOf(EventStoreMovedError);
      await expect(store.append('proposal-wirral-other', [event()], { expectedVersion: 'no-stream' })).rejects.toBeInstanceOf(EventStoreMovedError);
      expect(await database.query('SELECT count(*)::int AS count FROM ledger_events')).toEqual([{ count: 1 }]);
    });
  });

  it('keeps refusing appends on a ledger whose events had moved before migration 0014 (which leaves the refusal off until a move)', async () => {
    const before = await mkdtemp(join(tmpdir(), 'ledger-migrations-'));
    try {
      const files = (await readdir(defaultMigrationsDirectory())).filter((name) => /^\d{4}_.*\.sql$/.test(name) && name < '0014');
      for (const name of files) await copyFile(join(defaultMigrationsDirectory(), name), join(before, name));
      await migrate(database, before);
      await claimEventStoreKind(database, 'database');
      await database.query(`UPDATE ledger_event_store SET kind = 'eventstoredb'`);
      await migrate(database);
      const store = new SqlEventStore(database);
      await expect(store.append('proposal-wirral-jscb', [{ eventId: crypto.randomUUID(), type: 'RatificationRecorded', schemaVersion: 1, data: {} }], { expectedVersion: 'no-stream' })).rejects.toBeInstanceOf(EventStoreMovedError);
      expect(await database.query('SELECT count(*)::int AS count FROM ledger_events')).toEqual([{ count: 0 }]);
    } finally {
      await rm(before, { recursive: true, force: true });
    }
  });
});
