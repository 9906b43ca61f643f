import { setTimeout as sleep } from 'node:timers/promises';
import { jest } from '@jest/globals';
import { generateApiKey, hashApiKey } from '@ledger/api-keys';
import { ApiKeys } from '../apps/ledger-api/src/api-keys/api-keys.js';
import { describeOnEveryStore, expectRefused, LedgerApi, type HttpAnswer } from './ledger-api.js';
import { describeWithPostgres, openTestSchema } from './postgres.js';

/*
 * Keys with a lifecycle, recorded in the ledger: issued with a recognisable prefix and a key id,
 * listed without secrets, rotated with an overlap, revoked at once, expiring on their own — and
 * each change an event of the log, in the audit trail, never carrying the secret or its hash.
 */

const keyOf = (answer: HttpAnswer): string => answer.json().key;

async function issued(api: LedgerApi, body: Record<string, unknown>): Promise<HttpAnswer> {
  const answer = await api.post('/v1/api-keys', body);
  if (answer.status !== 201) throw new Error(`could not issue ${JSON.stringify(body)}: ${answer.body}`);
  return answer;
}

const canRead = async (api: LedgerApi, key: string): Promise<number> => (await api.get('/v1/organisations', { key })).status;

describeOnEveryStore('the lifecycle of an API key', (api) => {
  it('issues a key a secret scanner can recognise, whose key id names it and whose issue is an event without the secret', async () => {
    const answer = await issued(api(), { name: 'wokingham-modgov', role: 'clerk' });
    const { key, keyId, position } = answer.json();
    expect(key).toMatch(/^ledger_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key.slice('ledger_'.length, 'ledger_'.length + 16)).toBe(keyId);
    expect(answer.json()).toMatchObject({ id: 'wokingham-modgov', name: 'wokingham-modgov', role: 'clerk', bodyIds: [], expiresAt: null });
    expect(answer.headers['x-ledger-position']).toBe(position);

    const events = await api().eventsOf('api-key-wokingham-modgov');
    expect(events.map((event) => [event.type, event.actor])).toEqual([['ApiKeyIssued', 'admin:bootstrap']]);
    expect(events[0].body).not.toContain(key.slice(24));
    expect(events[0].body).not.toContain(hashApiKey(key));

    const audit = await api().get(`/v1/audit?streamId=api-key-wokingham-modgov&minPosition=${position}`);
    expect(audit.json().items.map((row: { summary: string }) => row.summary)).toEqual([`API key ${keyId} of wokingham-modgov issued as clerk`]);
    expect(await canRead(api(), key)).toBe(200);
  });

  it('lists every key to admins — name, key id, role, bodies, status, created, by whom, last used — never a secret or hash', async () => {
    const answer = await issued(api(), { name: 'wokingham-auditor', role: 'auditor' });
    const { key, keyId } = answer.json();
    expect(await canRead(api(), key)).toBe(200);
    const list = await api().get('/v1/api-keys');
    expect(list.status).toBe(200);
    expect(list.headers['cache-control']).toMatch(/no-store/);
    const listed = list.json().items.find((item: { keyId: string }) => item.keyId === keyId);
    expect(listed).toEqual({
      name: 'wokingham-auditor',
      keyId,
      role: 'auditor',
      bodyIds: [],
      status: 'active',
      createdAt: expect.any(String),
      createdBy: 'admin:bootstrap',
      lastUsedAt: expect.any(String),
      expiresAt: null,
      revokedAt: null,
      revokedBy: null,
      revocationReason: null,
    });
    expect(list.body).not.toContain(key.slice(24));
    expect(list.body).not.toContain(hashApiKey(key));
    expect((await api().get('/v1/api-keys', { key })).status).toBe(403);
    expect((await api().get('/v1/api-keys', { key: null })).status).toBe(401);
  });

  it.each(['anonymous', 'bootstrap', 'Admin', 'system', 'ledger'])('refuses the reserved name %s, and records nothing', async (name) => {
    await expectRefused(api(), () => api().post('/v1/api-keys', { name, role: 'clerk' }), 400, 'validation_failed');
  });

  it('refuses a second key under a name already used (rotation is how a name gets another), and an expiry already past', async () => {
    await issued(api(), { name: 'wokingham-twice', role: 'clerk' });
    await expectRefused(api(), () => api().post('/v1/api-keys', { name: 'wokingham-twice', role: 'clerk' }), 409, 'already_exists');
    await expectRefused(api(), () => api().post('/v1/api-keys', { name: 'wokingham-past', role: 'clerk', expiresAt: '2020-01-01' }), 400, 'validation_failed');
  });

  it('revokes a key at once — even one this instance has just found and keeps — recording who, when and why', async () => {
    const { key, keyId } = (await issued(api(), { name: 'bracknell-modgov', role: 'clerk' })).json();
    expect(await canRead(api(), key)).toBe(200); // found, and kept
    const revoked = await api().post('/v1/api-keys/bracknell-modgov/revocation', { reason: 'The integration was retired.' });
    expect({ status: revoked.status, body: revoked.json() }).toEqual({ status: 201, body: { id: 'bracknell-modgov', revoked: [keyId], position: expect.any(String) } });
    expect(await canRead(api(), key)).toBe(401);

    const events = await api().eventsOf('api-key-bracknell-modgov');
    expect(events.map((event) => event.type)).toEqual(['ApiKeyIssued', 'ApiKeyRevoked']);
    const audit = await api().get(`/v1/audit?streamId=api-key-bracknell-modgov&minPosition=${revoked.json().position}`);
    expect(audit.json().items.map((row: { summary: string }) => row.summary)).toContain(`API key ${keyId} of bracknell-modgov revoked: The integration was retired.`);
    const listed = (await api().get('/v1/api-keys')).json().items.find((item: { keyId: string }) => item.keyId === keyId);
    expect(listed).toMatchObject({ status: 'revoked', revokedBy: 'admin:bootstrap', revocationReason: 'The integration was retired.', revokedAt: expect.any(String) });
  });

  it('refuses to revoke a key already revoked, a name never issued and a key id not of the name, appending nothing', async () => {
    await issued(api(), { name: 'bracknell-old', role: 'clerk' });
    expect((await api().post('/v1/api-keys/bracknell-old/revocation', { reason: 'Done with.' })).status).toBe(201);
    await expectRefused(api(), () => api().post('/v1/api-keys/bracknell-old/revocation', { reason: 'Again.' }), 409, 'invalid_transition');
    await expectRefused(api(), () => api().post('/v1/api-keys/no-such-key/revocation', { reason: 'Who?' }), 404, 'not_found');
    await expectRefused(api(), () => api().post('/v1/api-keys/bracknell-old/revocation', { reason: 'Which?', keyId: 'aaaaaaaaaaaaaaaa' }), 404, 'not_found');
    await expectRefused(api(), () => api().post('/v1/api-keys/bracknell-old/revocation', {}), 400, 'validation_failed');
  });

  it('rotates a key: both work during the overlap, the old one then revoked alone leaves the new one working', async () => {
    const old = await issued(api(), { name: 'west-berks-modgov', role: 'clerk' });
    const rotated = await api().post('/v1/api-keys/west-berks-modgov/rotation', { oldKeysExpireAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(rotated.status).toBe(201);
    expect(rotated.json()).toMatchObject({ name: 'west-berks-modgov', role: 'clerk', key: expect.stringMatching(/^ledger_/) });
    expect(rotated.json().keyId).not.toBe(old.json().keyId);
    expect([await canRead(api(), keyOf(old)), await canRead(api(), keyOf(rotated))]).toEqual([200, 200]);

    const listed = (await api().get('/v1/api-keys')).json().items.filter((item: { name: string }) => item.name === 'west-berks-modgov');
    expect(listed.map((item: { keyId: string; expiresAt: string | null }) => [item.keyId, item.expiresAt === null])).toEqual([
      [old.json().keyId, false],
      [rotated.json().keyId, true],
    ]);

    const revoked = await api().post('/v1/api-keys/west-berks-modgov/revocation', { reason: 'Changed over.', keyId: old.json().keyId });
    expect(revoked.json().revoked).toEqual([old.json().keyId]);
    expect([await canRead(api(), keyOf(old)), await canRead(api(), keyOf(rotated))]).toEqual([401, 200]);
    expect((await api().eventsOf('api-key-west-berks-modgov')).map((event) => event.type)).toEqual(['ApiKeyIssued', 'ApiKeyIssued', 'ApiKeyExpirySet', 'ApiKeyRevoked']);
  });

  it('stops taking a key at its expiry, and records the expiry in the log', async () => {
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const { key, keyId } = (await issued(api(), { name: 'reading-short-lived', role: 'scrutiny', expiresAt })).json();
    expect(await canRead(api(), key)).toBe(200);
    await sleep(1_600);
    expect(await canRead(api(), key)).toBe(401);
    expect(await api().app.get(ApiKeys).register.recordExpiries()).toBeGreaterThanOrEqual(1);
    const events = await api().eventsOf('api-key-reading-short-lived');
    expect(events.map((event) => [event.type, event.actor])).toEqual([
      ['ApiKeyIssued', 'admin:bootstrap'],
      ['ApiKeyExpired', 'ledger:keys'],
    ]);
    const listed = (await api().get('/v1/api-keys')).json().items.find((item: { keyId: string }) => item.keyId === keyId);
    expect(listed.status).toBe('expired');
  });

  it('refuses a key with a real key id and a wrong secret, keeping nothing of the attempts', async () => {
    const { key } = (await issued(api(), { name: 'wokingham-guessed', role: 'clerk' })).json();
    expect(await canRead(api(), key)).toBe(200);
    const found = () => (api().app.get(ApiKeys) as unknown as { found: Map<string, unknown> }).found.size;
    const before = found();
    for (let guess = 0; guess < 50; guess++) expect(await canRead(api(), `${key.slice(0, 24)}${generateApiKey().key.slice(24)}`)).toBe(401);
    expect(found()).toBe(before);
    expect(await canRead(api(), key)).toBe(200);
  });

  it('records in the log, once, a key issued before keys were events, and still takes it', async () => {
    const key = `dl_${'q'.repeat(20)}${Date.now()}`;
    await api().database.query("INSERT INTO ledger_api_keys (key_hash, key_id, name, role, body_ids, created_by, issued) VALUES ($1, 'legacyabcdef0123', 'old-modgov', 'clerk', '{}', 'admin:bootstrap', true)", [hashApiKey(key)]);
    await api().app.get(ApiKeys).register.reconcile();
    await api().app.get(ApiKeys).register.reconcile();
    const events = await api().eventsOf('api-key-old-modgov');
    expect(events.map((event) => [event.type, event.actor])).toEqual([['ApiKeyIssued', 'ledger:keys']]);
    expect(JSON.parse(events[0].body).data).toMatchObject({ keyId: 'legacyabcdef0123', issuedBeforeRecording: { issuedBy: 'admin:bootstrap' } });
    expect(await canRead(api(), key)).toBe(200);
  });
});

describeWithPostgres('revoking a key on one API instance (PostgreSQL)', (url) => {
  let first: LedgerApi;
  let second: LedgerApi;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const schema = await openTestSchema(url);
    dispose = schema.dispose;
    first = await LedgerApi.start({ DATABASE_URL: url, DATABASE_SCHEMA: schema.schema });
    second = await LedgerApi.start({ DATABASE_URL: url, DATABASE_SCHEMA: schema.schema, LEDGER_RUN_PROJECTOR: 'false' });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await dispose();
  });

  it('is refused by the other instance as soon as its notice arrives, though it had found the key and keeps keys found for 5 s', async () => {
    const { key, keyId } = (await issued(first, { name: 'wiltshire-modgov', role: 'clerk' })).json();
    expect(await canRead(second, key)).toBe(200);
    expect(await canRead(second, key)).toBe(200); // kept now
    // The notice reaches the other instance over its own connection, a moment after the commit, and
    // may come after the revoking request is answered: wait for it to be heard, not for a time.
    const forgotten = jest.spyOn(second.app.get(ApiKeys), 'forget');
    expect((await first.post('/v1/api-keys/wiltshire-modgov/revocation', { reason: 'Leaked in a support ticket.' })).status).toBe(201);
    while (!forgotten.mock.calls.some(([forgottenId]) => forgottenId === keyId)) await sleep(5);
    expect(await canRead(second, key)).toBe(401);
  });
});

describeOnEveryStore('issuing a key with an Idempotency-Key', (api) => {
  it('answers a retry with the same key id but never keeps the secret to answer it again', async () => {
    const first = await api().post('/v1/api-keys', { name: 'slough-modgov', role: 'clerk' }, { idempotencyKey: 'issue-slough-modgov' });
    expect(first.status).toBe(201);
    const again = await api().post('/v1/api-keys', { name: 'slough-modgov', role: 'clerk' }, { idempotencyKey: 'issue-slough-modgov' });
    expect({ status: again.status, replayed: again.headers['idempotent-replayed'] }).toEqual({ status: 201, replayed: 'true' });
    expect(again.json()).toEqual({ ...first.json(), key: '[shown only in the first answer; if it was lost, rotate the key]' });
    const kept = await api().database.query<{ response: string }>("SELECT response FROM ledger_idempotency WHERE key = 'issue-slough-modgov'");
    expect(kept[0].response).not.toContain(first.json().key.slice(24));
    expect(await canRead(api(), first.json().key)).toBe(200);
  });
});
