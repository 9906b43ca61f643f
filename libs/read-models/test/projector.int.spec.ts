import { randomUUID } from 'node:crypto';
import {
  migrate,
  readModelMigrationsDirectory,
  SqlEventStore,
  type Database,
  type NewEvent,
  type SqlSession,
  type StoredEvent,
} from '@ledger/event-store';
import { auditTrailProjection, Projector, ProjectionFailedError, type Projection } from '@ledger/read-models';
import { describeWithPostgres, openTestSchema, pgliteSchemas } from '../../../test/postgres.js';

const event = (type: string, data: unknown): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data, metadata: { actor: 'clerk:wokingham' } });

/** A fragment of the Wokingham partnership's history, across several streams. */
async function wokinghamHistory(store: SqlEventStore): Promise<void> {
  await store.append('organisation-wokingham-ccg', [event('OrganisationRegistered', { organisationId: 'wokingham-ccg', name: 'Wokingham CCG', kind: 'ccg', functions: ['commissioning'], establishedOn: '2013-03-31T23:00:00.000Z' })], { expectedVersion: 'no-stream' });
  await store.append('body-wokingham-ccg-cmt', [event('BodyEstablished', { bodyId: 'wokingham-ccg-cmt', name: 'Wokingham CCG Management Team', kind: 'committee', establishedOn: '2013-03-31T23:00:00.000Z' })], { expectedVersion: 'no-stream' });
  await store.append('proposal-wbc-enhanced-s75', [event('ProposalTabled', { proposalId: 'wbc-enhanced-s75', title: 'Enhanced Section 75 Partnership', tabledOn: '2017-05-02T23:00:00.000Z' })], { expectedVersion: 'no-stream' });
  for (let i = 0; i < 12; i++) {
    await store.append('proposal-wbc-enhanced-s75', [event('RatificationRecorded', { proposalId: 'wbc-enhanced-s75', deciderId: 'wokingham-ccg-cmt', outcome: i % 2 ? 'noted' : 'approved', version: 1, decidedOn: '2017-05-15T23:00:00.000Z' })], { expectedVersion: 'any' });
  }
}

/** A step's row in the audit trail, as the steps projections below write it. */
const stepRow = (stored: StoredEvent) => ({ log_transaction: 0, log_sequence: stored.streamVersion, position: `step:${stored.position}`, stream_id: 'steps', stream_version: 1, event_id: randomUUID(), type: 'Step', actor: null, recorded_at: stored.metadata.recordedAt, summary: 'step' });

const STEP_COLUMNS = `log_transaction bigint, log_sequence bigint, position text, stream_id text, stream_version integer, event_id uuid,
  type text, actor text, recorded_at timestamptz, summary text`;

interface AuditRow {
  position: string;
  stream_id: string;
  type: string;
  actor: string;
  summary: string;
}

