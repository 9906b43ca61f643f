import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { copyLog, ForeignEventsError, migrate, PgliteDatabase, SqlEventStore, verifyCopy, type Database, type NewEvent, type StoredEvent } from '@ledger/event-store';
import { openTestSchema, TEST_DATABASE_URL } from '../../../test/postgres.js';
import { readLogSince } from './event-store.contract.js';

/** A store on a database of its own, and how to let go of it. */
interface StoreUnderTest {
  store: SqlEventStore;
  database: Database;
  dispose(): Promise<void>;
}

/** A SQL store on a fresh database, its clock in the test's hands so appends can share an instant. */
type OpenStore = (now?: () => Date) => Promise<StoreUnderTest>;

/** PGlite in memory, one instance per store: `onInstance` sets the instance's search path, so two stores cannot share one. */
const openPglite: OpenStore = async (now) => {
  const database = await PgliteDatabase.open();
  await migrate(database);
  return { store: new SqlEventStore(database, { now }), database, dispose: () => database.close() };
};

const openPostgres: OpenStore = async (now) => {
  const subject = await openTestSchema(TEST_DATABASE_URL!);
  await migrate(subject.database);
  return { store: new SqlEventStore(subject.database, { now }), database: subject.database, dispose: () => subject.dispose() };
};

const event = (type: string, data: unknown, actor = 'clerk:wiltshire'): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data, metadata: { actor, correlationId: randomUUID() } });

/**
 * A ledger as it grows: Wiltshire Council, the Alliance Joint Committee and two proposals,
 * appended interleaved, some appends carrying several events, and two appends to one stream in
 * the same millisecond (one run for the copy). 14 events in 5 streams.
 */
async function recordWiltshire(store: SqlEventStore, clock: { now: number }): Promise<void> {
  const at = async (streamId: string, events: NewEvent[], expectedVersion: number) => {
    await store.append(streamId, events, { expectedVersion });
    clock.now += 1_000;
  };
  await at('organisation-wiltshire-council', [event('OrganisationRegistered', { organisationId: 'wiltshire-council', name: 'Wiltshire Council' })], 0);
  await at('body-wiltshire-alliance-joint-committee', [event('BodyEstablished', { bodyId: 'wiltshire-alliance-joint-committee', name: 'Wiltshire Alliance Joint Committee' }), event('MemberAdmitted', { organisationId: 'wiltshire-council' })], 0);
  await at('proposal-bcf-2022', [event('ProposalTabled', { title: 'Better Care Fund plan 2022/23', amount: 41_250_000.5 }), event('PaperAttached', { paper: 'BCF plan — Appendix A ✓' }), event('ProposalAmended', { title: 'Better Care Fund plan 2022/23 (revised)' })], 0);
  await at('organisation-wiltshire-council', [event('FunctionAdded', { function: 'bcf' })], 1);
  // Two appends recorded in the same millisecond: the copy appends them as one run.
  await store.append('proposal-section-75', [event('ProposalTabled', { title: 'Section 75 agreement', nested: { b: [1, 2, { c: null }], a: 'é' } })], { expectedVersion: 0 });
  await at('proposal-section-75', [event('PaperAttached', { paper: 'Section 75 schedule' })], 1);
  await at('body-wiltshire-alliance-joint-committee', [event('MemberAdmitted', { organisationId: 'nhs-bsw-icb' })], 2);
  await at('proposal-bcf-2022', [event('ProposalRatified', { bodyId: 'wiltshire-alliance-joint-committee', on: '2022-07-01' })], 3);
  await at('delegation-bcf-to-director', [event('DelegationGranted', { to: 'director-of-care', limit: 250_000 }), event('DelegationVaried', { limit: 500_000 })], 0);
  await at('proposal-section-75', [event('ProposalWithdrawn', { reason: 'superseded' })], 2);
}

/**
 * The whole log, once readers can see all of it: the commit-safe order holds back what was just
 * committed while a transaction is open anywhere on the test server (other suites run beside this one).
 */
async function everything(store: SqlEventStore): Promise<StoredEvent[]> {
  while ((await store.headPosition()) !== (await store.lastCommittedPosition())) await sleep(20);
  return readLogSince(store, '0:0');
}
const identity = ({ eventId, type, schemaVersion, data, metadata, streamId, streamVersion, hash }: StoredEvent) => ({ eventId, type, schemaVersion, data, metadata, streamId, streamVersion, hash });
const STREAMS = ['organisation-wiltshire-council', 'body-wiltshire-alliance-joint-committee', 'proposal-bcf-2022', 'proposal-section-75', 'delegation-bcf-to-director'];

