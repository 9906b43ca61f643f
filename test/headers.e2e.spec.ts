import { ADMIN_KEY, describeOnEveryStore, LedgerApi } from './ledger-api.js';

/*
 * Headers on every answer of the API: helmet's security headers, and caching that keeps one
 * caller's answer from another (an anonymous reader must never be served a scrutiny member's
 * unredacted answer from a shared cache). /metrics only for admin keys or the configured scraper.
 */

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'content-security-policy': expect.stringContaining("default-src 'self'"),
  'strict-transport-security': expect.stringContaining('max-age='),
};

describeOnEveryStore('the headers of the API’s answers', (api) => {
  it.each([
    ['a read', '/v1/organisations', null],
    ['a read with a key', '/v1/organisations', ADMIN_KEY],
    ['a CSV', '/v1/audit?limit=1', ADMIN_KEY],
    ['a refusal', '/v1/organisations?limit=-1', null],
    ['an unknown address', '/v1/no-such-register', null],
  ])('%s carries the security headers, is kept by no cache, and says it varies by caller and Accept', async (_what, path, key) => {
    const answer = await api().get(path, { key, headers: path.includes('audit') ? { accept: 'text/csv' } : {} });
    expect(answer.headers).toMatchObject({ ...SECURITY_HEADERS, 'cache-control': 'private, no-store' });
    expect(answer.headers.vary?.split(/,\s*/)).toEqual(expect.arrayContaining(['Authorization', 'Accept']));
  });

  it('a command’s answer carries them too', async () => {
    const answer = await api().post('/v1/organisations', { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' });
    expect(answer.status).toBe(201);
    expect(answer.headers).toMatchObject({ ...SECURITY_HEADERS, 'cache-control': 'private, no-store' });
  });

  it('/metrics answers admin keys, and nobody else unless configured', async () => {
    expect((await api().get('/metrics', { key: null })).status).toBe(401);
    const clerk = await api().keyFor('clerk', 'wirral-clerks');
    expect((await api().get('/metrics', { key: clerk })).status).toBe(403);
    const admin = await api().get('/metrics', { key: ADMIN_KEY });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatch(/^# HELP /m);
    expect(admin.headers['cache-control']).toBe('private, no-store');
  });
});

describe('/metrics for a configured scraper', () => {
  it('answers the addresses in LEDGER_METRICS_FROM without a key, and no other', async () => {
    const scraped = await LedgerApi.start({ LEDGER_DATA_DIR: 'memory://', LEDGER_METRICS_FROM: '10.0.0.9, 127.0.0.1' });
    try {
      const answer = await scraped.get('/metrics', { key: null });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(/ledger_/);
    } finally {
      await scraped.stop();
    }
    const elsewhere = await LedgerApi.start({ LEDGER_DATA_DIR: 'memory://', LEDGER_METRICS_FROM: '10.0.0.9' });
    try {
      expect((await elsewhere.get('/metrics', { key: null })).status).toBe(401);
    } finally {
      await elsewhere.stop();
    }
  });
});

describe('the headers behind a proxy that sets the security headers itself (LEDGER_SECURITY_HEADERS=false)', () => {
  let api: LedgerApi;
  beforeAll(async () => {
    api = await LedgerApi.start({ LEDGER_DATA_DIR: 'memory://', LEDGER_SECURITY_HEADERS: 'false' });
  });
  afterAll(async () => api.stop());

  it('leaves helmet’s headers to the proxy, and still keeps every answer from shared caches', async () => {
    const answer = await api.get('/v1/organisations', { key: null });
    for (const name of Object.keys(SECURITY_HEADERS)) expect(answer.headers[name]).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('private, no-store');
  });
});
