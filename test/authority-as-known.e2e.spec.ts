import { londonInstant } from '@ledger/governance';
import { describeOnEveryStore, expectRefused } from './ledger-api.js';

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
const CHECK = '/v1/authority/check?holderId=wiltshire-dass&organisationId=wiltshire-council&scopes=adult-social-care&amountPence=12000000&at=2022-02-10';

/**
 * An auditor's question about one decision: the Director of Adult Social Services approved the
 * care fees uplift on 10 February 2022 under the Cabinet's delegation; later a revocation of that
 * delegation, backdated to June 2021, was recorded. What did the ledger answer about the
 * Director's authority before the delegation was recorded, once the decision was, and now?
 * Every authority read under X-Ledger-As-Known-At answers from the log as it stood then.
 */
describeOnEveryStore('authority as the ledger knew it, and as it knows it now', (api) => {
  let beforeGrant: string;
  let afterDecision: string;
  let revocation: string;
  const then = (moment: () => string) => ({ headers: { 'x-ledger-as-known-at': moment() } });
  const now = (path: string) => api().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${revocation}`);

  beforeAll(async () => {
    for (const [path, body] of [
      ['/v1/organisations', { id: 'wiltshire-council', name: 'Wiltshire Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '2009-04-01' }],
      ['/v1/bodies', { id: 'wiltshire-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wiltshire-council', establishedOn: '2009-04-01' }],
      ['/v1/posts', { id: 'wiltshire-dass', title: 'Director of Adult Social Services', organisationId: 'wiltshire-council' }],
    ] as const) expect((await api().post(path, body)).status).toBe(201);
    await pause();
    beforeGrant = new Date().toISOString();
    await pause();
    for (const [path, body] of [
      ['/v1/delegations', { id: 'cabinet-to-dass', organisationId: 'wiltshire-council', fromId: 'wiltshire-cabinet', toId: 'wiltshire-dass', scopes: ['adult-social-care'], limitPence: 50_000_000, effectiveFrom: '2021-04-01', mayRedelegate: false, instrument: { title: 'Scheme of Delegation, Part 3' } }],
      ['/v1/proposals', { id: 'care-fees-2022-23', title: 'Care home fees uplift 2022/23', scopes: ['adult-social-care'], valuePence: 12_000_000, keyDecision: false, proposedById: 'wiltshire-dass', route: [{ organisationId: 'wiltshire-council', requirement: 'approve' }], tabledOn: '2022-01-20' }],
      ['/v1/proposals/care-fees-2022-23/ratifications', { ratificationId: 'dass-2022-02-10', deciderId: 'wiltshire-dass', version: 1, outcome: 'approved', decidedOn: '2022-02-10' }],
    ] as const) expect((await api().post(path, body)).status).toBe(201);
    await pause();
    afterDecision = new Date().toISOString();
    await pause();
    const revoked = await api().post('/v1/delegations/cabinet-to-dass/revocation', { effectiveFrom: '2021-06-01', reason: 'Recorded late: the scheme was revised in May 2021' });
    expect(revoked.status).toBe(201);
    revocation = revoked.json().position;
    for (const moment of [beforeGrant, afterDecision]) expect((await api().post('/v1/ledger/replays', { asKnownAt: moment })).status).toBe(201);
  });

  it('builds a replay on request in the running ledger, answers the one it keeps when asked again, and lists them', async () => {
    const again = await api().post('/v1/ledger/replays', { asKnownAt: afterDecision });
    expect(again.status).toBe(200);
    expect(again.json()).toMatchObject({ asKnownAt: londonInstant(afterDecision), untilPosition: null, events: 9, readWith: { header: 'x-ledger-as-known-at', value: londonInstant(afterDecision) } });
    const kept = (await api().get('/v1/ledger/replays')).json().items;
    expect(kept.map((replay: { asKnownAt: string }) => replay.asKnownAt)).toEqual([afterDecision, beforeGrant].map(londonInstant));
    expect(kept[0].schema).toBe(again.json().schema);
    const byPosition = await api().post('/v1/ledger/replays', { untilPosition: revocation });
    expect(byPosition.status).toBe(201);
    expect(byPosition.json()).toMatchObject({ untilPosition: revocation, events: 10, readWith: null });
  });

  it('refuses a replay asked for both ways, neither way, or by a moment it cannot read, building nothing', async () => {
    for (const body of [{}, { asKnownAt: afterDecision, untilPosition: revocation }, { asKnownAt: 'last spring' }, { untilPosition: 'head' }, { asKnownAt: afterDecision, schema: 'mine' }]) {
      const before = (await api().get('/v1/ledger/replays')).json().items.length;
      await expectRefused(api(), () => api().post('/v1/ledger/replays', body), 400, 'validation_failed');
      expect((await api().get('/v1/ledger/replays')).json().items).toHaveLength(before);
    }
    await expectRefused(api(), () => api().post('/v1/ledger/replays', { asKnownAt: afterDecision }, { key: null }), 401, 'unauthenticated');
  });

  it('checks authority on the record as it stood: no chain before the delegation was recorded, the chain once the decision was, refused now', async () => {
    const beforeIt = (await api().get(CHECK, then(() => beforeGrant))).json();
    expect(beforeIt).toMatchObject({ allowed: false, chains: [] });
    expect(beforeIt.reasons.join(' ')).toMatch(/no chain/i);
    expect((await api().get(CHECK, then(() => afterDecision))).json()).toMatchObject({ allowed: true, chains: [[expect.objectContaining({ delegationId: 'cabinet-to-dass' })]], reasons: [] });
    expect((await now(CHECK)).json()).toMatchObject({ allowed: false, reasons: ['delegation cabinet-to-dass revoked with effect from 2021-06-01'] });
  });

  it('answers a holder’s authority on the record as it stood', async () => {
    const path = '/v1/authority?holderId=wiltshire-dass&at=2022-02-10';
    expect((await api().get(path, then(() => beforeGrant))).json().organisations).toEqual([]);
    expect((await api().get(path, then(() => afterDecision))).json().organisations).toEqual([expect.objectContaining({ organisationId: 'wiltshire-council' })]);
    expect((await now(path)).json().organisations).toEqual([]);
  });

  it('judges the decision’s authority on the record as it stood: holding then, lapsed now on the revocation’s recording', async () => {
    const lapsedNow = { holds: false, reasons: ['delegation cabinet-to-dass revoked with effect from 2021-06-01'], since: expect.objectContaining({ position: revocation, type: 'DelegationRevoked', streamId: 'scheme-wiltshire-council' }) };
    expect((await api().get('/v1/ratifications?authority=lapsed', then(() => afterDecision))).json().items).toEqual([]);
    expect((await api().get('/v1/ratifications', then(() => afterDecision))).json().items).toEqual([expect.objectContaining({ id: 'dass-2022-02-10', authorityNow: { holds: true, reasons: [], since: null } })]);
    expect((await now('/v1/ratifications?authority=lapsed')).json().items).toEqual([expect.objectContaining({ id: 'dass-2022-02-10', authorityNow: lapsedNow })]);

    const proposalThen = (await api().get('/v1/proposals/care-fees-2022-23', then(() => afterDecision))).json();
    expect(proposalThen.route[0].decision.authorityNow).toEqual({ holds: true, reasons: [], since: null });
    const proposalNow = (await now('/v1/proposals/care-fees-2022-23')).json();
    expect(proposalNow).toMatchObject({ status: 'ratified', route: [{ decision: expect.objectContaining({ status: 'stands', authorityNow: lapsedNow }) }] });
    expect((await now('/v1/bodies/wiltshire-dass/decisions')).json().items[0].authorityNow).toEqual(lapsedNow);
  });

  it('shows the delegation as it stood then and as it stands now', async () => {
    expect((await api().get('/v1/delegations/cabinet-to-dass', then(() => beforeGrant))).status).toBe(404);
    expect((await api().get('/v1/delegations/cabinet-to-dass', then(() => afterDecision))).json().standing).toMatchObject({ status: 'active' });
    expect((await api().get('/v1/delegations?toId=wiltshire-dass&at=2022-02-10', then(() => afterDecision))).json().items).toHaveLength(1);
    expect((await now('/v1/delegations/cabinet-to-dass')).json().standing).toMatchObject({ status: 'revoked' });
  });
});
