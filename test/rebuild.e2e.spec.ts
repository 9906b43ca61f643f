import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_STORE, type Database, type EventStore } from '@ledger/event-store';
import { READ_MODEL_PROJECTIONS, ReadModelGenerations, rebuildReadModels } from '@ledger/read-models';
import { LiveReadModels } from '../apps/ledger-api/src/read-models/live-read-models.js';
import { READ_MODELS, type ReadModels } from '../apps/ledger-api/src/read-models/read-models.js';
import { describeOnEveryStore, type LedgerApi } from './ledger-api.js';

/** A digest of every read-model table of a generation (the checkpoint's clock column aside). */
async function digest(database: Database, schema: string): Promise<Record<string, string>> {
  const tables = await database.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name NOT IN ('ledger_migrations', 'projection_checkpoint') ORDER BY table_name`,
    [schema],
  );
  const digests: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = await database.query<{ digest: string | null; rows: number }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest, count(*)::int AS rows FROM ${schema}.${table_name} t`,
    );
    digests[table_name] = `${row.rows}:${row.digest}`;
  }
  const [checkpoint] = await database.query<{ position: string; events: string }>(`SELECT position, events::text FROM ${schema}.projection_checkpoint`);
  digests.projection_checkpoint = `${checkpoint.position}:${checkpoint.events}`;
  return digests;
}

/** Every index of a generation, each as its definition with the schema's name taken out. */
async function indexes(database: Database, schema: string): Promise<string[]> {
  const rows = await database.query<{ definition: string }>(`SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`, [schema]);
  return rows.map(({ definition }) => definition.replaceAll(`${schema}.`, ''));
}

