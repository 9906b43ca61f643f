import { describeOnEveryStore, expectRefused } from './ledger-api.js';

describeOnEveryStore('the audit trail and the raw log over HTTP', (api) => {
  let clerk: string;
  let auditor: string;
  let lastPosition: string;

  beforeAll(async () => {
    clerk = await api().keyFor('clerk', 'wirral-democratic-services');
    auditor = await api().keyFor('auditor', 'grant-thornton');
    for (const [path, body] of [
      ['/v1/organisations', { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' }],
      ['/v1/bodies', { id: 'wirral-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wirral-council', establishedOn: '2000-05-01' }],
      ['/v1/posts', { id: 'wirral-director-of-care', title: 'Director for Health and Care', organisationId: 'wirral-council' }],
    ] as const) {
      const answer = await api().post(path, body, { key: clerk });
      expect(answer.status).toBe(201);
      lastPosition = answer.json().position;
    }
  });

  it('lists every event with its actor and a line of English, once the read models include the position a command answered', async () => {
    const answer = await api().get(`/v1/audit?minPosition=${lastPosition}`, { key: null });
    expect(answer.status).toBe(200);
    const { items, nextCursor } = answer.json();
    expect(nextCursor).toBeNull();
    // The two keys' issue comes first: keys are events of the log too.
    expect(items.map((item: { type: string }) => item.type)).toEqual(['ApiKeyIssued', 'ApiKeyIssued', 'OrganisationRegistered', 'BodyEstablished', 'GoverningBodyDesignated', 'PostCreated']);
    expect(items[0]).toMatchObject({ streamId: 'api-key-wirral-democratic-services', actor: 'admin:bootstrap', summary: expect.stringMatching(/^API key [a-z0-9]{16} of wirral-democratic-services issued as clerk$/) });
    expect(items[3]).toEqual({
      position: expect.stringMatching(/^\d+:\d+$/),
      streamId: 'body-wirral-cabinet',
      streamVersion: 1,
      eventId: expect.any(String),
      type: 'BodyEstablished',
      actor: 'clerk:wirral-democratic-services',
      recordedAt: expect.any(String),
      summary: 'Cabinet (wirral-cabinet) established as governing-body on 1 May 2000',
    });
    expect(items[items.length - 1].position).toBe(lastPosition);
  });

  it('takes the position in a header too', async () => {
    const answer = await api().get('/v1/audit', { key: null, headers: { 'x-ledger-min-position': lastPosition } });
    expect(answer.json().items).toHaveLength(6);
  });

  it('filters by stream, type and actor, and pages with cursors', async () => {
    expect((await api().get('/v1/audit?streamId=organisation-wirral-council&minPosition=' + lastPosition)).json().items.map((item: { type: string }) => item.type)).toEqual([
      'OrganisationRegistered',
      'GoverningBodyDesignated',
    ]);
    expect((await api().get('/v1/audit?type=PostCreated')).json().items).toHaveLength(1);
    expect((await api().get('/v1/audit?actor=clerk:nobody')).json().items).toEqual([]);
    const first = (await api().get('/v1/audit?limit=5')).json();
    expect(first.items).toHaveLength(5);
    const second = (await api().get(`/v1/audit?limit=5&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ type: 'PostCreated' })], nextCursor: null });
  });

  it('answers CSV when asked', async () => {
    const answer = await api().get('/v1/audit?limit=2', { headers: { accept: 'text/csv' } });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/csv/);
    const lines = answer.body.trim().split('\r\n');
    expect(lines[0]).toBe('position,streamId,streamVersion,eventId,type,actor,recordedAt,summary');
    expect(lines).toHaveLength(3);
    expect(answer.headers['x-next-cursor']).toEqual(expect.any(String));
  });

  it('refuses a malformed minPosition (400) and a cursor it never gave (400)', async () => {
    expect((await api().get('/v1/audit?minPosition=yesterday')).json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await api().get('/v1/audit?cursor=bm90LWEtY3Vyc29y')).json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await api().get('/v1/audit?limit=501')).json()).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('answers 503 projection_behind when the read models do not reach the position in time', async () => {
    const started = Date.now();
    const answer = await api().get('/v1/audit?minPosition=999999999999:1');
    expect(answer.status).toBe(503);
    expect(answer.json()).toMatchObject({ code: 'projection_behind' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_000);
  }, 15_000);

  describe('the raw log', () => {
    it('is for auditors only', async () => {
      await expectRefused(api(), () => api().get('/v1/events', { key: null }), 401, 'unauthenticated');
      await expectRefused(api(), () => api().get('/v1/events', { key: clerk }), 403, 'forbidden');
    });

    it('pages the envelopes in log order, by cursor or from a position', async () => {
      const keys = (await api().get('/v1/events?limit=2', { key: auditor })).json(); // the two keys' issue
      expect(keys.items.map((event: { type: string }) => event.type)).toEqual(['ApiKeyIssued', 'ApiKeyIssued']);
      const page = (await api().get(`/v1/events?limit=2&cursor=${keys.nextCursor}`, { key: auditor })).json();
      expect(page.items).toHaveLength(2);
      expect(page.items[0]).toMatchObject({ type: 'OrganisationRegistered', streamId: 'organisation-wirral-council', streamVersion: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(page.nextPosition).toBe(page.items[1].position);
      const next = (await api().get(`/v1/events?limit=2&cursor=${page.nextCursor}`, { key: auditor })).json();
      expect(next.items.map((event: { type: string }) => event.type)).toEqual(['GoverningBodyDesignated', 'PostCreated']);
      expect(next.nextCursor).toBeNull(); // the head of the log
      const rest = (await api().get(`/v1/events?fromPosition=${page.nextPosition}`, { key: auditor })).json();
      expect(rest).toMatchObject({ items: next.items, nextCursor: null });
    });

    it('keeps to the list limits (50 by default, at most 500) and refuses a cursor it never gave', async () => {
      await expectRefused(api(), () => api().get('/v1/events?limit=501', { key: auditor }), 400, 'validation_failed');
      await expectRefused(api(), () => api().get('/v1/events?cursor=bm90LWEtY3Vyc29y', { key: auditor }), 400, 'validation_failed');
    });

    it('streams NDJSON', async () => {
      const answer = await api().get('/v1/events', { key: auditor, headers: { accept: 'application/x-ndjson' } });
      expect(answer.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const events = answer.body.trim().split('\n').map((line) => JSON.parse(line));
      expect(events.map((event) => event.type)).toEqual(['ApiKeyIssued', 'ApiKeyIssued', 'OrganisationRegistered', 'BodyEstablished', 'GoverningBodyDesignated', 'PostCreated']);
    });
  });

  it('never shows an anonymous reader the detail of an exempt proposal', async () => {
    const secrets = ['Due diligence on the provider market', 'Commercially sensitive bid prices of three providers'];
    const tabled = await api().post(
      '/v1/proposals',
      {
        id: 'wirral-pooled-fund-appendix',
        title: 'Pooled fund: due diligence appendix',
        summary: secrets[1],
        scopes: ['adult-social-care'],
        keyDecision: true,
        exempt: { paragraph: 3, reason: secrets[0] },
        proposedById: 'wirral-director-of-care',
        route: [{ organisationId: 'wirral-council', bodyId: 'wirral-cabinet', requirement: 'approve' }],
        tabledOn: '2017-11-20',
      },
      { key: clerk },
    );
    expect(tabled.status).toBe(201);
    for (const accept of ['application/json', 'text/csv']) {
      const answer = await api().get(`/v1/audit?limit=500&minPosition=${tabled.json().position}`, { key: null, headers: { accept } });
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('wirral-pooled-fund-appendix');
      for (const secret of secrets) expect(answer.body).not.toContain(secret);
    }
  });
});
