import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { READ_MODEL_PROJECTIONS, replayReadModels } from '@ledger/read-models';
import { describeOnEveryStore, expectRefused } from './ledger-api.js';

/**
 * An auditor's question: what did the ledger say about the Director's delegation on the day before
 * a backdated revocation was recorded — against what we know now about that same day?
 */
describeOnEveryStore('the ledger as known on a past day', (api) => {
  let knownAt: string;
  let position: string;
  // Named like a read-model generation, so that the test schema's clean-up drops it too.
  const schemaName = () => `${api().database.schema}_rm_as_known`;

  beforeAll(async () => {
    for (const [path, body] of [
      ['/v1/organisations', { id: 'wiltshire-council', name: 'Wiltshire Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '2009-04-01' }],
      ['/v1/bodies', { id: 'wiltshire-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wiltshire-council', establishedOn: '2009-04-01' }],
      ['/v1/posts', { id: 'wiltshire-dass', title: 'Director of Adult Social Services', organisationId: 'wiltshire-council' }],
      ['/v1/delegations', { id: 'cabinet-to-dass', organisationId: 'wiltshire-council', fromId: 'wiltshire-cabinet', toId: 'wiltshire-dass', scopes: ['adult-social-care'], limitPence: 50_000_000, effectiveFrom: '2021-04-01', mayRedelegate: false, instrument: { title: 'Scheme of Delegation' } }],
      ['/v1/proposals', { id: 'wiltshire-day-care', title: 'Day care review', scopes: ['adult-social-care'], keyDecision: false, proposedById: 'wiltshire-cabinet', route: [{ organisationId: 'wiltshire-council', bodyId: 'wiltshire-cabinet', requirement: 'approve' }], tabledOn: '2021-05-10' }],
    ] as const) expect((await api().post(path, body)).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 20));
    knownAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const revoked = await api().post('/v1/delegations/cabinet-to-dass/revocation', { effectiveFrom: '2021-06-01', reason: 'Recorded late: the scheme was revised in May 2021' });
    expect(revoked.status).toBe(201);
    const ratified = await api().post('/v1/proposals/wiltshire-day-care/ratifications', { ratificationId: 'wiltshire-cabinet-2021-05-18', deciderId: 'wiltshire-cabinet', version: 1, outcome: 'approved', decidedOn: '2021-05-18' });
    expect(ratified.status).toBe(201);
    position = ratified.json().position;
    const result = await replayReadModels(api().app.get<EventStore>(EVENT_STORE), api().database, READ_MODEL_PROJECTIONS, schemaName(), { asKnownAt: knownAt });
    expect(result.events).toBe(7); // organisation, Cabinet, its designation as governing body, post, the delegation's id claimed and granted, the proposal tabled
  });

  it('answers reads from the replay when asked with X-Ledger-As-Known-At, and from what is known now without it', async () => {
    const then = await api().get('/v1/delegations/cabinet-to-dass', { headers: { 'x-ledger-as-known-at': knownAt } });
    expect(then.status).toBe(200);
    expect(then.json().standing).toMatchObject({ status: 'active' });
    expect(then.json().history).toHaveLength(1);
    const now = await api().get(`/v1/delegations/cabinet-to-dass?minPosition=${position}`);
    expect(now.json().standing).toMatchObject({ status: 'revoked', reason: 'Recorded late: the scheme was revised in May 2021' });
    const audit = await api().get('/v1/audit', { headers: { 'x-ledger-as-known-at': knownAt } });
    expect(audit.json().items.map((row: { type: string }) => row.type)).not.toContain('DelegationRevoked');
  });

  it('tells a proposal’s history as known then: its stream as far as the replay stands, without what was recorded since', async () => {
    const now = await api().get(`/v1/proposals/wiltshire-day-care/history?minPosition=${position}`);
    expect(now.json().items.map((entry: { type: string }) => entry.type)).toEqual(['ProposalTabled', 'RatificationRecorded', 'ProposalRatified']);
    const then = await api().get('/v1/proposals/wiltshire-day-care/history', { headers: { 'x-ledger-as-known-at': knownAt } });
    expect(then.status).toBe(200);
    expect(then.json().items).toEqual([now.json().items[0]]);
  });

  it('says which command builds a replay it does not have, and refuses an instant it cannot read', async () => {
    const missing = await expectRefused(api(), () => api().get('/v1/delegations/cabinet-to-dass', { headers: { 'x-ledger-as-known-at': '2021-03-01' } }), 404, 'not_found');
    expect(missing.json().detail).toMatch(/ledger replay --as-known-at 2021-03-01T00:00:00\+00:00 --schema <name>/);
    await expectRefused(api(), () => api().get('/v1/delegations/cabinet-to-dass', { headers: { 'x-ledger-as-known-at': 'last spring' } }), 400, 'validation_failed');
  });

  it('refuses to replay into a schema that exists', async () => {
    await expect(replayReadModels(api().app.get<EventStore>(EVENT_STORE), api().database, READ_MODEL_PROJECTIONS, schemaName(), { asKnownAt: knownAt })).rejects.toThrow(/already exists/);
  });
});
