import { describeOnEveryStore, expectRefused } from './ledger-api.js';

const wiltshire = {
  id: 'wiltshire-council',
  name: 'Wiltshire Council',
  kind: 'local-authority',
  functions: ['adult-social-care', 'public-health', 'bcf'],
  establishedOn: '2009-04-01',
};

describeOnEveryStore('registering and dissolving organisations over HTTP', (api) => {
  let clerk: string;
  beforeAll(async () => {
    clerk = await api().keyFor('clerk', 'wiltshire-democratic-services');
  });

  it('registers an organisation and answers the log position it wrote, in the body and the header', async () => {
    const answer = await api().post('/v1/organisations', wiltshire, { key: clerk });
    expect(answer.status).toBe(201);
    expect(answer.json()).toEqual({ id: 'wiltshire-council', position: expect.stringMatching(/^\d+:\d+$/) });
    expect(answer.headers['x-ledger-position']).toBe(answer.json().position);
    const [event] = await api().eventsOf('organisation-wiltshire-council');
    expect(event).toMatchObject({ type: 'OrganisationRegistered', actor: 'clerk:wiltshire-democratic-services' });
    expect(JSON.parse(event.body).data).toEqual({
      organisationId: 'wiltshire-council',
      name: 'Wiltshire Council',
      kind: 'local-authority',
      functions: ['adult-social-care', 'public-health', 'bcf'],
      establishedOn: '2009-03-31T23:00:00.000Z', // 1 April 2009, 00:00 BST
    });
  });

  it('refuses an id that exists with 409 already_exists', async () => {
    await expectRefused(api(), () => api().post('/v1/organisations', wiltshire, { key: clerk }), 409, 'already_exists');
  });

  describe('bad input is a 400 problem that appends nothing', () => {
    const valid = { ...wiltshire, id: 'swindon-borough-council', name: 'Swindon Borough Council' };
    it.each<[string, unknown]>([
      ['an unknown field', { ...valid, leader: 'Cllr Clewer' }],
      ['a bad slug', { ...valid, id: 'Swindon Borough' }],
      ['a date that does not parse', { ...valid, establishedOn: '31/03/1997' }],
      ['a date without an offset', { ...valid, establishedOn: '1997-04-01T00:00:00' }],
      ['an unknown kind', { ...valid, kind: 'parish' }],
      ['functions that are not a list', { ...valid, functions: 'bcf' }],
      ['a malformed scope', { ...valid, functions: ['/bcf'] }],
      ['a missing name', { ...valid, name: undefined }],
      ['a number for a name', { ...valid, name: 42 }],
      ['a list instead of an object', [valid]],
    ])('%s', async (_case, body) => {
      const answer = await expectRefused(api(), () => api().post('/v1/organisations', body, { key: clerk }), 400, 'validation_failed');
      expect(answer.json().errors?.length ?? 1).toBeGreaterThan(0);
    });

    it('names the offending field', async () => {
      const answer = await expectRefused(api(), () => api().post('/v1/organisations', { ...valid, establishedOn: 'soon' }, { key: clerk }), 400, 'validation_failed');
      expect(answer.json().errors).toEqual([{ field: 'establishedOn', message: expect.stringMatching(/^establishedOn must be a date/) }]);
    });

    it('malformed JSON', async () => {
      await expectRefused(api(), () => api().request('POST', '/v1/organisations', { rawBody: '{"id": "swindon', key: clerk }), 400, 'validation_failed');
    });
  });

  describe('keys and roles', () => {
    const swindon = { ...wiltshire, id: 'swindon-borough-council', name: 'Swindon Borough Council' };
    it('refuses a command without a key (401)', async () => {
      await expectRefused(api(), () => api().post('/v1/organisations', swindon, { key: null }), 401, 'unauthenticated');
    });
    it('refuses a key it does not know (401)', async () => {
      await expectRefused(api(), () => api().post('/v1/organisations', swindon, { key: 'dl_not-a-key' }), 401, 'unauthenticated');
    });
    it('refuses an auditor key a command (403)', async () => {
      const auditor = await api().keyFor('auditor');
      await expectRefused(api(), () => api().post('/v1/organisations', swindon, { key: auditor }), 403, 'forbidden');
    });
    it('refuses a clerk issuing keys (403)', async () => {
      const before = await api().database.query('SELECT count(*)::int AS n FROM ledger_api_keys');
      const answer = await api().post('/v1/api-keys', { name: 'sneaky', role: 'admin' }, { key: clerk });
      expect(answer.status).toBe(403);
      expect(await api().database.query('SELECT count(*)::int AS n FROM ledger_api_keys')).toEqual(before);
    });
    it('stores keys only as hashes', async () => {
      const key = await api().keyFor('scrutiny', 'wiltshire-health-select-committee');
      const rows = await api().database.query<{ key_hash: string }>(`SELECT key_hash FROM ledger_api_keys WHERE name = 'wiltshire-health-select-committee'`);
      expect(rows).toHaveLength(1);
      expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].key_hash).not.toContain(key);
    });
  });

  describe('Idempotency-Key', () => {
    const bsw = { id: 'bsw-ccg', name: 'BSW CCG', kind: 'ccg', functions: ['commissioning', 'bcf'], establishedOn: '2020-04-01' };

    it('answers a retry with the first response and appends nothing', async () => {
      const first = await api().post('/v1/organisations', bsw, { key: clerk, idempotencyKey: 'register-bsw-ccg' });
      expect(first.status).toBe(201);
      const before = await api().eventCount();
      const retry = await api().post('/v1/organisations', bsw, { key: clerk, idempotencyKey: 'register-bsw-ccg' });
      expect(retry.status).toBe(201);
      expect(retry.json()).toEqual(first.json());
      expect(retry.headers['x-ledger-position']).toBe(first.json().position);
      expect(await api().eventCount()).toBe(before);
    });

    it('refuses the same key with a different body (422 idempotency_key_reused)', async () => {
      await expectRefused(
        api(),
        () => api().post('/v1/organisations', { ...bsw, name: 'Another name' }, { key: clerk, idempotencyKey: 'register-bsw-ccg' }),
        422,
        'idempotency_key_reused',
      );
    });

    it('appends once for concurrent requests with one key', async () => {
      const icb = { id: 'bsw-icb', name: 'BSW Integrated Care Board', kind: 'icb', functions: ['commissioning', 'bcf'], establishedOn: '2022-07-01' };
      const before = await api().eventCount();
      const answers = await Promise.all(Array.from({ length: 5 }, () => api().post('/v1/organisations', icb, { key: clerk, idempotencyKey: 'register-bsw-icb' })));
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
      expect(await api().eventCount()).toBe(before + 1);
    });

    it('replays a refusal too', async () => {
      const first = await api().post('/v1/organisations', wiltshire, { key: clerk, idempotencyKey: 'again-wiltshire' });
      expect(first.status).toBe(409);
      const retry = await api().post('/v1/organisations', wiltshire, { key: clerk, idempotencyKey: 'again-wiltshire' });
      expect(retry.status).toBe(409);
      expect(retry.json()).toEqual(first.json());
    });

    it('refuses a key over 200 characters', async () => {
      await expectRefused(api(), () => api().post('/v1/organisations', bsw, { key: clerk, idempotencyKey: 'k'.repeat(201) }), 400, 'validation_failed');
    });
  });

  describe('dissolution', () => {
    it('dissolves the CCG into the ICB on 1 July 2022, transferring its delegations', async () => {
      const answer = await api().post('/v1/organisations/bsw-ccg/dissolution', { dissolvedOn: '2022-07-01', successorId: 'bsw-icb', transferDelegations: true }, { key: clerk });
      expect(answer.status).toBe(201);
      expect(answer.json()).toEqual({ id: 'bsw-ccg', position: expect.any(String) });
      const events = await api().eventsOf('organisation-bsw-ccg');
      expect(JSON.parse(events[events.length - 1].body).data).toEqual({
        organisationId: 'bsw-ccg',
        dissolvedOn: '2022-06-30T23:00:00.000Z',
        successorId: 'bsw-icb',
        transferDelegations: true,
      });
    });

    it('refuses dissolving twice (409 invalid_transition)', async () => {
      await expectRefused(
        api(),
        () => api().post('/v1/organisations/bsw-ccg/dissolution', { dissolvedOn: '2022-08-01', transferDelegations: false }, { key: clerk }),
        409,
        'invalid_transition',
      );
    });

    it('refuses an unknown successor (404)', async () => {
      await expectRefused(
        api(),
        () => api().post('/v1/organisations/wiltshire-council/dissolution', { dissolvedOn: '2030-04-01', successorId: 'no-such-council', transferDelegations: true }, { key: clerk }),
        404,
        'not_found',
      );
    });

    it('refuses an unknown organisation (404)', async () => {
      await expectRefused(
        api(),
        () => api().post('/v1/organisations/no-such-council/dissolution', { dissolvedOn: '2030-04-01', transferDelegations: false }, { key: clerk }),
        404,
        'not_found',
      );
    });
  });
});
