import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultMigrationsDirectory,
  migrate,
  MigrationChangedError,
  parseLogPosition,
  SqlEventStore,
  VersionConflictError,
  type AppendGroupSent,
  type Database,
} from '@ledger/event-store';
import { anEvent, aStreamId, describeEventStoreContract } from './event-store.contract.js';

/** Opens a database on a schema of its own, and drops it again. */
export interface SqlDatabaseUnderTest {
  open(): Promise<{ database: Database; dispose(): Promise<void> }>;
}

/** The shared contract plus what only the SQL store promises: tamper detection, no burned positions, migrations. */
export function describeSqlEventStoreContract(name: string, subject: SqlDatabaseUnderTest): void {
  describeEventStoreContract(name, async () => {
    const { database, dispose } = await subject.open();
    await migrate(database);
    return { store: new SqlEventStore(database), dispose };
  });

  describe(`SQL event store: ${name}`, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    let store: SqlEventStore;

    beforeEach(async () => {
      ({ database, dispose } = await subject.open());
      await migrate(database);
      store = new SqlEventStore(database);
    });
    afterEach(async () => dispose());

    it('counts the log through a position, for a rebuild’s estimate of time left', async () => {
      const streamId = aStreamId();
      const { positions } = await store.append(streamId, [anEvent({ n: 1 }), anEvent({ n: 2 }), anEvent({ n: 3 })], { expectedVersion: 'no-stream' });
      await store.append(aStreamId(), [anEvent({ n: 4 })], { expectedVersion: 'no-stream' });
      expect(await store.countLogThrough('0:0')).toBe(0);
      expect(await store.countLogThrough(positions[1])).toBe(2);
      expect(await store.countLogThrough(await store.headPosition())).toBe(4);
    });

    async function threeEventStream(): Promise<string> {
      const streamId = aStreamId('scheme');
      await store.append(streamId, [anEvent({ n: 1 }), anEvent({ n: 2 }), anEvent({ n: 3 })], { expectedVersion: 'no-stream' });
      return streamId;
    }

    it('detects an event whose data was altered in place', async () => {
      const streamId = await threeEventStream();
      await database.query(`UPDATE ledger_events SET body = replace(body, '"n":2', '"n":20') WHERE stream_id = $1 AND stream_version = 2`, [streamId]);
      const verification = await store.verifyStream(streamId);
      expect(verification).toMatchObject({ valid: false, streamVersion: 2 });
      expect(verification.valid === false && verification.reason).toMatch(/hash does not match/);
    });

    it('detects a column changed behind the hashed body', async () => {
      const streamId = await threeEventStream();
      await database.query(`UPDATE ledger_events SET type = 'DelegationRevoked' WHERE stream_id = $1 AND stream_version = 3`, [streamId]);
      expect(await store.verifyStream(streamId)).toMatchObject({ valid: false, streamVersion: 3, reason: expect.stringMatching(/columns disagree/) });
    });

    it('detects a removed event', async () => {
      const streamId = await threeEventStream();
      await database.query(`DELETE FROM ledger_events WHERE stream_id = $1 AND stream_version = 2`, [streamId]);
      expect(await store.verifyStream(streamId)).toMatchObject({ valid: false, streamVersion: 3, reason: 'version 2 is missing' });
    });

    it('detects a removed last event through the stream head', async () => {
      const streamId = await threeEventStream();
      await database.query(`DELETE FROM ledger_events WHERE stream_id = $1 AND stream_version = 3`, [streamId]);
      expect(await store.verifyStream(streamId)).toMatchObject({ valid: false, streamVersion: 3 });
    });

    it('detects a rewritten hash', async () => {
      const streamId = await threeEventStream();
      await database.query(`UPDATE ledger_events SET hash = sha256('forged') WHERE stream_id = $1 AND stream_version = 1`, [streamId]);
      expect(await store.verifyStream(streamId)).toMatchObject({ valid: false, streamVersion: 1 });
    });

    it('appends to several streams in one transaction: a failure after the first part leaves no part recorded', async () => {
      const [body, organisation] = [aStreamId('body'), aStreamId('organisation')];
      const trigger = `fail_${body.replace(/\W/g, '_')}`;
      // The failure is injected between the parts: the database refuses the second part's insert.
      await database.execScript(
        `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
         CREATE TRIGGER ${trigger} BEFORE INSERT ON ledger_events FOR EACH ROW WHEN (NEW.stream_id = '${organisation}') EXECUTE FUNCTION ${trigger}();`,
      );
      const head = await store.headPosition();
      const parts = [
        { streamId: body, events: [anEvent()], expectedVersion: 0 },
        { streamId: organisation, events: [anEvent()], expectedVersion: 0 },
      ];
      await expect(store.appendToStreams(parts)).rejects.toThrow('injected failure');
      expect(await store.headPosition()).toBe(head);
      expect(await store.readStream(body)).toEqual([]);
      expect(await database.query('SELECT 1 FROM ledger_streams WHERE stream_id = ANY($1::text[])', [[body, organisation]])).toEqual([]);

      await database.execScript(`DROP TRIGGER ${trigger} ON ledger_events; DROP FUNCTION ${trigger}();`);
      const results = await store.appendToStreams(parts);
      expect(results.map((result) => result.duplicate)).toEqual([false, false]);
      expect((await store.readStream(body)).length + (await store.readStream(organisation)).length).toBe(2);
    });

    it('takes no log position for an append that loses on its expected version', async () => {
      const streamId = aStreamId();
      await store.append(streamId, [anEvent()], { expectedVersion: 'no-stream' });
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => store.append(streamId, [anEvent()], { expectedVersion: 1 })));
      await expect(store.append(streamId, [anEvent()], { expectedVersion: 1 })).rejects.toBeInstanceOf(VersionConflictError);
      const winner = outcomes.find((outcome) => outcome.status === 'fulfilled');
      if (winner?.status !== 'fulfilled') throw new Error('no append won');
      const next = await store.append(aStreamId(), [anEvent()], { expectedVersion: 'no-stream' });
      expect(parseLogPosition(next.positions[0]).sequence).toBe(parseLogPosition(winner.value.positions[0]).sequence + 1n);
    });

    describe('appends in flight together', () => {
      const transactionOf = (position: string) => parseLogPosition(position).transactionId;

      it('sends the appends that arrive while one is in flight as one transaction, each standing or falling on its own', async () => {
        const [scheme, stale, existing] = [await threeEventStream(), aStreamId(), aStreamId()];
        await store.append(stale, [anEvent()], { expectedVersion: 'no-stream' });
        await store.append(existing, [anEvent()], { expectedVersion: 'no-stream' });
        const fresh = [aStreamId(), aStreamId(), aStreamId()];
        const first = store.append(aStreamId(), [anEvent()], { expectedVersion: 'no-stream' });
        const outcomes = await Promise.allSettled([
          ...fresh.map((streamId) => store.append(streamId, [anEvent({ n: 1 }), anEvent({ n: 2 })], { expectedVersion: 'no-stream', expectedStreams: [{ streamId: scheme, version: 3 }] })),
          store.append(existing, [anEvent()], { expectedVersion: 1 }),
          store.append(stale, [anEvent()], { expectedVersion: 2 }),
          store.append(aStreamId(), [anEvent()], { expectedVersion: 'no-stream', expectedStreams: [{ streamId: scheme, version: 2 }] }),
        ]);
        await first;

        const [a, b, c, onExisting, onStale, onStaleGuard] = outcomes;
        const appended = [a, b, c, onExisting].map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : null));
        expect(appended.map((result) => result?.nextStreamVersion)).toEqual([2, 2, 2, 2]);
        expect(new Set(appended.flatMap((result) => result!.positions.map(transactionOf))).size).toBe(1);
        expect(onStale).toMatchObject({ status: 'rejected', reason: expect.any(VersionConflictError) });
        expect(onStaleGuard).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ streamId: scheme }) });
        for (const streamId of [...fresh, existing]) expect(await store.verifyStream(streamId)).toMatchObject({ valid: true });
        expect((await store.readStream(fresh[1])).map((event) => event.data)).toEqual([{ n: 1 }, { n: 2 }]);
      });

      it('keeps an append out of the group that moves a stream it is guarded by, so that its guard is read after the move', async () => {
        const scheme = await threeEventStream();
        const first = store.append(aStreamId(), [anEvent()], { expectedVersion: 'no-stream' });
        const [moved, guarded] = await Promise.allSettled([
          store.append(scheme, [anEvent()], { expectedVersion: 3 }),
          store.append(aStreamId(), [anEvent()], { expectedVersion: 'no-stream', expectedStreams: [{ streamId: scheme, version: 3 }] }),
        ]);
        await first;
        expect(moved).toMatchObject({ status: 'fulfilled', value: { nextStreamVersion: 4 } });
        expect(guarded).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ streamId: scheme }) });
      });

      it('asks why at once when an append of a group appended nothing, instead of sending it again first', async () => {
        const statements: string[] = [];
        const counting = new Proxy(database, {
          get: (target, property) => {
            if (property === 'query') {
              return (text: string, params?: unknown[], options?: { name?: string }) => {
                statements.push(text);
                return target.query(text, params, options);
              };
            }
            const value = Reflect.get(target, property, target) as unknown;
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
        const watched = new SqlEventStore(counting);
        const stale = aStreamId();
        await watched.append(stale, [anEvent()], { expectedVersion: 'no-stream' });
        const first = watched.append(aStreamId(), [anEvent()], { expectedVersion: 'no-stream' });
        const [conflict, other] = await Promise.allSettled([
          watched.append(stale, [anEvent(), anEvent()], { expectedVersion: 0 }),
          watched.append(aStreamId(), [anEvent()], { expectedVersion: 'no-stream' }),
        ]);
        await first;
        expect(conflict).toMatchObject({ status: 'rejected', reason: expect.any(VersionConflictError) });
        expect(other).toMatchObject({ status: 'fulfilled' });
        const appends = statements.filter((text) => text.includes('INSERT INTO ledger_events'));
        expect(appends).toHaveLength(3); // the first alone, the stale one and the other together, and no second try of the stale one
      });

      it('tries each append of a group on its own when the group fails as a whole, as when one is a retry of an append already made', async () => {
        const retried = aStreamId();
        const event = anEvent();
        const made = await store.append(retried, [event], { expectedVersion: 'no-stream' });
        const first = store.append(aStreamId(), [anEvent()], { expectedVersion: 'no-stream' });
        const others = [aStreamId(), aStreamId()];
        const [retry, ...rest] = await Promise.all([
          store.append(retried, [event], { expectedVersion: 'no-stream' }),
          ...others.map((streamId) => store.append(streamId, [anEvent()], { expectedVersion: 'no-stream' })),
        ]);
        await first;
        expect(retry).toEqual({ ...made, duplicate: true });
        expect(rest.map((result) => result.nextStreamVersion)).toEqual([1, 1]);
        expect(await store.readStream(retried)).toHaveLength(1);
      });

      it('tells whoever listens of each group sent: how many appends went together, how long each waited for it, and its round trip', async () => {
        const watched = new SqlEventStore(database);
        const heard: AppendGroupSent[] = [];
        watched.onAppendGroup((group) => heard.push(group));
        const started = performance.now();
        const first = watched.append(aStreamId(), [anEvent()], { expectedVersion: 'no-stream' });
        await Promise.all([aStreamId(), aStreamId(), aStreamId()].map((streamId) => watched.append(streamId, [anEvent()], { expectedVersion: 'no-stream' })));
        await first;
        const elapsedMs = performance.now() - started;
        expect(heard.map(({ appends, failed }) => ({ appends, failed }))).toEqual([
          { appends: 1, failed: false }, // the first, alone: nothing was in flight
          { appends: 3, failed: false }, // the three that came while it was
        ]);
        expect(heard[0].waitedMs).toEqual([expect.any(Number)]);
        expect(heard[1].waitedMs).toHaveLength(3);
        // The three waited for the first statement to come back, and every wait and round trip lies
        // within the test's own time (in milliseconds, not microseconds or since some epoch). How the
        // wait compares with the first round trip is not asserted: the event loop's delay between the
        // first answer and the next send counts as waiting too, and on a loaded machine it is long.
        for (const waited of heard[1].waitedMs) expect(waited).toBeGreaterThan(0);
        expect(Math.max(...heard[1].waitedMs)).toBeLessThan(elapsedMs);
        for (const { roundTripMs } of heard) expect(roundTripMs).toBeGreaterThan(0);
        expect(heard[0].roundTripMs + heard[1].roundTripMs).toBeLessThanOrEqual(elapsedMs);
      });

      it('appends as before when a listener throws', async () => {
        const watched = new SqlEventStore(database);
        watched.onAppendGroup(() => {
          throw new Error('a metrics registry that failed');
        });
        const streamId = aStreamId();
        expect(await watched.append(streamId, [anEvent()], { expectedVersion: 'no-stream' })).toMatchObject({ nextStreamVersion: 1, duplicate: false });
        expect(await watched.readStream(streamId)).toHaveLength(1);
      });
    });

    describe('migrations', () => {
      let directory: string;
      beforeEach(async () => {
        directory = await mkdtemp(join(tmpdir(), 'ledger-migrations-'));
        const files = (await readdir(defaultMigrationsDirectory())).filter((name) => name.endsWith('.sql'));
        for (const file of files) await copyFile(join(defaultMigrationsDirectory(), file), join(directory, file));
      });
      afterEach(async () => rm(directory, { recursive: true, force: true }));

      it('applies each file once and records it', async () => {
        const report = await migrate(database, directory);
        expect(report.applied).toEqual([]);
        expect(report.alreadyApplied).toContain('0001_event_store.sql');
        await writeFile(join(directory, '9999_later.sql'), 'CREATE TABLE ledger_later (id integer);');
        expect(await migrate(database, directory)).toMatchObject({ applied: ['9999_later.sql'] });
        expect(await database.query(`SELECT name FROM ledger_migrations WHERE name = '9999_later.sql'`)).toHaveLength(1);
      });

      it('refuses to go on when an applied file was changed', async () => {
        await writeFile(join(directory, '0001_event_store.sql'), '-- edited\n', { flag: 'a' });
        await writeFile(join(directory, '9999_later.sql'), 'CREATE TABLE ledger_later (id integer);');
        const refusal = await migrate(database, directory).catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(MigrationChangedError);
        expect((refusal as Error).message).toMatch(/0001_event_store\.sql was changed after it was applied/);
        expect(await database.query(`SELECT to_regclass('ledger_later') AS later`)).toEqual([{ later: null }]);
      });

      it('applies a failing file not at all', async () => {
        await writeFile(join(directory, '9999_broken.sql'), 'CREATE TABLE ledger_half (id integer); SELECT no_such_function();');
        await expect(migrate(database, directory)).rejects.toThrow(/no_such_function/);
        expect(await database.query(`SELECT to_regclass('ledger_half') AS half`)).toEqual([{ half: null }]);
        expect(await database.query(`SELECT name FROM ledger_migrations WHERE name = '9999_broken.sql'`)).toEqual([]);
      });
    });
  });
}
