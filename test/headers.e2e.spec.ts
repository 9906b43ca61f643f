import { ADMIN_KEY, describeOnEveryStore, LedgerApi } from './ledger-api.js';

/*
 * Headers on every answer of the API: security headers (the OWASP REST Security Cheat Sheet's set
 * on the JSON API's answers, helmet's whole set on the site's pages), and caching that keeps one
 * caller's answer from another (an anonymous reader must never be served a scrutiny member's
 * unredacted answer from a shared cache). /metrics only for admin keys or the configured scraper.
 */

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/** What helmet adds for HTML in browsers, on the site's pages only. */
const PAGE_ONLY_HEADERS = ['x-xss-protection', 'x-download-options', 'x-dns-prefetch-control', 'x-permitted-cross-domain-policies', 'origin-agent-cluster', 'cross-origin-opener-policy', 'cross-origin-resource-policy'];

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
    expect(answer.headers['strict-transport-security']).toBeUndefined(); // never over plain HTTP (RFC 6797 §7.2)
  });

  it('a page of the site carries helmet’s whole set, with a policy for pages; a JSON answer only what data needs', async () => {
    const page = await api().get('/', { key: null });
    expect(page.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer' });
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    for (const name of PAGE_ONLY_HEADERS) expect(page.headers[name]).toBeDefined();
    const data = await api().get('/v1/organisations', { key: null });
    for (const name of PAGE_ONLY_HEADERS) expect(data.headers[name]).toBeUndefined();
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

describe('behind a reverse proxy that terminates TLS (LEDGER_TRUST_PROXY)', () => {
  const overHttps = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.0.0.9' };

  it('takes a trusted proxy at its word: the caller’s address and HTTPS, so Strict-Transport-Security is sent', async () => {
    const api = await LedgerApi.start({ LEDGER_DATA_DIR: 'memory://', LEDGER_TRUST_PROXY: '127.0.0.0/8', LEDGER_METRICS_FROM: '10.0.0.9' });
    try {
      const answer = await api.get('/metrics', { key: null, headers: overHttps });
      expect(answer.status).toBe(200); // from 10.0.0.9, the scraper, as the proxy says
      expect(answer.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect((await api.get('/', { key: null, headers: overHttps })).headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect((await api.get('/metrics', { key: null })).status).toBe(401); // from the proxy itself
    } finally {
      await api.stop();
    }
  });

  it('believes no forwarded header from a client it does not trust', async () => {
    const api = await LedgerApi.start({ LEDGER_DATA_DIR: 'memory://', LEDGER_METRICS_FROM: '10.0.0.9' });
    try {
      const answer = await api.get('/metrics', { key: null, headers: overHttps });
      expect(answer.status).toBe(401);
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await api.stop();
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
