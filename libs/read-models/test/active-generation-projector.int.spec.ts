import { randomUUID } from 'node:crypto';
import { migrate, SqlEventStore, type Database, type NewEvent } from '@ledger/event-store';
import { ActiveGenerationProjector, auditTrailProjection, ReadModelGenerations, rebuildReadModels } from '@ledger/read-models';
import { describeOnEveryDatabase } from '../../../test/postgres.js';

const registered = (organisationId: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'OrganisationRegistered',
  schemaVersion: 1,
  data: { organisationId, name: organisationId, kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-03-31T23:00:00.000Z' },
  metadata: { actor: 'clerk:wirral' },
});

const PROJECTIONS = [auditTrailProjection];

/**
 * The database, but the next time anyone asks which generation is active, `meanwhile` runs before
 * the answer comes back: what a projector meets when rebuilds swap generations in, and drop the one
 * it projects into, between its look at the active generation and its next batch.
 */
function withRebuildsBetween(database: Database, meanwhile: () => Promise<void>): { database: Database; arm(): void; done: Promise<void> } {
  let armed = false;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const query: Database['query'] = async (text, params, options) => {
    const rows = await database.query(text, params, options);
    if (armed && text.includes('FROM ledger_read_model_generations WHERE active')) {
      armed = false;
      await meanwhile().finally(finished);
    }
    return rows as never;
  };
  const hooked = new Proxy(database, {
    get: (target, property) => {
      if (property === 'query') return query;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { database: hooked, arm: () => (armed = true), done };
}

describeOnEveryDatabase('the projector of the active generation', (open) => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ database, dispose } = await open());
    await migrate(database);
  });
  afterEach(async () => dispose());

  it('follows the active generation when the one it was projecting into is dropped under it, instead of stopping', async () => {
    const store = new SqlEventStore(database);
    const generations = new ReadModelGenerations(database);
    const first = await generations.active();
    const dropped: string[] = [];
    const rebuilds = withRebuildsBetween(database, async () => {
      for (let rebuild = 0; rebuild < 2; rebuild++) dropped.push(...(await rebuildReadModels(store, database, PROJECTIONS)).dropped);
    });
    const projector = new ActiveGenerationProjector(store, rebuilds.database, PROJECTIONS);
    const stop = new AbortController();
    const running = projector.run(stop.signal);
    const trail = async () => {
      const active = await generations.activeName();
      return (await database.query<{ stream_id: string }>(`SELECT stream_id FROM ${active}.audit_trail ORDER BY log_transaction, log_sequence`)).map((row) => row.stream_id);
    };
    const projected = async (count: number) => {
      for (let waited = 0; (await trail()).length < count && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      return trail();
    };
    try {
      await store.append('organisation-wirral-council', [registered('wirral-council')], { expectedVersion: 'no-stream' });
      expect(await projected(1)).toEqual(['organisation-wirral-council']);

      rebuilds.arm();
      await store.append('organisation-sefton-council', [registered('sefton-council')], { expectedVersion: 'no-stream' });
      await rebuilds.done; // the projector, about to project Sefton into the first generation, finds it dropped
      expect(dropped).toEqual([first]);
      // Only the projector can bring Knowsley into the generation now active.
      await store.append('organisation-knowsley-council', [registered('knowsley-council')], { expectedVersion: 'no-stream' });
      expect(await projected(3)).toEqual(['organisation-wirral-council', 'organisation-sefton-council', 'organisation-knowsley-council']);
      expect(projector.failed).toBeUndefined();
      expect(await Promise.race([running.then(() => 'stopped', (error: Error) => error.message), new Promise((resolve) => setTimeout(() => resolve('running'), 200))])).toBe('running');
    } finally {
      stop.abort();
      await running.catch(() => undefined);
    }
  });
});
