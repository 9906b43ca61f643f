import { londonDate } from '@ledger/governance';
import { describeOnEveryStore, expectRefused, type HttpAnswer } from './ledger-api.js';

/*
 * A record of something that has not happened yet is a typo going into an immutable ledger:
 * decisions, call-ins, rescissions, resolutions — and the tabling, amendment and withdrawal of a
 * proposal — dated after the moment they are recorded (beyond a few minutes for clocks that
 * differ) are refused as 400 validation_failed naming the field, and nothing is appended. Today's
 * date is accepted; a call-in deadline and a delegation may lie in the future.
 */

type Json = Record<string, unknown>;

const WIRRAL_COUNCIL = 'wirral-council';
const CABINET = 'wirral-cabinet';
const SCRUTINY = 'wirral-adult-care-and-health-overview-and-scrutiny';
const PROPOSAL = 'wirral-integrated-commissioning';

const proposal = (id: string, tabledOn: string): Json => ({
  id,
  title: 'Integrated Commissioning for Wirral',
  scopes: ['adult-social-care'],
  keyDecision: true,
  proposedById: 'wirral-director-health-and-care',
  route: [{ organisationId: WIRRAL_COUNCIL, bodyId: CABINET, requirement: 'approve' }],
  tabledOn,
});

const cabinetDecision = (ratificationId: string, decidedOn: string, more: Json = {}): Json => ({ ratificationId, deciderId: CABINET, version: 1, outcome: 'approved', decidedOn, ...more });

/** Today's date where the councils are, which is what a clerk types. */
const today = () => londonDate(new Date().toISOString());

