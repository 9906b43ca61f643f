import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DATABASE, type Database } from '@ledger/event-store';
import { loadEnvironment } from '../apps/ledger-api/src/configuration/ledger-environment.js';
import { NO_RATE_LIMITS } from './no-rate-limits.js';
import { createApp } from '../apps/ledger-api/src/create-app.js';
import { SealerService } from '../apps/ledger-api/src/ledger-seal/sealer.service.js';
import { ProjectorService } from '../apps/ledger-api/src/read-models/projector.service.js';
import { OpenApiAnswers } from './openapi-answers.js';
import { describeWithPostgres, openTestSchema } from './postgres.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdefXYZ';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A running API on a store of its own, spoken to over real HTTP. */
export class LedgerApi {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
    private readonly dispose: () => Promise<void>,
    /** The OpenAPI document this API serves, which every answer received here is checked against. */
    private readonly contract: OpenApiAnswers,
  ) {}

  static async start(variables: Record<string, string>, dispose: () => Promise<void> = async () => undefined): Promise<LedgerApi> {
    const app = await createApp(loadEnvironment({ LOG_LEVEL: 'silent', LEDGER_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, LEDGER_MIN_POSITION_WAIT_MS: '5000', ...NO_RATE_LIMITS, ...variables }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = await app.getUrl();
    // The document every answer is checked against, read with the admin key before any test's
    // request, so that it counts against no address's rate limit a test measures.
    const document = await fetch(`${baseUrl}/docs-json`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    if (!document.ok) throw new Error(`/docs-json answered ${document.status}`);
    return new LedgerApi(app, baseUrl, dispose, OpenApiAnswers.of(await document.json()));
  }

  get database(): Database {
    return this.app.get<Database>(DATABASE);
  }

  /** Stops the API that was meant to stop its projector or sealer (a forgery found, say), and lets go of its store. */
  async stopAfterFailure(): Promise<void> {
    await this.app.close();
    await this.dispose();
  }

  /** Stops the API; fails the suite if its projector or sealer stopped on a failure. */
  async stop(): Promise<void> {
    const failure = this.app.get(ProjectorService).failure ?? this.app.get(SealerService).failed;
    await this.app.close();
    if (failure) throw failure;
    await this.dispose();
  }

  async request(method: string, path: string, options: { body?: unknown; rawBody?: string; key?: string | null; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const key = options.key === undefined ? ADMIN_KEY : options.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()); // a byte-order mark kept, as a file saved would keep it
    this.contract.check(method, path, response.status, response.headers.get('content-type') ?? undefined, text);
    return { status: response.status, headers: Object.fromEntries(response.headers), body: text, json: () => JSON.parse(text) };
  }

  get(path: string, options: { key?: string | null; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
    return this.request('GET', path, options);
  }

  post(path: string, body: unknown, options: { key?: string | null; idempotencyKey?: string } = {}): Promise<HttpAnswer> {
    return this.request('POST', path, { body, key: options.key, headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {} });
  }

  /** An API key of a role, issued by the bootstrap admin. */
  async keyFor(role: string, name = `${role}-${Math.random().toString(36).slice(2, 8)}`, bodyIds?: string[]): Promise<string> {
    const answer = await this.post('/v1/api-keys', { name, role, ...(bodyIds ? { bodyIds } : {}) });
    if (answer.status !== 201) throw new Error(`could not issue a ${role} key: ${answer.body}`);
    return answer.json().key;
  }

  /** How many events the log holds: a refused request must leave it unchanged. */
  async eventCount(): Promise<number> {
    const [row] = await this.database.query<{ count: string }>('SELECT count(*)::text AS count FROM ledger_events');
    return Number(row.count);
  }

  async eventsOf(streamId: string) {
    return this.database.query<{ type: string; actor: string; body: string }>('SELECT type, actor, body FROM ledger_events WHERE stream_id = $1 ORDER BY stream_version', [streamId]);
  }
}

/** Runs `body` against an API on embedded PGlite and, when configured, on PostgreSQL. */
export function describeOnEveryStore(name: string, body: (api: () => LedgerApi) => void): void {
  describe(`${name} (PGlite)`, () => {
    let api: LedgerApi;
    beforeAll(async () => {
      api = await LedgerApi.start({ LEDGER_DATA_DIR: 'memory://' });
    });
    afterAll(async () => api.stop());
    body(() => api);
  });
  describeWithPostgres(`${name} (PostgreSQL)`, (url) => {
    let api: LedgerApi;
    beforeAll(async () => {
      const { schema, dispose } = await openTestSchema(url);
      api = await LedgerApi.start({ DATABASE_URL: url, DATABASE_SCHEMA: schema }, dispose);
    });
    afterAll(async () => api.stop());
    body(() => api);
  });
}

/**
 * Runs `body` on embedded PGlite and, when configured, on PostgreSQL, handing it a way to start an
 * API of its own with extra variables — for tests that need a fresh one each (one that stops its
 * sealer, one that must refuse to start).
 */
export function describeWithFreshApis(name: string, body: (start: (variables?: Record<string, string>) => Promise<LedgerApi>) => void): void {
  describe(`${name} (PGlite)`, () => body((variables = {}) => LedgerApi.start({ LEDGER_DATA_DIR: 'memory://', ...variables })));
  describeWithPostgres(`${name} (PostgreSQL)`, (url) =>
    body(async (variables = {}) => {
      const { schema, dispose } = await openTestSchema(url);
      try {
        return await LedgerApi.start({ DATABASE_URL: url, DATABASE_SCHEMA: schema, ...variables }, dispose);
      } catch (error) {
        await dispose();
        throw error;
      }
    }),
  );
}

/** Expects a refusal as an RFC 9457 problem with this status and code, and the log unchanged. */
export async function expectRefused(api: LedgerApi, attempt: () => Promise<HttpAnswer>, status: number, code: string): Promise<HttpAnswer> {
  const before = await api.eventCount();
  const answer = await attempt();
  expect({ status: answer.status, code: answer.body ? JSON.parse(answer.body).code : undefined }).toEqual({ status, code });
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.json()).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  expect(await api.eventCount()).toBe(before);
  return answer;
}