function describeLogCopy(name: string, openSource: OpenStore, openTarget: OpenStore): void {
  describe(`copying a ledger's log ${name}`, () => {
    let source: StoreUnderTest;
    let target: StoreUnderTest;
    let recorded: StoredEvent[];
    beforeEach(async () => {
      const clock = { now: Date.parse('2022-07-01T09:30:00.000Z') };
      source = await openSource(() => new Date(clock.now));
      target = await openTarget();
      await recordWiltshire(source.store, clock);
      recorded = await everything(source.store);
      expect(recorded).toHaveLength(14);
    });
    afterEach(async () => {
      await source?.dispose();
      await target?.dispose();
    });

    it('copies the log in order with its ids, versions, recording instants and hashes, and the copy verifies', async () => {
      const result = await copyLog(source.store, target.store, { pageSize: 4 }); // runs cross pages
      expect(result).toMatchObject({ copied: 14, resumedAfter: null, lastPosition: recorded[13].position, complete: true });

      const copied = await everything(target.store);
      expect(copied.map(identity)).toEqual(recorded.map(identity));
      for (const streamId of STREAMS) expect(await target.store.verifyStream(streamId)).toMatchObject({ valid: true });
      expect(await verifyCopy(source.store, target.store, { pageSize: 3 })).toMatchObject({ valid: true, events: 14 });
    });

    it('stops when told between appends, then resumes after what it copied, without duplicates, and the copy verifies', async () => {
      const stop = new AbortController();
      const progress: number[] = [];
      const first = await copyLog(source.store, target.store, {
        pageSize: 5,
        signal: stop.signal,
        onProgress: ({ copied, toCopy }) => {
          progress.push(copied);
          expect(toCopy).toBe(14);
          stop.abort();
        },
      });
      expect(first).toMatchObject({ copied: 5, complete: false, lastPosition: recorded[4].position });
      expect(progress).toEqual([5]);
      expect((await everything(target.store)).map((event) => event.eventId)).toEqual(recorded.slice(0, 5).map((event) => event.eventId));
      expect(await verifyCopy(source.store, target.store)).toMatchObject({ valid: false, events: 5, index: 5, streamId: recorded[5].streamId, streamVersion: recorded[5].streamVersion });

      const resumed = await copyLog(source.store, target.store, { pageSize: 5 });
      expect(resumed).toMatchObject({ copied: 9, resumedAfter: recorded[4].position, complete: true });
      const copied = await everything(target.store);
      expect(copied.map(identity)).toEqual(recorded.map(identity));
      expect(await verifyCopy(source.store, target.store)).toMatchObject({ valid: true, events: 14 });

      const again = await copyLog(source.store, target.store);
      expect(again).toMatchObject({ copied: 0, resumedAfter: recorded[13].position, complete: true });
      expect(await everything(target.store)).toHaveLength(14);
    });

    it('names the event whose bytes were altered in the target, though its stored hash is the source’s', async () => {
      await copyLog(source.store, target.store);
      await target.database.query(`UPDATE ledger_events SET body = replace(body, 'Section 75 schedule', 'Section 75 schedule (draft)') WHERE stream_id = 'proposal-section-75' AND stream_version = 2`);
      const index = recorded.findIndex((stored) => stored.streamId === 'proposal-section-75' && stored.streamVersion === 2);
      expect(await verifyCopy(source.store, target.store)).toEqual({
        valid: false,
        events: index,
        index,
        streamId: 'proposal-section-75',
        streamVersion: 2,
        reason: `event ${index + 1} of the log (proposal-section-75 version 2): the data differs`,
        seconds: expect.any(Number),
      });
    });

    it('names the event the target lacks, and the event it holds beyond the source', async () => {
      await copyLog(source.store, target.store);
      await source.store.append('proposal-bcf-2022', [event('CallInRequested', { by: 'overview-and-scrutiny' })], { expectedVersion: 4 });
      expect(await verifyCopy(source.store, target.store)).toMatchObject({
        valid: false,
        events: 14,
        streamId: 'proposal-bcf-2022',
        streamVersion: 5,
        reason: 'event 15 of the log (proposal-bcf-2022 version 5): the target ends after 14 events, without it',
      });

      await copyLog(source.store, target.store);
      expect(await verifyCopy(source.store, target.store)).toMatchObject({ valid: true, events: 15 });
      await target.store.append('proposal-bcf-2022', [event('CallInDecided', { upheld: false })], { expectedVersion: 5 });
      expect(await verifyCopy(source.store, target.store)).toMatchObject({
        valid: false,
        events: 15,
        reason: "event 16 of the log (proposal-bcf-2022 version 6): the target holds it after the source's last event (15 events)",
      });
    });

    it('refuses, appending nothing, to copy into a store holding events that are not the source’s', async () => {
      await target.store.append('organisation-wirral-council', [event('OrganisationRegistered', { organisationId: 'wirral-council' }, 'clerk:wirral')], { expectedVersion: 0 });
      const before = await everything(target.store);
      await expect(copyLog(source.store, target.store)).rejects.toThrow(
        new ForeignEventsError('organisation-wirral-council', 1, 'is not in the source'),
      );
      await expect(copyLog(source.store, target.store)).rejects.toThrow(/^the target already holds events that are not this source's: its last event, organisation-wirral-council version 1, is not in the source/);
      expect(await everything(target.store)).toEqual(before);
    });

    it('refuses a target whose last event stands where one of the source’s does, but is another', async () => {
      await target.store.append('organisation-wiltshire-council', [event('OrganisationRegistered', { organisationId: 'wiltshire-council', name: 'Wiltshire Council' })], { expectedVersion: 0 });
      const [own] = await everything(target.store);
      await expect(copyLog(source.store, target.store)).rejects.toThrow(
        `the target already holds events that are not this source's: its last event, organisation-wiltshire-council version 1, is event ${own.eventId}, the source's is ${recorded[0].eventId}. Copy into an empty store.`,
      );
      expect(await everything(target.store)).toEqual([own]);
    });
  });
}

describeLogCopy('from PGlite to PGlite', openPglite, openPglite);
if (TEST_DATABASE_URL) {
  describeLogCopy('from PostgreSQL to PostgreSQL', openPostgres, openPostgres);
  describeLogCopy('from PGlite to PostgreSQL', openPglite, openPostgres);
} else {
  describe('copying a ledger’s log on PostgreSQL', () => {
    it.skip('SKIPPED: TEST_DATABASE_URL is not set, so nothing here ran against PostgreSQL', () => undefined);
  });
}
