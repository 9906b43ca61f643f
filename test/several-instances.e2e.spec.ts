import { describeWithPostgres, openTestSchema } from './postgres.js';
import { LedgerApi, expectRefused } from './ledger-api.js';

/**
 * Two API instances on one PostgreSQL store, as production runs them. Each keeps the streams it
 * has seen in memory and decides on them first; what the other instance wrote since must still
 * decide the answer.
 */
describeWithPostgres('several API instances on one store', (url) => {
  let first: LedgerApi;
  let second: LedgerApi;
  let dispose: () => Promise<void>;
  let clerk: string;

  beforeAll(async () => {
    const schema = await openTestSchema(url);
    dispose = schema.dispose;
    first = await LedgerApi.start({ DATABASE_URL: url, DATABASE_SCHEMA: schema.schema });
    second = await LedgerApi.start({ DATABASE_URL: url, DATABASE_SCHEMA: schema.schema });
    clerk = await first.keyFor('clerk', 'wirral-clerk');
    const calls: [string, unknown][] = [
      ['/v1/organisations', { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care', 'public-health'], establishedOn: '1974-04-01' }],
      ['/v1/bodies', { id: 'wirral-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wirral-council', establishedOn: '2000-05-01' }],
      ['/v1/posts', { id: 'wirral-director-of-care', title: 'Director for Health and Care', organisationId: 'wirral-council' }],
      [
        '/v1/delegations',
        {
          id: 'cabinet-to-director-of-care',
          organisationId: 'wirral-council',
          fromId: 'wirral-cabinet',
          toId: 'wirral-director-of-care',
          scopes: ['adult-social-care'],
          limitPence: 50_000_000,
          effectiveFrom: '2017-04-01',
          mayRedelegate: false,
          instrument: { title: "Leader's Scheme of Delegation" },
        },
      ],
    ];
    for (const [path, body] of calls) expect((await first.post(path, body, { key: clerk })).status).toBe(201);
  });

  afterAll(async () => {
    await first.stop();
    await second.stop();
    await dispose();
  });

  const table = (id: string) =>
    first.post(
      '/v1/proposals',
      {
        id,
        title: 'Domiciliary care framework',
        scopes: ['adult-social-care'],
        valuePence: 10_000_000,
        keyDecision: false,
        proposedById: 'wirral-director-of-care',
        route: [{ organisationId: 'wirral-council', requirement: 'approve' }],
        tabledOn: '2018-01-08',
      },
      { key: clerk },
    );

  const ratify = (api: LedgerApi, id: string, version: number) =>
    api.post(`/v1/proposals/${id}/ratifications`, { deciderId: 'wirral-director-of-care', version, outcome: 'approved', decidedOn: '2018-02-01' }, { key: clerk });

  it('an instance that has seen everything still refuses a decision whose authority the other instance revoked', async () => {
    expect((await table('domiciliary-care-2018')).status).toBe(201);
    expect((await table('domiciliary-care-2018-b')).status).toBe(201);
    expect((await ratify(first, 'domiciliary-care-2018-b', 1)).status).toBe(201); // the first instance has now read every stream involved
    const revoked = await second.post(
      '/v1/delegations/cabinet-to-director-of-care/revocation',
      { effectiveFrom: '2018-01-15', reason: 'Scheme of delegation revised by Full Council' },
      { key: clerk },
    );
    expect(revoked.status).toBe(201);
    const refusal = await expectRefused(first, () => ratify(first, 'domiciliary-care-2018', 1), 422, 'no_authority');
    expect(refusal.json().authority.reasons).toEqual([expect.stringContaining('revoked with effect from 2018-01-15')]);
  });

  it('an instance that has seen version 1 accepts a decision on the version 2 the other instance made', async () => {
    const grant = {
      id: 'cabinet-to-head-of-commissioning',
      organisationId: 'wirral-council',
      fromId: 'wirral-cabinet',
      toId: 'wirral-head-of-commissioning',
      scopes: ['adult-social-care'],
      limitPence: 50_000_000,
      effectiveFrom: '2017-04-01',
      mayRedelegate: false,
      instrument: { title: "Leader's Scheme of Delegation" },
    };
    expect((await first.post('/v1/posts', { id: 'wirral-head-of-commissioning', title: 'Head of Commissioning', organisationId: 'wirral-council' }, { key: clerk })).status).toBe(201);
    expect((await first.post('/v1/delegations', grant, { key: clerk })).status).toBe(201);
    expect((await table('care-homes-2018')).status).toBe(201);
    const amended = await second.post('/v1/proposals/care-homes-2018/amendments', { amendedOn: '2018-01-10', reason: 'Value corrected', valuePence: 20_000_000 }, { key: clerk });
    expect(amended.json()).toMatchObject({ version: 2 });

    const decide = (version: number) =>
      first.post(`/v1/proposals/care-homes-2018/ratifications`, { deciderId: 'wirral-head-of-commissioning', version, outcome: 'approved', decidedOn: '2018-02-01' }, { key: clerk });
    await expectRefused(first, () => decide(1), 409, 'version_conflict');
    const accepted = await decide(2);
    expect(accepted.status).toBe(201);
    expect(accepted.json()).toMatchObject({ version: 2, proposalStatus: 'ratified' });
  });
});
