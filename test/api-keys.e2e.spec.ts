import { ApiKeys } from '../apps/ledger-api/src/api-keys/api-keys.js';
import { generateApiKey, hashApiKey } from '@ledger/api-keys';
import { describeOnEveryStore, expectRefused, type LedgerApi } from './ledger-api.js';

/*
 * Issuing an integration key: it may act only for the bodies (or posts) on it, so each must be one
 * the ledger knows. A key naming an id the ledger does not know — a typo, a body not yet
 * established — is refused, naming every such id, and nothing is stored.
 */

const WIRRAL_COUNCIL = 'wirral-council';
const CABINET = 'wirral-cabinet';
const SCRUTINY = 'wirral-adult-care-and-health-overview-and-scrutiny';
const DIRECTOR = 'wirral-director-health-and-care';

async function keysNamed(api: LedgerApi, name: string): Promise<number> {
  const [row] = await api.database.query<{ count: string }>('SELECT count(*)::text AS count FROM ledger_api_keys WHERE name = $1', [name]);
  return Number(row.count);
}

describeOnEveryStore('issuing API keys limited to bodies', (api) => {
  const issue = (body: Record<string, unknown>) => api().post('/v1/api-keys', body);

  beforeAll(async () => {
    const clerk = await api().keyFor('clerk', 'wirral-democratic-services');
    for (const [path, body] of [
      ['/v1/organisations', { id: WIRRAL_COUNCIL, name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' }],
      ['/v1/bodies', { id: CABINET, name: 'Wirral Council Cabinet', kind: 'governing-body', organisationId: WIRRAL_COUNCIL, establishedOn: '2001-05-01' }],
      ['/v1/bodies', { id: SCRUTINY, name: 'Adult Care and Health Overview and Scrutiny Committee', kind: 'scrutiny-committee', organisationId: WIRRAL_COUNCIL, establishedOn: '2001-05-01' }],
      ['/v1/posts', { id: DIRECTOR, title: 'Director of Health and Care', organisationId: WIRRAL_COUNCIL }],
    ] as const) {
      const answer = await api().post(path, body, { key: clerk });
      if (answer.status !== 201) throw new Error(`${path}: ${answer.body}`);
    }
  });

  it('refuses a key naming a misspelt body and one the ledger has never heard of, naming each, and stores nothing', async () => {
    const answer = await expectRefused(api(), () => issue({ name: 'wirral-modgov', role: 'integration', bodyIds: [CABINET, 'wirral-cabnet', 'wirral-health-and-wellbeing-board'] }), 400, 'validation_failed');
    expect(answer.json()).toMatchObject({
      detail: expect.stringMatching(/^bodyIds names what the ledger does not know: wirral-cabnet, wirral-health-and-wellbeing-board\./),
      errors: [
        { field: 'bodyIds[1]', message: 'There is no body or post wirral-cabnet.' },
        { field: 'bodyIds[2]', message: 'There is no body or post wirral-health-and-wellbeing-board.' },
      ],
    });
    expect(answer.json().key).toBeUndefined();
    expect(await keysNamed(api(), 'wirral-modgov')).toBe(0);
  });

  it('refuses an organisation’s id, which is not a body', async () => {
    await expectRefused(api(), () => issue({ name: 'wirral-council-wide', role: 'integration', bodyIds: [WIRRAL_COUNCIL] }), 400, 'validation_failed');
    expect(await keysNamed(api(), 'wirral-council-wide')).toBe(0);
  });

  it('issues the key once every id names a body or post the ledger knows, under the name the refusal left free', async () => {
    const answer = await issue({ name: 'wirral-modgov', role: 'integration', bodyIds: [CABINET, SCRUTINY, DIRECTOR] });
    expect({ status: answer.status, body: answer.json() }).toEqual({
      status: 201,
      body: { id: 'wirral-modgov', name: 'wirral-modgov', keyId: expect.any(String), role: 'integration', bodyIds: [CABINET, SCRUTINY, DIRECTOR], expiresAt: null, key: expect.any(String), position: expect.any(String) },
    });
    expect(await keysNamed(api(), 'wirral-modgov')).toBe(1);
    // The key works: the body it names may call in (here, refused only because there is no such proposal).
    const callIn = await api().post('/v1/proposals/no-such-proposal/call-ins', { callInId: 'wirral-call-in', ratificationId: 'wirral-cabinet-decision', scrutinyBodyId: SCRUTINY, lodgedOn: '2017-12-01', reason: 'x' }, { key: answer.json().key });
    expect(callIn.status).toBe(404);
  });
});

describeOnEveryStore('looking up API keys', (api) => {
  it('never keeps a key it did not find: one issued a moment later, by another instance, is taken at once', async () => {
    const { key, keyId } = generateApiKey();
    expect((await api().get('/v1/organisations', { key })).status).toBe(401);
    // Another instance of the ledger issues it: the row appears in the shared database.
    await api().database.query('INSERT INTO ledger_api_keys (key_hash, key_id, name, role, body_ids, created_by, issued) VALUES ($1, $2, $3, $4, $5, $6, true)', [
      hashApiKey(key),
      keyId,
      'issued-elsewhere',
      'clerk',
      [],
      'admin:bootstrap',
    ]);
    expect((await api().get('/v1/organisations', { key })).status).toBe(200);
  });

  it('keeps nothing of a flood of made-up keys', async () => {
    const found = () => (api().app.get(ApiKeys) as unknown as { found: Map<string, unknown> }).found.size;
    const before = found();
    for (let guess = 0; guess < 200; guess++) expect((await api().get('/v1/organisations', { key: `ledger-guess-${guess}-${'x'.repeat(24)}` })).status).toBe(401);
    expect(found()).toBe(before);
  });
});