describeOnEveryStore('records dated in the future', (api) => {
  let clerk: string;
  const post = (path: string, body: Json) => api().post(path, body, { key: clerk });
  const ratify = (body: Json) => post(`/v1/proposals/${PROPOSAL}/ratifications`, body);

  /** Refused as 400 validation_failed naming `field`, the log unchanged. */
  async function expectFutureRefused(field: string, attempt: () => Promise<HttpAnswer>): Promise<void> {
    const answer = await expectRefused(api(), attempt, 400, 'validation_failed');
    expect(answer.json().detail).toMatch(new RegExp(`^${field} cannot be in the future: `));
    expect(answer.json().errors).toEqual([{ field, message: answer.json().detail }]);
  }

  const typesOf = async (streamId: string) => (await api().eventsOf(streamId)).map((event) => event.type);

  beforeAll(async () => {
    clerk = await api().keyFor('clerk', 'wirral-democratic-services');
    for (const [path, body] of [
      ['/v1/organisations', { id: WIRRAL_COUNCIL, name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' }],
      ['/v1/bodies', { id: CABINET, name: 'Wirral Council Cabinet', kind: 'governing-body', organisationId: WIRRAL_COUNCIL, establishedOn: '2001-05-01' }],
      ['/v1/bodies', { id: SCRUTINY, name: 'Adult Care and Health Overview and Scrutiny Committee', kind: 'scrutiny-committee', organisationId: WIRRAL_COUNCIL, establishedOn: '2001-05-01' }],
      ['/v1/posts', { id: 'wirral-director-health-and-care', title: 'Director of Health and Care', organisationId: WIRRAL_COUNCIL }],
      ['/v1/proposals', proposal(PROPOSAL, '2017-11-17')],
    ] as const) {
      const answer = await post(path, body);
      if (answer.status !== 201) throw new Error(`${path}: ${answer.body}`);
    }
  });

  it('refuses a ratification dated 2031-01-01, which would have ratified the proposal', async () => {
    await expectFutureRefused('decidedOn', () => ratify(cabinetDecision('wirral-cabinet-2031-01-01', '2031-01-01')));
    expect(await typesOf(`proposal-${PROPOSAL}`)).toEqual(['ProposalTabled']);
  });

  it('refuses a decision dated an hour ahead of the ledger’s clock', async () => {
    await expectFutureRefused('decidedOn', () => ratify(cabinetDecision('wirral-cabinet-in-an-hour', new Date(Date.now() + 60 * 60 * 1000).toISOString())));
  });

  it('refuses tabling, amending or withdrawing a proposal with a date to come', async () => {
    await expectFutureRefused('tabledOn', () => post('/v1/proposals', proposal('wirral-tabled-in-2031', '2031-11-17')));
    await expectFutureRefused('amendedOn', () => post(`/v1/proposals/${PROPOSAL}/amendments`, { amendedOn: '2031-11-20', reason: 'Public health added', scopes: ['adult-social-care', 'public-health'] }));
    await expectFutureRefused('withdrawnOn', () => post(`/v1/proposals/${PROPOSAL}/withdrawal`, { withdrawnOn: '2031-11-20', reason: 'Superseded' }));
    expect(await typesOf('proposal-wirral-tabled-in-2031')).toEqual([]);
  });

  it('records a decision dated today, with a call-in deadline years ahead', async () => {
    const answer = await ratify(cabinetDecision('wirral-cabinet-today', today(), { callInUntil: '2032-01-01' }));
    expect({ status: answer.status, body: answer.json() }).toMatchObject({ status: 201, body: { id: 'wirral-cabinet-today', proposalStatus: 'ratified' } });
  });

  it('refuses a call-in lodged with a date to come, and takes one lodged today', async () => {
    const callIn = (lodgedOn: string) => post(`/v1/proposals/${PROPOSAL}/call-ins`, { callInId: 'wirral-call-in', ratificationId: 'wirral-cabinet-today', scrutinyBodyId: SCRUTINY, lodgedOn, reason: 'Members asked for the risk share.' });
    await expectFutureRefused('lodgedOn', () => callIn('2031-12-01'));
    expect((await callIn(today())).status).toBe(201);
  });

  it('refuses a call-in resolved with a date to come, and takes one resolved today', async () => {
    const resolve = (resolvedOn: string) => post(`/v1/proposals/${PROPOSAL}/call-ins/wirral-call-in/resolution`, { resolvedOn, outcome: 'no-further-action' });
    await expectFutureRefused('resolvedOn', () => resolve('2031-12-12'));
    expect((await resolve(today())).status).toBe(201);
  });

  it('refuses a rescission dated in the future, and takes one dated today', async () => {
    const rescind = (rescindedOn: string) => post(`/v1/proposals/${PROPOSAL}/ratifications/wirral-cabinet-today/rescission`, { rescindedOn, reason: 'Recorded against the wrong item.' });
    await expectFutureRefused('rescindedOn', () => rescind('2031-12-20'));
    const answer = await rescind(today());
    expect({ status: answer.status, proposalStatus: answer.json().proposalStatus }).toEqual({ status: 201, proposalStatus: 'open' });
  });

  it('says so in the OpenAPI document, for every date it applies to', async () => {
    const { schemas } = (await api().get('/docs-json', { key: null })).json().components;
    const dated: [string, string][] = [
      ['ProposalRequest', 'tabledOn'],
      ['AmendmentRequest', 'amendedOn'],
      ['WithdrawalRequest', 'withdrawnOn'],
      ['RatificationRequest', 'decidedOn'],
      ['RescissionRequest', 'rescindedOn'],
      ['CallInRequest', 'lodgedOn'],
      ['CallInResolutionRequest', 'resolvedOn'],
    ];
    for (const [schema, field] of dated) {
      expect({ schema, field, description: schemas[schema]?.properties?.[field]?.description }).toEqual({ schema, field, description: expect.stringMatching(/Not after the moment it is recorded \(5 minutes' tolerance/) });
    }
    expect(schemas.RatificationRequest.properties.callInUntil.description).toMatch(/may lie in the future/);
  });

  it('still grants a delegation from a date to come', async () => {
    const answer = await post('/v1/delegations', {
      id: 'wirral-cabinet-to-director-2031',
      organisationId: WIRRAL_COUNCIL,
      fromId: CABINET,
      toId: 'wirral-director-health-and-care',
      scopes: ['adult-social-care'],
      effectiveFrom: '2031-04-01',
      mayRedelegate: false,
      instrument: { title: 'Constitution, Part 3: Scheme of Delegation to Officers' },
    });
    expect(answer.status).toBe(201);
  });
});
