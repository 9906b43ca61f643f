import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { DATABASE, EVENT_STORE, type Database, type EventStore } from '@ledger/event-store';
import { loadEnvironment } from '../apps/ledger-api/src/configuration/ledger-environment.js';
import { createApp } from '../apps/ledger-api/src/create-app.js';
import { describeWithPostgres, openTestSchema } from './postgres.js';

function describeApi(name: string, environment: () => Promise<{ variables: Record<string, string>; dispose(): Promise<void> }>) {
  describe(`the API on ${name}`, () => {
    let app: NestFastifyApplication;
    let dispose: () => Promise<void>;
    let baseUrl: string;

    beforeAll(async () => {
      const prepared = await environment();
      dispose = prepared.dispose;
      app = await createApp(loadEnvironment({ LOG_LEVEL: 'silent', ...prepared.variables }));
      await app.listen({ port: 0, host: '127.0.0.1' });
      baseUrl = await app.getUrl();
    });
    afterAll(async () => {
      await app.close();
      await dispose();
    });

    async function get(path: string) {
      const response = await fetch(baseUrl + path);
      const body = await response.text();
      return {
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
        body,
        json: () => JSON.parse(body),
      };
    }

    it('is live', async () => {
      const response = await get('/health/live');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'ok' });
    });

    it('is ready once the database answers and migrations are applied', async () => {
      const response = await get('/health/ready');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, eventStore: { status: 'up', kind: 'database' } } });
    });

    it('is not ready while a migration is pending', async () => {
      const database = app.get<Database>(DATABASE);
      const [applied] = await database.query<{ name: string; checksum: string }>('SELECT name, checksum FROM ledger_migrations ORDER BY name LIMIT 1');
      await database.query('DELETE FROM ledger_migrations WHERE name = $1', [applied.name]);
      try {
        const response = await get('/health/ready');
        expect(response.statusCode).toBe(503);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({
          status: 503,
          code: 'not_ready',
          detail: 'Not ready: database down.',
          checks: { database: { status: 'down', pendingMigrations: [applied.name] } },
        });
      } finally {
        await database.query('INSERT INTO ledger_migrations (name, checksum) VALUES ($1, $2)', [applied.name, applied.checksum]);
      }
    });

    it('describes every command of the REST contract in its OpenAPI document', async () => {
      const paths = (await get('/docs-json')).json().paths as Record<string, Record<string, unknown>>;
      const commands = [
        '/v1/api-keys',
        '/v1/organisations',
        '/v1/organisations/{id}/dissolution',
        '/v1/bodies',
        '/v1/bodies/{id}/dissolution',
        '/v1/bodies/{id}/memberships',
        '/v1/bodies/{id}/memberships/{membershipId}/end',
        '/v1/posts',
        '/v1/posts/{id}/holders',
        '/v1/delegations',
        '/v1/delegations/{id}/variations',
        '/v1/delegations/{id}/suspensions',
        '/v1/delegations/{id}/reinstatements',
        '/v1/delegations/{id}/revocation',
        '/v1/proposals',
        '/v1/proposals/{id}/amendments',
        '/v1/proposals/{id}/withdrawal',
        '/v1/proposals/{id}/ratifications',
        '/v1/proposals/{id}/ratifications/{ratificationId}/rescission',
        '/v1/proposals/{id}/call-ins',
        '/v1/proposals/{id}/call-ins/{callInId}/resolution',
      ];
      for (const path of commands) expect({ path, post: paths[path]?.post !== undefined }).toEqual({ path, post: true });
    });

    it('serves its OpenAPI document and reader', async () => {
      const document = await get('/docs-json');
      expect(document.statusCode).toBe(200);
      expect(document.json()).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'Decision Ledger' } });
      expect(Object.keys(document.json().paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
      const reader = await get('/docs');
      expect(reader.statusCode).toBe(200);
      expect(reader.headers['content-type']).toMatch(/text\/html/);
    });

    it('answers an unknown path with an RFC 9457 problem', async () => {
      const response = await get('/v1/no-such-register');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toEqual({
        type: expect.stringMatching(/not-found$/),
        title: 'Not found',
        status: 404,
        detail: 'Cannot GET /v1/no-such-register',
        code: 'not_found',
      });
    });

    it('serves Prometheus metrics to the address configured to scrape them', async () => {
      const response = await get('/metrics');
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatch(/^# HELP /m);
    });

    it('counts in its metrics the appends that went to the event store, group by group (group commit)', async () => {
      const countOf = (body: string, metric: string) => Number(new RegExp(`^${metric}_count (\\d+)$`, 'm').exec(body)?.[1]);
      const before = (await get('/metrics')).body;
      const store = app.get<EventStore>(EVENT_STORE);
      await Promise.all(['one', 'two', 'three'].map((n) => store.append(`metrics-${n}-${Date.now()}`, [{ eventId: randomUUID(), type: 'MetricsCounted', schemaVersion: 1, data: { n } }], { expectedVersion: 'no-stream' })));
      const after = (await get('/metrics')).body;
      expect(countOf(after, 'ledger_append_wait_seconds') - countOf(before, 'ledger_append_wait_seconds')).toBe(3);
      const groups = countOf(after, 'ledger_append_group_seconds') - countOf(before, 'ledger_append_group_seconds');
      expect(groups).toBeGreaterThanOrEqual(1); // the first alone, the two that came while it was in flight together
      expect(groups).toBeLessThanOrEqual(3);
      expect(countOf(after, 'ledger_append_group_appends') - countOf(before, 'ledger_append_group_appends')).toBe(groups);
    });
  });
}

describeApi('embedded PGlite', async () => ({ variables: { LEDGER_DATA_DIR: 'memory://', LEDGER_METRICS_FROM: '127.0.0.1' }, dispose: async () => undefined }));

describeWithPostgres('the API on PostgreSQL', (url) => {
  describeApi('PostgreSQL', async () => {
    const { schema, dispose } = await openTestSchema(url);
    return { variables: { DATABASE_URL: url, DATABASE_SCHEMA: schema, LEDGER_METRICS_FROM: '127.0.0.1' }, dispose };
  });
});