function describeProjector(name: string, open: () => Promise<{ database: Database; dispose(): Promise<void> }>) {
  describe(`the projector on ${name}`, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    let store: SqlEventStore;
    let schemas = 0;

    beforeEach(async () => {
      ({ database, dispose } = await open());
      await migrate(database);
      store = new SqlEventStore(database);
      await wokinghamHistory(store);
    });
    afterEach(async () => dispose());

    async function readModels(projections: Projection[], batchSize = 4, replayPageSize?: number): Promise<Projector> {
      schemas += 1;
      const schema = `${database.schema}_rm${schemas}`;
      await migrate(database, readModelMigrationsDirectory(), { schema });
      return new Projector(store, database, schema, projections, { batchSize, replayPageSize });
    }

    const lastPosition = async () => {
      const events = await store.readStream('proposal-wbc-enhanced-s75');
      return events[events.length - 1].position;
    };

    const auditRows = (projector: Projector) =>
      database.query<AuditRow>(`SELECT position, stream_id, type, actor, summary FROM ${projector.schema}.audit_trail ORDER BY log_transaction, log_sequence`);

    it('writes one audit row per event, in log order, with a line of English', async () => {
      const projector = await readModels([auditTrailProjection]);
      await projector.projectThrough(await lastPosition());
      const rows = await auditRows(projector);
      const log = await store.readLog({ limit: 1000 });
      expect(rows.map((row) => row.position)).toEqual(log.map((stored) => stored.position));
      expect(rows[3]).toEqual({
        position: log[3].position,
        stream_id: 'proposal-wbc-enhanced-s75',
        type: 'RatificationRecorded',
        actor: 'clerk:wokingham',
        summary: 'wokingham-ccg-cmt approved version 1 of wbc-enhanced-s75 on 16 May 2017',
      });
      expect(await projector.position()).toBe(log[log.length - 1].position);
    });

    it('applies nothing twice: a second catch-up finds nothing to do', async () => {
      const projector = await readModels([auditTrailProjection]);
      await projector.projectThrough(await lastPosition());
      expect(await projector.catchUp()).toBe(0);
      const { positions } = await store.append('proposal-wbc-enhanced-s75', [event('ProposalRatified', { proposalId: 'wbc-enhanced-s75' })], { expectedVersion: 'any' });
      await projector.projectThrough(positions[0]);
      expect(await auditRows(projector)).toHaveLength(16);
    });

    it('stops loudly on an event it cannot apply, keeping neither part of the batch nor skipping it', async () => {
      let failOn: string | null = 'noted';
      const fragile: Projection = {
        name: 'fragile',
        handles: new Set(['RatificationRecorded']),
        async apply(events: readonly StoredEvent[], session: SqlSession) {
          for (const stored of events) {
            if ((stored.data as { outcome: string }).outcome === failOn) throw Object.assign(new Error('cannot read this outcome'), { position: stored.position });
            await session.query('SELECT 1');
          }
        },
      };
      const projector = await readModels([auditTrailProjection, fragile]);
      const failure = await projector.projectThrough(await lastPosition()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ProjectionFailedError);
      const log = await store.readLog({ limit: 1000 });
      const firstNoted = log.find((stored) => (stored.data as { outcome?: string }).outcome === 'noted')!;
      expect(failure).toMatchObject({ position: firstNoted.position, eventType: 'RatificationRecorded', projection: 'fragile' });
      // The failing batch left nothing behind: the trail ends where the checkpoint stands.
      const rows = await auditRows(projector);
      expect(rows[rows.length - 1].position).toBe(await projector.position());
      expect(rows.length % 4).toBe(0);
      expect(projector.failed).toBe(failure);

      // Mended and restarted, it ends exactly where a clean run ends.
      failOn = null;
      const restarted = new Projector(store, database, projector.schema, [auditTrailProjection, fragile], { batchSize: 4 });
      await restarted.projectThrough(await lastPosition());
      const clean = await readModels([auditTrailProjection]);
      await clean.projectThrough(await lastPosition());
      expect(await auditRows(restarted)).toEqual(await auditRows(clean));
    });

    describe('replaying the whole log for a rebuild', () => {
      /** Rows of the same read model, beside the audit trail, so that two projections replay side by side. */
      const stepsProjection: Projection = {
        name: 'steps',
        handles: new Set(['RatificationRecorded']),
        async apply(events: readonly StoredEvent[], session: SqlSession) {
          for (const stored of events) {
            if ((stored.data as { outcome: string }).outcome === 'rejected') throw Object.assign(new Error('no such outcome here'), { position: stored.position });
            await session.query("INSERT INTO audit_trail (log_transaction, log_sequence, position, stream_id, stream_version, event_id, type, actor, recorded_at, summary) VALUES (0, $1, $2, 'steps', 1, gen_random_uuid(), 'Step', null, now(), 'step')", [stored.streamVersion, `step:${stored.position}`]);
          }
        },
      };

      /** The same steps folded in memory, written once the whole log is read; `twice` writes each row twice. */
      const stepsInMemory = (twice = false): Projection => ({
        ...stepsProjection,
        name: 'steps-in-memory',
        replayInMemory() {
          const held: object[] = [];
          return {
            fold(events) {
              for (const stored of events) {
                if ((stored.data as { outcome: string }).outcome === 'rejected') throw Object.assign(new Error('no such outcome here'), { position: stored.position });
                const row = stepRow(stored);
                held.push(...(twice ? [row, row] : [row]));
              }
              return [];
            },
            held: () => [{ table: 'audit_trail', columns: STEP_COLUMNS, rows: held }],
          };
        },
      });

      const steps = (projector: Projector) =>
        database.query<{ position: string; summary: string }>(`SELECT position, summary FROM ${projector.schema}.audit_trail WHERE stream_id = 'steps' ORDER BY log_sequence`);

      it('ends with the rows and checkpoint a live projection ends with', async () => {
        const live = await readModels([auditTrailProjection]);
        await live.projectThrough(await lastPosition());
        const replayed = await readModels([auditTrailProjection]);
        const batches: number[] = [];
        expect(await replayed.replay((done) => batches.push(done))).toBe(15);
        expect(batches).toEqual([4, 8, 12, 15]);
        expect(await auditRows(replayed)).toEqual(await auditRows(live));
        expect(await replayed.position()).toBe(await live.position());
      });

      it("applies every projection's share of every batch, then moves the checkpoint to the last event", async () => {
        const replayed = await readModels([auditTrailProjection, stepsProjection]);
        await replayed.replay();
        const [{ count }] = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${replayed.schema}.audit_trail WHERE stream_id = 'steps'`);
        expect(count).toBe(12);
        expect(await replayed.position()).toBe(await lastPosition());
      });

      it('names the event a projection could not apply and leaves the checkpoint where it was, so the generation is never swapped in', async () => {
        await store.append('proposal-wbc-enhanced-s75', [event('RatificationRecorded', { proposalId: 'wbc-enhanced-s75', deciderId: 'wokingham-ccg-cmt', outcome: 'rejected', version: 1, decidedOn: '2017-05-15T23:00:00.000Z' })], { expectedVersion: 'any' });
        const replayed = await readModels([auditTrailProjection, stepsProjection]);
        const failure = await replayed.replay().catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(ProjectionFailedError);
        expect(failure).toMatchObject({ position: await lastPosition(), projection: 'steps' });
        expect(await replayed.position()).toBe('0:0');
      });

      it('writes what a projection folded in memory once the log is read: the rows its apply writes batch by batch', async () => {
        const live = await readModels([auditTrailProjection, stepsProjection]);
        await live.projectThrough(await lastPosition());
        const replayed = await readModels([auditTrailProjection, stepsInMemory()]);
        expect(await replayed.replay()).toBe(15);
        expect(await steps(replayed)).toHaveLength(12);
        expect(await steps(replayed)).toEqual(await steps(live));
        expect(await auditRows(replayed)).toEqual(await auditRows(live));
        expect(await replayed.position()).toBe(await live.position());
      });

      it('names the event a projection could not fold in memory, and leaves the checkpoint where it was', async () => {
        await store.append('proposal-wbc-enhanced-s75', [event('RatificationRecorded', { proposalId: 'wbc-enhanced-s75', deciderId: 'wokingham-ccg-cmt', outcome: 'rejected', version: 1, decidedOn: '2017-05-15T23:00:00.000Z' })], { expectedVersion: 'any' });
        const replayed = await readModels([auditTrailProjection, stepsInMemory()]);
        const failure = await replayed.replay().catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(ProjectionFailedError);
        expect(failure).toMatchObject({ position: await lastPosition(), projection: 'steps-in-memory' });
        expect(await replayed.position()).toBe('0:0');
        expect(await steps(replayed)).toEqual([]);
      });

      it('stops on rows held in memory that the tables refuse, leaving the checkpoint where it was', async () => {
        const replayed = await readModels([auditTrailProjection, stepsInMemory(true)]);
        const failure = await replayed.replay().catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(ProjectionFailedError);
        expect(failure).toMatchObject({ projection: 'steps-in-memory', message: expect.stringMatching(/duplicate key/) });
        expect(await replayed.position()).toBe('0:0');
        expect(await steps(replayed)).toEqual([]);
      });

      it('writes restated rows over the rows they restate once the log is read, and stops on one that restates no row written', async () => {
        /** Writes each step's row as it folds it; once the log is read, restates the rows of these sequences. */
        const restating = (sequences: number[]): Projection => ({
          ...stepsProjection,
          name: 'restating',
          replayInMemory: () => ({
            fold: (events) => [{ table: 'audit_trail', columns: STEP_COLUMNS, rows: events.map(stepRow) }],
            held: () => [{ table: 'audit_trail', columns: 'log_transaction bigint, log_sequence bigint, summary text', rows: sequences.map((log_sequence) => ({ log_transaction: 0, log_sequence, summary: 'restated' })), restates: ['log_transaction', 'log_sequence'] }],
          }),
        });
        const stepsThenRestated = async (sequences: number[]) => {
          const replayed = await readModels([auditTrailProjection, restating(sequences)]);
          return { replayed, outcome: await replayed.replay().catch((error: unknown) => error) };
        };
        const written = await stepsThenRestated([2, 5]);
        expect(written.outcome).toBe(15);
        expect((await steps(written.replayed)).filter((row) => row.summary === 'restated')).toHaveLength(2);

        const unwritten = await stepsThenRestated([2, 999]);
        expect(unwritten.outcome).toBeInstanceOf(ProjectionFailedError);
        expect(unwritten.outcome).toMatchObject({ projection: 'restating', message: expect.stringMatching(/Of 2 audit_trail rows restated, 1 were written before/) });
        expect(await unwritten.replayed.position()).toBe('0:0');
      });

      it("reads pages smaller than its write batch: each batch's new rows are written before the rows restating them, and restatements in the order they were folded", async () => {
        const RESTATED_COLUMNS = 'log_transaction bigint, log_sequence bigint, summary text';
        /** Writes each step's row as it folds it, and restates the rows of the step before it and of the one before that. */
        const restatingAsItFolds: Projection = {
          ...stepsProjection,
          name: 'restating-as-it-folds',
          replayInMemory: () => ({
            fold: (events) => [
              { table: 'audit_trail', columns: STEP_COLUMNS, rows: events.map(stepRow) },
              ...[1, 2].map((back) => ({
                table: 'audit_trail',
                columns: RESTATED_COLUMNS,
                rows: events.filter((stored) => stored.streamVersion - back >= 2).map((stored) => ({ log_transaction: 0, log_sequence: stored.streamVersion - back, summary: `restated by ${stored.streamVersion}` })),
                restates: ['log_transaction', 'log_sequence'],
              })),
            ],
            held: () => [],
          }),
        };
        /** The steps' summaries after a replay in batches of at least 4 events, whole pages of `pageSize`; `batches` as told. */
        const restatedSteps = async (pageSize: number, batches: number[]) => {
          const replayed = await readModels([auditTrailProjection, restatingAsItFolds], 4, pageSize);
          const told: number[] = [];
          expect(await replayed.replay((done) => told.push(done))).toBe(15);
          expect(told).toEqual(batches); // told of each batch written, not of each page read
          expect(await replayed.position()).toBe(await lastPosition());
          return (await steps(replayed)).map((row) => row.summary);
        };
        // Steps are versions 2–13 of the proposal's stream: each is last restated by the step two after it.
        const expected = Array.from({ length: 12 }, (_, index) => (index + 2 <= 11 ? `restated by ${index + 4}` : index + 2 === 12 ? 'restated by 13' : 'step'));
        expect(await restatedSteps(1, [4, 8, 12, 15])).toEqual(expected);
        expect(await restatedSteps(3, [6, 12, 15])).toEqual(expected);
        expect(await restatedSteps(4, [4, 8, 12, 15])).toEqual(expected);
      });

      it('refuses a generation whose checkpoint has moved', async () => {
        const projector = await readModels([auditTrailProjection]);
        await projector.projectBatch();
        await expect(projector.replay()).rejects.toThrow(/not a fresh generation/);
      });
    });
  });
}

describeProjector('PGlite', pgliteSchemas('projector'));

describeWithPostgres('the projector on PostgreSQL', (url) => {
  // The test schema's dispose drops the read-model generations made beside it too.
  describeProjector('PostgreSQL', () => openTestSchema(url));
});
