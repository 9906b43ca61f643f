import { ADMIN_KEY, expectRefused, LedgerApi } from './ledger-api.js';

/*
 * Limits that hold a flood: per API key, per address for the public, and a crawl for an address
 * guessing keys. Each refusal is a 429 problem with Retry-After, and records nothing. The counts
 * are kept in the API process, whatever the store, so these run on embedded PGlite; each test on
 * an API of its own, its counts fresh.
 */

const LIMITS = { LEDGER_DATA_DIR: 'memory://', LEDGER_RATE_LIMIT_PER_KEY: '30', LEDGER_RATE_LIMIT_PER_ADDRESS: '10', LEDGER_FAILED_KEYS_PER_MINUTE: '5' };
let ledger: LedgerApi;
const api = () => ledger;

async function until429(send: () => Promise<{ status: number }>, atMost: number): Promise<number> {
  for (let sent = 1; sent <= atMost; sent++) if ((await send()).status === 429) return sent;
  return -1;
}

describe('rate limits', () => {
  beforeEach(async () => {
    ledger = await LedgerApi.start(LIMITS);
  });
  afterEach(() => ledger.stop());

  it('gives the public its limit a minute per address, then 429 with Retry-After; liveness is never limited', async () => {
    const refusedAt = await until429(() => api().get('/v1/organisations', { key: null }), 20);
    expect(refusedAt).toBe(11);
    const refused = await api().get('/v1/organisations', { key: null });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 429, code: 'rate_limited', title: 'Too many requests', detail: expect.stringContaining('more than 10 requests in a minute') });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await api().get('/', { key: null })).status).toBe(429); // the website's pages count too
    expect((await api().get('/health/live', { key: null })).status).toBe(200);
    // A key counts apart from its address.
    expect((await api().get('/v1/organisations')).status).toBe(200);
  });

  it('gives each key its own limit, and a command past it records nothing', async () => {
    const clerk = await api().keyFor('clerk', 'wirral-clerks');
    expect(await until429(() => api().get('/v1/organisations', { key: clerk }), 40)).toBe(31);
    await expectRefused(api(), () => api().post('/v1/organisations', { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' }, { key: clerk }), 429, 'rate_limited');
    expect((await api().get('/v1/organisations', { key: ADMIN_KEY })).status).toBe(200); // another key is not held back
  });

  it('slows an address that guesses keys: after 5 refused in a minute, no key is taken from it, the right one included', async () => {
    for (let guess = 0; guess < 5; guess++) expect((await api().get('/v1/organisations', { key: `ledger-guess-${guess}-${'x'.repeat(24)}` })).status).toBe(401);
    const slowed = await api().get('/v1/organisations', { key: 'ledger-guess-6-xxxxxxxxxxxxxxxxxxxxxxxx' });
    expect(slowed.status).toBe(429);
    expect(slowed.json()).toMatchObject({ code: 'rate_limited', detail: expect.stringContaining('refused 5 times in a minute') });
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    expect((await api().get('/v1/organisations', { key: ADMIN_KEY })).status).toBe(429);
  });
});
