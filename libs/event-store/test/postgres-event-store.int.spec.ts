import { setTimeout as sleep } from 'node:timers/promises';
import { canonicalEvent, migrate, READ_STREAMS_SQL, SqlEventStore, type Database, type SchemaQueries, type SqlSession } from '@ledger/event-store';
import { describeWithPostgres, openTestSchema } from '../../../test/postgres.js';
import { anEvent, aStreamId, readLogSince } from './event-store.contract.js';
import { describeSqlEventStoreContract } from './sql-event-store.contract.js';

const IDLE_TIMEOUT_MS = 2_000;

describeWithPostgres('PostgreSQL event store', (url) => {
  describeSqlEventStoreContract('PostgreSQL', { open: () => openTestSchema(url) });

  /** A store that appends inside a transaction the test holds open. */
  function storeInside(database: Database, session: SqlSession): SqlEventStore {
    return new SqlEventStore({ ...database, query: session.query, execScript: session.execScript } as Database);
  }

  /** Holds a transaction open after `work` (done through a store inside it, or its session), until the answer's `release` is called. */
  function heldOpen(database: Database, work: (inside: SqlEventStore, session: SqlSession) => Promise<unknown>) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let done!: () => void;
    const worked = new Promise<void>((resolve) => (done = resolve));
    const committed = database.transaction(async (session) => {
      await work(storeInside(database, session), session);
      done();
      await released;
    });
    return { worked, release, committed };
  }

  describe('read-model queries', () => {
    /** A reader on a generation holding a `bodies` table with these rows, on one connection (so every query runs on it). */
    async function readingBodies(rows: string, test: (reader: SchemaQueries, generation: string, database: Database) => Promise<void>) {
      const subject = await openTestSchema(url, { max: 1 });
      try {
        const generation = `${subject.schema}_rm_1`;
        await subject.database.query(`CREATE SCHEMA ${generation}; CREATE TABLE ${generation}.bodies (body_id text PRIMARY KEY, name text)`);
        await subject.database.query(`INSERT INTO ${generation}.bodies VALUES ${rows}`);
        const reader = await subject.database.onSchema(generation);
        try {
          await test(reader, generation, subject.database);
        } finally {
          await reader.close();
        }
      } finally {
        await subject.dispose();
      }
    }

    it('are prepared on the connection that runs them, and answer as before', () =>
      readingBodies("('cabinet', 'Cabinet'), ('scrutiny', 'Scrutiny Committee')", async (reader) => {
        const byId = 'SELECT name FROM bodies WHERE body_id = $1';
        expect(await reader.query(byId, ['cabinet'])).toEqual([{ name: 'Cabinet' }]);
        expect(await reader.query(byId, ['scrutiny'])).toEqual([{ name: 'Scrutiny Committee' }]);
        expect(await reader.query(byId, ['nobody'])).toEqual([]);
        const prepared = await reader.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements WHERE statement = $1', [byId]);
        expect(prepared).toEqual([{ statement: byId }]);
      }));

    it('still answer after a migration changed the rows a prepared one gives (another instance upgraded the read models)', () =>
      readingBodies("('cabinet', 'Cabinet')", async (reader, generation, database) => {
        const all = 'SELECT * FROM bodies ORDER BY body_id';
        expect(await reader.query(all)).toEqual([{ body_id: 'cabinet', name: 'Cabinet' }]);
        await database.query(`ALTER TABLE ${generation}.bodies ADD COLUMN kind text NOT NULL DEFAULT 'governing-body'`);
        expect(await reader.query(all)).toEqual([{ body_id: 'cabinet', name: 'Cabinet', kind: 'governing-body' }]);
        expect(await reader.query(all)).toEqual([{ body_id: 'cabinet', name: 'Cabinet', kind: 'governing-body' }]);
      }));
  });

  describe('commit-safe order of the log', () => {
    let subject: Awaited<ReturnType<typeof openTestSchema>>;
    let store: SqlEventStore;
    beforeEach(async () => {
      subject = await openTestSchema(url, { idleInTransactionTimeoutMs: IDLE_TIMEOUT_MS });
      await migrate(subject.database);
      store = new SqlEventStore(subject.database);
    });
    afterEach(async () => subject.dispose());

    it('never lets a reader pass an event that commits later with a lower position', async () => {
      const start = await store.headPosition();
      const early = anEvent({ commits: 'late' });
      const late = anEvent({ commits: 'first' });
      const slow = heldOpen(subject.database, (inside) => inside.append(aStreamId(), [early], { expectedVersion: 'no-stream' }));
      await slow.worked;
      const fast = await store.append(aStreamId(), [late], { expectedVersion: 'no-stream' });

      // The fast append has committed with a higher position, but the slow one may still commit below it.
      expect(await readLogSince(store, start)).toEqual([]);
      expect(await store.headPosition()).toBe(start);
      expect(await store.lastCommittedPosition()).toBe(fast.positions[0]); // committed, though readers cannot pass it yet

      slow.release();
      await slow.committed;
      const log = await readLogSince(store, start);
      expect(log.map((event) => event.eventId)).toEqual([early.eventId, late.eventId]);
      expect(log[1].position).toBe(fast.positions[0]);
    });

    it('ends a session left idle in a transaction, so readers go on', async () => {
      const start = await store.headPosition();
      let appended!: () => void;
      const stuckAppended = new Promise<void>((resolve) => (appended = resolve));
      const stuck = subject.database.transaction(async (session) => {
        await storeInside(subject.database, session).append(aStreamId(), [anEvent({ stuck: true })], { expectedVersion: 'no-stream' });
        appended();
        await sleep(2 * IDLE_TIMEOUT_MS); // idle inside the transaction, past the timeout
        await session.query('SELECT 1');
      });
      const settled = stuck.catch((error: Error) => error);
      await stuckAppended;
      const stuckSince = Date.now();
      const committed = anEvent({ stuck: false });
      await store.append(aStreamId(), [committed], { expectedVersion: 'no-stream' });
      expect(await readLogSince(store, start)).toEqual([]); // held back while the stuck session lives

      let seen = await readLogSince(store, start);
      while (seen.length === 0 && Date.now() - stuckSince < 15_000) {
        await sleep(50);
        seen = await readLogSince(store, start);
      }
      expect(seen.map((event) => event.eventId)).toEqual([committed.eventId]);
      expect(Date.now() - stuckSince).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - 100); // it was the timeout that let readers on
      expect(await settled).toBeInstanceOf(Error);
    });
  });

  describe('guards against the streams a decision read, under concurrent appends', () => {
    let subject: Awaited<ReturnType<typeof openTestSchema>>;
    let store: SqlEventStore;
    beforeEach(async () => {
      subject = await openTestSchema(url, { idleInTransactionTimeoutMs: 10_000 });
      await migrate(subject.database);
      store = new SqlEventStore(subject.database);
    });
    afterEach(async () => subject.dispose());

    /** Whether `promise` settles within `ms`. */
    const settlesWithin = (promise: Promise<unknown>, ms: number) => Promise.race([promise.then(() => true, () => true), sleep(ms).then(() => false)]);

    it('lets two appends to one stream, one through each statement, wait for each other without a deadlock', async () => {
      // An append in flight on the scheme holds its lock: the two-event append (the general statement),
      // guarded by the scheme, waits for it; the one-event append (the fast path) to the same proposal
      // starts meanwhile. Each statement takes the stream's locks in the same order, so one waits for
      // the other and loses on the version, instead of each holding what the other waits for.
      const [scheme, proposal] = [aStreamId('scheme'), aStreamId('proposal')];
      await store.append(scheme, [anEvent({ granted: true })], { expectedVersion: 'no-stream' });
      await store.append(proposal, [anEvent({ tabled: true })], { expectedVersion: 'no-stream' });
      const inFlight = heldOpen(subject.database, (_, session) => session.query('SELECT ledger_lock_stream($1)', [scheme]));
      await inFlight.worked;
      const lastStep = store
        .append(proposal, [anEvent({ approved: true }), anEvent({ ratified: true })], { expectedVersion: 1, expectedStreams: [{ streamId: scheme, version: 1 }] })
        .catch((error: unknown) => error);
      await sleep(200);
      const otherStep = store.append(proposal, [anEvent({ noted: true })], { expectedVersion: 1 }).catch((error: unknown) => error);
      await sleep(200);
      inFlight.release();
      await inFlight.committed;
      const answers = await Promise.all([lastStep, otherStep]);
      // One is appended and the other loses on the version; PostgreSQL ends neither as a deadlock.
      expect(answers.map((answer) => (answer instanceof Error ? answer.name : 'appended')).sort()).toEqual(['VersionConflictError', 'appended']);
      const appended = answers.find((answer) => !(answer instanceof Error)) as { nextStreamVersion: number };
      expect((await store.readStream(proposal)).length).toBe(appended.nextStreamVersion);
    });

    // A guarded append to a new stream goes through the general statement, one event onto a stream that exists through the fast path.
    describe.each([
      ['a new proposal', false],
      ['a proposal already tabled', true],
    ])('onto %s', (_, exists) => {
      /** The proposal's version before the guarded append: tabled first when it exists. */
      const tabled = async (proposal: string): Promise<number> => (exists ? (await store.append(proposal, [anEvent({ tabled: true })], { expectedVersion: 'no-stream' })).nextStreamVersion : 0);

      it('keeps a guard stream from moving until the guarded append commits', async () => {
        const [scheme, proposal] = [aStreamId('scheme'), aStreamId('proposal')];
        await store.append(scheme, [anEvent({ granted: true })], { expectedVersion: 'no-stream' });
        const expectedVersion = await tabled(proposal);
        const ratification = heldOpen(subject.database, (inside) => inside.append(proposal, [anEvent({ approved: true })], { expectedVersion, expectedStreams: [{ streamId: scheme, version: 1 }] }));
        await ratification.worked;

        const revocation = store.append(scheme, [anEvent({ revoked: true })], { expectedVersion: 1 });
        try {
          // The revocation may not commit before the decision that relied on the scheme as it stood.
          expect(await settlesWithin(revocation, 500)).toBe(false);
        } finally {
          ratification.release();
        }
        await ratification.committed;
        expect(await revocation).toMatchObject({ nextStreamVersion: 2 });
        expect((await store.readStream(proposal)).length).toBe(expectedVersion + 1);
      });

      it('waits for a guard stream’s append in flight, then refuses once it commits', async () => {
        const [scheme, proposal] = [aStreamId('scheme'), aStreamId('proposal')];
        await store.append(scheme, [anEvent({ granted: true })], { expectedVersion: 'no-stream' });
        const expectedVersion = await tabled(proposal);
        const revocation = heldOpen(subject.database, (inside) => inside.append(scheme, [anEvent({ revoked: true })], { expectedVersion: 1 }));
        await revocation.worked;

        const ratification = store.append(proposal, [anEvent({ approved: true })], { expectedVersion, expectedStreams: [{ streamId: scheme, version: 1 }] });
        const refusal = ratification.catch((error: unknown) => error);
        try {
          // Reading the scheme before the revocation commits would let the decision rely on a delegation already revoked.
          expect(await settlesWithin(refusal, 500)).toBe(false);
        } finally {
          revocation.release();
        }
        await revocation.committed;
        expect(await refusal).toMatchObject({ name: 'VersionConflictError', streamId: scheme, actual: 2 });
        expect((await store.readStream(proposal)).length).toBe(expectedVersion);
      });
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
  describe('reading streams on a long log', () => {
    it('reads each stream through its index even with the plan PostgreSQL caches for the prepared statement', async () => {
      const subject = await openTestSchema(url);
      try {
        await migrate(subject.database);
        const store = new SqlEventStore(subject.database);
        const wanted = [aStreamId(), aStreamId()];
        for (const streamId of wanted) await store.append(streamId, Array.from({ length: 10 }, () => anEvent()), { expectedVersion: 'no-stream' });
        // A long log around them, in a few long streams (rows only: the plan is what is tested).
        await subject.database.query(
          `INSERT INTO ledger_events (stream_id, stream_version, position, transaction_id, event_id, type, schema_version, recorded_at, body, hash)
           SELECT 'filler-' || (n / 2500), n % 2500 + 1, nextval('ledger_event_position'), pg_current_xact_id(), gen_random_uuid(), 'Filler', 1, now(), '{}', '\\x00'
             FROM generate_series(0, 149999) AS n`,
        );
        const plan = await subject.database.transaction(async (session) => {
          await session.query('ANALYZE ledger_events');
          await session.query('SET LOCAL plan_cache_mode = force_generic_plan'); // what a named statement gets after five runs
          await session.query(`PREPARE read_streams_plan (text[], integer[]) AS ${READ_STREAMS_SQL}`);
          const rows = await session.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE read_streams_plan ('{${wanted.join(',')}}', '{1,4}')`);
          await session.query('DEALLOCATE read_streams_plan');
          return rows.map((row) => row['QUERY PLAN']).join('\n');
        });
        expect(plan).not.toMatch(/Seq Scan on ledger_events/);
        expect(plan).toMatch(/Index (Only )?Scan .*ledger_events_pkey|Bitmap Index Scan on ledger_events_pkey/);
        const read = await store.readStreams([{ streamId: wanted[0], fromVersion: 1 }, { streamId: wanted[1], fromVersion: 4 }]);
        expect([read.get(wanted[0])!.length, read.get(wanted[1])!.length]).toEqual([10, 7]);
      } finally {
        await subject.dispose();
      }
    });
  });
});
