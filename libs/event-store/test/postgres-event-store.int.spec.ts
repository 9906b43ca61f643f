import { setTimeout as sleep } from 'node:timers/promises';
import { canonicalEvent, migrate, SqlEventStore, type Database, type SqlSession } from '@ledger/event-store';
import { describeWithPostgres, openTestSchema } from '../../../test/postgres.js';
import { anEvent, aStreamId, readLogSince } from './event-store.contract.js';
import { describeSqlEventStoreContract } from './sql-event-store.contract.js';

describeWithPostgres('PostgreSQL event store', (url) => {
  describeSqlEventStoreContract('PostgreSQL', { open: () => openTestSchema(url) });

  /** A store that appends inside a transaction the test holds open. */
  function storeInside(database: Database, session: SqlSession): SqlEventStore {
    return new SqlEventStore({ ...database, query: session.query, execScript: session.execScript } as Database);
  }

  describe('commit-safe order of the log', () => {
    let subject: Awaited<ReturnType<typeof openTestSchema>>;
    let store: SqlEventStore;
    beforeEach(async () => {
      subject = await openTestSchema(url, { idleInTransactionTimeoutMs: 400 });
      await migrate(subject.database);
      store = new SqlEventStore(subject.database);
    });
    afterEach(async () => subject.dispose());

    it('never lets a reader pass an event that commits later with a lower position', async () => {
      const start = await store.headPosition();
      const early = anEvent({ commits: 'late' });
      const late = anEvent({ commits: 'first' });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let appended!: () => void;
      const earlyAppended = new Promise<void>((resolve) => (appended = resolve));

      const slow = subject.database.transaction(async (session) => {
        await storeInside(subject.database, session).append(aStreamId(), [early], { expectedVersion: 'no-stream' });
        appended();
        await held;
      });
      await earlyAppended;
      const fast = await store.append(aStreamId(), [late], { expectedVersion: 'no-stream' });

      // The fast append has committed with a higher position, but the slow one may still commit below it.
      expect(await readLogSince(store, start)).toEqual([]);
      expect(await store.headPosition()).toBe(start);

      release();
      await slow;
      const log = await readLogSince(store, start);
      expect(log.map((event) => event.eventId)).toEqual([early.eventId, late.eventId]);
      expect(log[1].position).toBe(fast.positions[0]);
    });

    it('ends a session left idle in a transaction, so readers go on', async () => {
      const start = await store.headPosition();
      const stuck = subject.database.transaction(async (session) => {
        await storeInside(subject.database, session).append(aStreamId(), [anEvent({ stuck: true })], { expectedVersion: 'no-stream' });
        await sleep(1_500);
        await session.query('SELECT 1');
      });
      const settled = stuck.catch((error: Error) => error);
      await sleep(50);
      const committed = anEvent({ stuck: false });
      await store.append(aStreamId(), [committed], { expectedVersion: 'no-stream' });
      expect(await readLogSince(store, start)).toEqual([]);

      await sleep(800);
      expect((await readLogSince(store, start)).map((event) => event.eventId)).toEqual([committed.eventId]);
      expect(await settled).toBeInstanceOf(Error);
    });
  });

  describe('hashes', () => {
    it('computes in PostgreSQL the same chain the verifier computes from the bytes', async () => {
      const subject = await openTestSchema(url);
      try {
        await migrate(subject.database);
        const store = new SqlEventStore(subject.database, { now: () => new Date('2018-02-08T00:00:00.000Z') });
        const streamId = aStreamId();
        const event = anEvent({ decision: 'approved' });
        const result = await store.append(streamId, [event], { expectedVersion: 'no-stream' });
        const { body } = canonicalEvent(streamId, event, 0, '2018-02-08T00:00:00.000Z');
        const [row] = await subject.database.query<{ body: string }>('SELECT body FROM ledger_events WHERE stream_id = $1', [streamId]);
        expect(row.body).toBe(body);
        expect(await store.verifyStream(streamId)).toMatchObject({ valid: true, headHash: result.hash });
      } finally {
        await subject.dispose();
      }
    });
  });
});
