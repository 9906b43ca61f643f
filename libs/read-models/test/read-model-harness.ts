import { randomUUID } from 'node:crypto';
import { compareLogPositions, migrate, readModelMigrationsDirectory, SqlEventStore, type Database, type NewEvent } from '@ledger/event-store';
import { Projector, readModelReader, type ClosableReadModelReader, type Projection, type ReadModelReader } from '@ledger/read-models';
import { describeWithPostgres, openTestSchema, pgliteSchemas } from '../../../test/postgres.js';

/** Projects until the read models hold the last event of each of these streams (`Projector.projectThrough`). */
export async function projectStreams(projector: Projector, store: SqlEventStore, streamIds: string[]): Promise<void> {
  const heads = await Promise.all(streamIds.map(async (streamId) => (await store.readStream(streamId)).at(-1)!.position));
  await projector.projectThrough(heads.reduce((latest, head) => (compareLogPositions(head, latest) > 0 ? head : latest)));
}

/** An event as the write side stores it (the handler adds ids and metadata). */
export function anEvent(type: string, data: unknown, actor = 'clerk:test'): NewEvent {
  return { eventId: randomUUID(), type, schemaVersion: 1, data, metadata: { actor } };
}

export interface ReadModelsUnderTest {
  database: Database;
  store: SqlEventStore;
  /** A fresh read-model generation with these projections. */
  readModels(projections: Projection[], batchSize?: number): Promise<{ projector: Projector; reader: ReadModelReader }>;
  /** Appends events to a stream at whatever version it stands. */
  append(streamId: string, ...events: NewEvent[]): Promise<void>;
}

/**
 * Runs `body` with a fresh event store and read-model generations, on embedded PGlite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL: feed events, project, assert rows and query answers.
 */
export function describeReadModels(name: string, body: (subject: () => ReadModelsUnderTest) => void): void {
  const run = (storeName: string, open: () => Promise<{ database: Database; dispose(): Promise<void> }>) =>
    describe(`${name} (${storeName})`, () => {
      let subject: ReadModelsUnderTest;
      let dispose: () => Promise<void>;
      beforeEach(async () => {
        const opened = await open();
        const { database } = opened;
        await migrate(database);
        const store = new SqlEventStore(database);
        let generations = 0;
        const created: string[] = [];
        const readers: ClosableReadModelReader[] = [];
        dispose = async () => {
          for (const reader of readers) await reader.close();
          for (const schema of created) await database.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await opened.dispose();
        };
        subject = {
          database,
          store,
          async readModels(projections, batchSize = 100) {
            generations += 1;
            const schema = `${database.schema}_rm${generations}`;
            created.push(schema);
            await migrate(database, readModelMigrationsDirectory(), { schema });
            const reader = readModelReader(database, schema);
            readers.push(reader);
            return { projector: new Projector(store, database, schema, projections, { batchSize }), reader };
          },
          async append(streamId, ...events) {
            await store.append(streamId, events, { expectedVersion: 'any' });
          },
        };
      });
      afterEach(async () => dispose());
      body(() => subject);
    });

  run('PGlite', pgliteSchemas('rm_test'));
  describeWithPostgres(`${name} (PostgreSQL)`, (url) => {
    run('PostgreSQL', () => openTestSchema(url));
  });
}