async function scenario(api: LedgerApi): Promise<string> {
  const clerk = await api.keyFor('clerk', 'wirral-clerk');
  let position = '';
  const calls: [string, unknown][] = [
    ['/v1/organisations', { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' }],
    ['/v1/bodies', { id: 'wirral-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wirral-council', establishedOn: '2000-05-01' }],
    ['/v1/bodies', { id: 'wirral-scrutiny', name: 'Adult Care and Health Overview and Scrutiny Committee', kind: 'scrutiny-committee', organisationId: 'wirral-council', establishedOn: '2000-05-01' }],
    ['/v1/posts', { id: 'wirral-director-of-care', title: 'Director for Health and Care', organisationId: 'wirral-council' }],
    ['/v1/posts/wirral-director-of-care/holders', { personName: 'Graham Hodkinson', startDate: '2016-09-01' }],
    ['/v1/delegations', { id: 'cabinet-to-director', organisationId: 'wirral-council', fromId: 'wirral-cabinet', toId: 'wirral-director-of-care', scopes: ['adult-social-care'], limitPence: 100_000_000, effectiveFrom: '2017-04-01', mayRedelegate: false, instrument: { title: "Leader's Scheme of Delegation" } }],
    ['/v1/proposals', { id: 'wirral-jscb', title: 'Joint Strategic Commissioning Board', scopes: ['adult-social-care'], keyDecision: true, exempt: { paragraph: 3, reason: 'Due diligence on the pooled fund' }, proposedById: 'wirral-director-of-care', route: [{ organisationId: 'wirral-council', bodyId: 'wirral-cabinet', requirement: 'approve' }], tabledOn: '2017-11-20' }],
    ['/v1/proposals/wirral-jscb/ratifications', { ratificationId: 'cabinet-2017-11-27', deciderId: 'wirral-cabinet', version: 1, outcome: 'approved', decidedOn: '2017-11-27', callInUntil: '2017-12-05' }],
    ['/v1/proposals/wirral-jscb/call-ins', { callInId: 'call-in-1', ratificationId: 'cabinet-2017-11-27', scrutinyBodyId: 'wirral-scrutiny', lodgedOn: '2017-12-01', reason: 'The pooled fund needs scrutiny' }],
    ['/v1/delegations/cabinet-to-director/revocation', { effectiveFrom: '2018-01-01', reason: 'Scheme revised' }],
  ];
  for (const [path, body] of calls) {
    const answer = await api.post(path, body, { key: clerk });
    expect({ path, status: answer.status }).toEqual({ path, status: 201 });
    position = answer.json().position;
  }
  return position;
}

describeOnEveryStore('rebuilding the read models', (api) => {
  it('fills a fresh generation with exactly what live projection built, swaps it in, and the API follows', async () => {
    const position = await scenario(api());
    expect((await api().get(`/v1/audit?minPosition=${position}`)).status).toBe(200);
    const readModels = api().app.get<ReadModels>(READ_MODELS);
    const live = readModels.schema;

    const result = await rebuildReadModels(api().app.get<EventStore>(EVENT_STORE), api().database, READ_MODEL_PROJECTIONS);
    expect(result).toMatchObject({ previous: live, events: expect.any(Number) });
    expect(result.schema).not.toBe(live);
    expect(await digest(api().database, result.schema)).toEqual(await digest(api().database, live));
    // Swapped in with the planner's statistics gathered: no table of it is left never analysed (reltuples -1).
    const unanalysed = await api().database.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' AND c.reltuples < 0`,
      [result.schema],
    );
    expect(unanalysed).toEqual([]);
    // Every index the migrations make is there, those a rebuild builds after its replay included.
    expect(await indexes(api().database, result.schema)).toEqual(await indexes(api().database, live));

    // The running API moves to the new generation by itself, and keeps answering.
    for (let waited = 0; readModels.schema !== result.schema && waited < 5_000; waited += 100) {
      await sleep(100);
      await api().get('/v1/audit?limit=1');
    }
    expect(readModels.schema).toBe(result.schema);
    const after = await api().get(`/v1/audit?limit=500&minPosition=${position}`);
    expect(after.json().items.length).toBe(result.events);

    // Its projector moved too: what is decided now reaches the new generation.
    const clerk = await api().keyFor('clerk', 'wirral-clerk-after-rebuild');
    const later = await api().post('/v1/posts', { id: 'wirral-head-of-commissioning', title: 'Head of Commissioning', organisationId: 'wirral-council' }, { key: clerk });
    expect(later.status).toBe(201);
    const newest = await api().get(`/v1/audit?type=PostCreated&minPosition=${later.json().position}`);
    expect(newest.json().items.map((item: { streamId: string }) => item.streamId)).toContain('post-wirral-head-of-commissioning');
    expect(readModels.schema).toBe(result.schema);
  });

  it('keeps the generation it replaced and drops those replaced before it, never one not yet swapped in', async () => {
    const clerk = await api().keyFor('clerk', 'wirral-clerk-generations');
    const sefton = { id: 'sefton-council', name: 'Sefton Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' };
    expect((await api().post('/v1/organisations', sefton, { key: clerk })).status).toBe(201);
    const { database } = api();
    const store = api().app.get<EventStore>(EVENT_STORE);
    const generations = new ReadModelGenerations(database);
    const generationSchemas = async () => {
      const recorded = await database.query<{ schema_name: string }>('SELECT schema_name FROM ledger_read_model_generations ORDER BY schema_name');
      const existing = await database.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 ORDER BY nspname`, [`${database.schema}\\_rm\\_%`]);
      expect(existing.map(({ nspname }) => nspname)).toEqual(recorded.map(({ schema_name }) => schema_name));
      return recorded.map(({ schema_name }) => schema_name);
    };
    const first = await generations.active();
    const replacedBefore = (await generationSchemas()).filter((schema) => schema !== first); // by the test before, when it runs first
    const filling = await generations.create(); // as another rebuild, still replaying, would have made it
    const rebuild = () => rebuildReadModels(store, database, READ_MODEL_PROJECTIONS);

    const second = await rebuild();
    expect(second).toMatchObject({ previous: first, dropped: replacedBefore });
    const third = await rebuild();
    expect(third).toMatchObject({ previous: second.schema, dropped: [first] });
    expect(await generationSchemas()).toEqual([filling, second.schema, third.schema].sort());

    // Named after every generation recorded, though the first is gone: no name comes round again.
    const fourth = await rebuild();
    expect(fourth).toMatchObject({ previous: third.schema, dropped: [second.schema] });
    expect([first, filling, second.schema, third.schema]).not.toContain(fourth.schema);
    expect(await generationSchemas()).toEqual([filling, third.schema, fourth.schema].sort());

    // A reader of the first generation, now dropped, follows to the active one on its next read, as the API does.
    const reading = new LiveReadModels(database, first);
    try {
      expect(await reading.query('SELECT count(*)::int AS events FROM audit_trail')).toEqual([{ events: fourth.events }]);
      expect(reading.schema).toBe(fourth.schema);
    } finally {
      await reading.close();
    }
    expect((await api().get('/v1/audit?limit=1')).status).toBe(200);
  });
});
