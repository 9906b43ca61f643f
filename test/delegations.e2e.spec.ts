import { describeOnEveryStore, expectRefused, type HttpAnswer, type LedgerApi } from './ledger-api.js';

/*
 * Wiltshire's scheme of delegation over HTTP (seed 001: Cabinet, 14 December 2021, "Development of
 * the BSW Integrated Care System and the Wiltshire Alliance"): the Cabinet delegates to the Director
 * of Adult Social Services and to the Wiltshire Alliance Joint Committee; the Director passes part of
 * it on; the delegation is varied, suspended, reinstated and finally revoked with a backdated date.
 */

const CABINET = 'wiltshire-cabinet';
const DASS = 'wiltshire-director-adult-social-services';
const HEAD_OF_COMMISSIONING = 'wiltshire-head-of-adult-commissioning';
const SERVICE_MANAGER = 'wiltshire-reablement-service-manager';
const JOINT_COMMITTEE = 'wiltshire-alliance-joint-committee';

const SECTION_75 = { title: 'Wiltshire Section 75 agreement', reference: 'Cabinet 14 December 2021, paragraph 30(1): the Better Care Fund and other agreed funds' };
const ALLIANCE_MOU = {
  title: 'Wiltshire Alliance Memorandum of Understanding and Collaboration Agreement',
  reference: 'Cabinet 14 December 2021, paragraphs 31–32',
};

/** The Cabinet's delegation to the Director: adult social care up to £500,000, which the Director may pass on. */
const cabinetToDass = {
  id: 'wiltshire-cabinet-to-dass',
  organisationId: 'wiltshire-council',
  fromId: CABINET,
  toId: DASS,
  scopes: ['adult-social-care'],
  limitPence: 50_000_000,
  effectiveFrom: '2022-04-01',
  mayRedelegate: true,
  instrument: SECTION_75,
};

/** The Cabinet's delegation of the Better Care Fund to the Alliance Joint Committee, from its first day; not to be passed on. */
const cabinetToJointCommittee = {
  id: 'wiltshire-cabinet-to-alliance-joint-committee',
  organisationId: 'wiltshire-council',
  fromId: CABINET,
  toId: JOINT_COMMITTEE,
  scopes: ['bcf'],
  effectiveFrom: '2022-07-01',
  mayRedelegate: false,
  instrument: ALLIANCE_MOU,
};

/** A delegation from a Wiltshire holder to another, with sensible defaults for what a test does not care about. */
function redelegation(id: string, fromId: string, toId: string, terms: Partial<typeof cabinetToDass> & { effectiveUntil?: string } = {}) {
  return {
    id,
    organisationId: 'wiltshire-council',
    fromId,
    toId,
    scopes: ['adult-social-care/reablement'],
    limitPence: 10_000_000,
    effectiveFrom: '2022-05-03',
    mayRedelegate: false,
    instrument: { title: 'Director of Adult Social Services: sub-delegation to officers', reference: 'Adult Social Care scheme of sub-delegation, section 2' },
    ...terms,
  };
}

function expectCreated(answer: HttpAnswer, id: string): void {
  expect({ status: answer.status, body: answer.json() }).toEqual({ status: 201, body: { id, position: expect.stringMatching(/^\d+:\d+$/) } });
  expect(answer.headers['x-ledger-position']).toBe(answer.json().position);
}

async function lastEventOf(api: LedgerApi, streamId: string) {
  const events = await api.eventsOf(streamId);
  const last = events[events.length - 1];
  return { type: last.type, actor: last.actor, data: JSON.parse(last.body).data };
}

describeOnEveryStore('delegations over HTTP', (api) => {
  let clerk: string;
  const grant = (body: unknown) => api().post('/v1/delegations', body, { key: clerk });
  const change = (id: string, what: 'variations' | 'suspensions' | 'reinstatements' | 'revocation', body: unknown) =>
    api().post(`/v1/delegations/${id}/${what}`, body, { key: clerk });

  /** Expects a refusal for want of authority, with the answer's reasons in the problem. */
  async function expectNoAuthority(attempt: () => Promise<HttpAnswer>, reason: string): Promise<void> {
    const answer = await expectRefused(api(), attempt, 422, 'no_authority');
    expect(answer.json().authority).toEqual({ allowed: false, chains: [], reasons: expect.arrayContaining([reason]) });
  }

  beforeAll(async () => {
    clerk = await api().keyFor('clerk', 'wiltshire-democratic-services');
    const setup: [string, unknown][] = [
      ['/v1/organisations', { id: 'wiltshire-council', name: 'Wiltshire Council', kind: 'local-authority', functions: ['adult-social-care', 'public-health', 'bcf'], establishedOn: '2009-04-01' }],
      ['/v1/organisations', { id: 'bsw-icb', name: 'NHS Bath and North East Somerset, Swindon and Wiltshire ICB', kind: 'icb', functions: ['commissioning', 'bcf'], establishedOn: '2022-07-01' }],
      ['/v1/bodies', { id: CABINET, name: 'Wiltshire Council Cabinet', kind: 'governing-body', organisationId: 'wiltshire-council', establishedOn: '2009-04-01' }],
      ['/v1/bodies', { id: 'bsw-icb-board', name: 'BSW ICB Board', kind: 'governing-body', organisationId: 'bsw-icb', establishedOn: '2022-07-01' }],
      [
        '/v1/bodies',
        { id: JOINT_COMMITTEE, name: 'Wiltshire Alliance Joint Committee', kind: 'joint-committee', memberOrganisationIds: ['wiltshire-council', 'bsw-icb'], establishedOn: '2022-07-01' },
      ],
      ['/v1/posts', { id: DASS, title: 'Director of Adult Social Services', organisationId: 'wiltshire-council' }],
      ['/v1/posts', { id: HEAD_OF_COMMISSIONING, title: 'Head of Adult Commissioning', organisationId: 'wiltshire-council' }],
      ['/v1/posts', { id: SERVICE_MANAGER, title: 'Reablement Service Manager', organisationId: 'wiltshire-council' }],
    ];
    for (const [path, body] of setup) {
      const answer = await api().post(path, body, { key: clerk });
      if (answer.status !== 201) throw new Error(`${path}: ${answer.body}`);
    }
  });

  describe('granting from the governing body', () => {
    it('grants the Director of Adult Social Services adult social care up to £500,000, recording the instrument', async () => {
      expectCreated(await grant(cabinetToDass), 'wiltshire-cabinet-to-dass');
      expect(await lastEventOf(api(), 'scheme-wiltshire-council')).toEqual({
        type: 'DelegationGranted',
        actor: 'clerk:wiltshire-democratic-services',
        data: {
          delegationId: 'wiltshire-cabinet-to-dass',
          organisationId: 'wiltshire-council',
          fromId: CABINET,
          toId: DASS,
          scopes: ['adult-social-care'],
          limitPence: 50_000_000,
          effectiveFrom: '2022-03-31T23:00:00.000Z', // 1 April 2022, 00:00 BST
          effectiveUntil: null,
          mayRedelegate: true,
          instrument: { ...SECTION_75, url: null },
          authorisedByProposalId: null,
        },
      });
    });

    it('claims the delegation id across every scheme', async () => {
      expect((await api().eventsOf('delegation-wiltshire-cabinet-to-dass')).map((event) => [event.type, JSON.parse(event.body).data])).toEqual([
        ['DelegationIdClaimed', { delegationId: 'wiltshire-cabinet-to-dass', organisationId: 'wiltshire-council' }],
      ]);
    });

    it('grants the Wiltshire Alliance Joint Committee the Better Care Fund without a limit, from its first meeting', async () => {
      expectCreated(await grant(cabinetToJointCommittee), cabinetToJointCommittee.id);
      expect((await lastEventOf(api(), 'scheme-wiltshire-council')).data).toMatchObject({
        delegationId: cabinetToJointCommittee.id,
        toId: JOINT_COMMITTEE,
        scopes: ['bcf'],
        limitPence: null,
        mayRedelegate: false,
        instrument: { ...ALLIANCE_MOU, url: null },
      });
    });

    it('reads an effectiveUntil of null as no end date', async () => {
      const open = redelegation('dass-to-head-of-commissioning-open-ended', DASS, HEAD_OF_COMMISSIONING, { effectiveFrom: '2022-04-04' });
      expectCreated(await grant({ ...open, effectiveUntil: null }), open.id);
      expect((await lastEventOf(api(), 'scheme-wiltshire-council')).data).toMatchObject({ delegationId: open.id, effectiveUntil: null });
    });

    it('refuses an id already granted in the same scheme (409 already_exists)', async () => {
      await expectRefused(api(), () => grant({ ...cabinetToDass, limitPence: 1 }), 409, 'already_exists');
    });

    it('refuses an id another organisation’s scheme already holds (409 already_exists), appending to neither stream', async () => {
      const icbToJointCommittee = { ...cabinetToJointCommittee, organisationId: 'bsw-icb', fromId: 'bsw-icb-board', instrument: ALLIANCE_MOU };
      await expectRefused(api(), () => grant(icbToJointCommittee), 409, 'already_exists');
      expect(await api().eventsOf('scheme-bsw-icb')).toEqual([]);
      // The same grant under an id of its own is the ICB's to make.
      expectCreated(await grant({ ...icbToJointCommittee, id: 'bsw-icb-to-alliance-joint-committee' }), 'bsw-icb-to-alliance-joint-committee');
    });

    it('refuses a holder the ledger does not know (404)', async () => {
      await expectRefused(api(), () => grant({ ...cabinetToDass, id: 'wiltshire-cabinet-to-nobody', toId: 'wiltshire-director-of-nothing' }), 404, 'not_found');
    });

    it('refuses a scope that is not a function of the organisation (400)', async () => {
      const answer = await expectRefused(api(), () => grant({ ...cabinetToDass, id: 'wiltshire-cabinet-to-dass-education', scopes: ['education'] }), 400, 'validation_failed');
      expect(answer.json().errors).toEqual([{ field: 'scopes', message: 'education is not a function of wiltshire-council.' }]);
    });

    it('refuses a delegation to the body that gives it (400)', async () => {
      await expectRefused(api(), () => grant({ ...cabinetToDass, id: 'wiltshire-cabinet-to-itself', toId: CABINET }), 400, 'validation_failed');
    });

    it('refuses a delegation to a body before it was established (409 invalid_transition)', async () => {
      await expectRefused(api(), () => grant({ ...cabinetToJointCommittee, id: 'wiltshire-cabinet-to-shadow-alliance', effectiveFrom: '2022-04-01' }), 409, 'invalid_transition');
    });
  });

  describe('redelegation: only within what the delegate holds, and only when it may delegate further', () => {
    it('lets the Director pass reablement up to £100,000 to the Head of Adult Commissioning', async () => {
      expectCreated(await grant(redelegation('dass-to-head-of-adult-commissioning', DASS, HEAD_OF_COMMISSIONING)), 'dass-to-head-of-adult-commissioning');
    });

    it('refuses a delegate whose delegation does not allow further delegation', async () => {
      await expectNoAuthority(
        () => grant(redelegation('head-of-commissioning-to-service-manager', HEAD_OF_COMMISSIONING, SERVICE_MANAGER, { limitPence: 1_000_000, effectiveFrom: '2022-06-01' })),
        `delegation dass-to-head-of-adult-commissioning does not allow ${HEAD_OF_COMMISSIONING} to delegate further`,
      );
    });

    it('refuses the Joint Committee passing on the Better Care Fund, which it may not delegate further', async () => {
      await expectNoAuthority(
        () => grant(redelegation('joint-committee-to-dass', JOINT_COMMITTEE, DASS, { scopes: ['bcf'], effectiveFrom: '2022-07-01' })),
        `delegation ${cabinetToJointCommittee.id} does not allow ${JOINT_COMMITTEE} to delegate further`,
      );
    });

    it('refuses passing on more money than the delegate holds', async () => {
      await expectNoAuthority(
        () => grant(redelegation('dass-to-service-manager-1m', DASS, SERVICE_MANAGER, { limitPence: 100_000_000 })),
        'delegation wiltshire-cabinet-to-dass limit £500,000.00 is below £1,000,000.00',
      );
    });

    it('refuses passing on an unlimited delegation when the delegate’s own is limited', async () => {
      const unlimited = redelegation('dass-to-service-manager-unlimited', DASS, SERVICE_MANAGER);
      delete (unlimited as Partial<typeof unlimited>).limitPence;
      await expectNoAuthority(() => grant(unlimited), 'delegation wiltshire-cabinet-to-dass limit £500,000.00 cannot carry unlimited authority');
    });

    it('refuses passing on a scope the delegate was never given', async () => {
      await expectNoAuthority(
        () => grant(redelegation('dass-to-service-manager-public-health', DASS, SERVICE_MANAGER, { scopes: ['public-health'] })),
        `scope public-health is not delegated to holder ${DASS}`,
      );
    });

    it('refuses passing on before the delegate held anything', async () => {
      await expectNoAuthority(
        () => grant(redelegation('dass-to-service-manager-early', DASS, SERVICE_MANAGER, { effectiveFrom: '2022-03-01' })),
        'delegation wiltshire-cabinet-to-dass is not in force until 2022-04-01',
      );
    });

    it('refuses a holder to whom nothing was delegated', async () => {
      await expectNoAuthority(
        () => grant(redelegation('service-manager-to-dass', SERVICE_MANAGER, DASS)),
        `no chain of delegations from the governing body ${CABINET} reaches ${SERVICE_MANAGER}`,
      );
    });

    it('refuses widening a delegation by variation beyond what its giver holds', async () => {
      await expectNoAuthority(
        () => change('dass-to-head-of-adult-commissioning', 'variations', { effectiveFrom: '2022-09-01', reason: 'More headroom for winter', limitPence: 60_000_000 }),
        'delegation wiltshire-cabinet-to-dass limit £500,000.00 is below £600,000.00',
      );
    });
  });

  describe('variation from a date', () => {
    it('lowers the Director’s limit to £250,000 from 1 April 2023', async () => {
      expectCreated(
        await change('wiltshire-cabinet-to-dass', 'variations', { effectiveFrom: '2023-04-01', reason: 'Scheme of delegation revised by Cabinet', limitPence: 25_000_000 }),
        'wiltshire-cabinet-to-dass',
      );
      expect(await lastEventOf(api(), 'scheme-wiltshire-council')).toMatchObject({
        type: 'DelegationVaried',
        data: {
          delegationId: 'wiltshire-cabinet-to-dass',
          effectiveFrom: '2023-03-31T23:00:00.000Z',
          reason: 'Scheme of delegation revised by Cabinet',
          changes: [{ term: 'limitPence', to: 25_000_000 }],
        },
      });
    });

    it('holds the old limit before that date and the new one from it', async () => {
      const before = redelegation('dass-to-service-manager-2022-23', DASS, SERVICE_MANAGER, { limitPence: 30_000_000, effectiveFrom: '2023-03-01', effectiveUntil: '2023-04-01' });
      expectCreated(await grant(before), before.id);
      await expectNoAuthority(
        () => grant(redelegation('dass-to-service-manager-2023-24', DASS, SERVICE_MANAGER, { limitPence: 30_000_000, effectiveFrom: '2023-04-03' })),
        'delegation wiltshire-cabinet-to-dass limit £250,000.00 is below £300,000.00',
      );
    });

    it('refuses a variation that changes nothing (400)', async () => {
      await expectRefused(api(), () => change('wiltshire-cabinet-to-dass', 'variations', { effectiveFrom: '2023-05-01', reason: 'No change' }), 400, 'validation_failed');
    });

    it('refuses a variation from before the delegation took effect (400)', async () => {
      await expectRefused(
        api(),
        () => change('wiltshire-cabinet-to-dass', 'variations', { effectiveFrom: '2021-04-01', reason: 'Too early', limitPence: 1 }),
        400,
        'validation_failed',
      );
    });
  });

  describe('suspension and reinstatement', () => {
    it('suspends the Director’s delegation, after which the Director can pass nothing on', async () => {
      expectCreated(await change('wiltshire-cabinet-to-dass', 'suspensions', { effectiveFrom: '2023-06-01', reason: 'Pending review of the Section 75 agreement' }), 'wiltshire-cabinet-to-dass');
      expect(await lastEventOf(api(), 'scheme-wiltshire-council')).toMatchObject({ type: 'DelegationSuspended', data: { effectiveFrom: '2023-05-31T23:00:00.000Z' } });
      await expectNoAuthority(
        () => grant(redelegation('dass-to-service-manager-summer-2023', DASS, SERVICE_MANAGER, { effectiveFrom: '2023-06-05' })),
        'delegation wiltshire-cabinet-to-dass suspended with effect from 2023-06-01',
      );
    });

    it('refuses suspending a suspended delegation (409 invalid_transition)', async () => {
      await expectRefused(api(), () => change('wiltshire-cabinet-to-dass', 'suspensions', { effectiveFrom: '2023-06-15', reason: 'Again' }), 409, 'invalid_transition');
    });

    it('refuses a reinstatement that does not follow the suspension (400)', async () => {
      await expectRefused(api(), () => change('wiltshire-cabinet-to-dass', 'reinstatements', { effectiveFrom: '2023-05-01', reason: 'Review complete' }), 400, 'validation_failed');
    });

    it('reinstates it, after which the Director may pass authority on again', async () => {
      expectCreated(await change('wiltshire-cabinet-to-dass', 'reinstatements', { effectiveFrom: '2023-07-03', reason: 'Review of the Section 75 agreement complete' }), 'wiltshire-cabinet-to-dass');
      const autumn = redelegation('dass-to-service-manager-autumn-2023', DASS, SERVICE_MANAGER, { effectiveFrom: '2023-09-04' });
      expectCreated(await grant(autumn), autumn.id);
    });

    it('still refuses a redelegation dated inside the suspension', async () => {
      await expectNoAuthority(
        () => grant(redelegation('dass-to-service-manager-june-2023', DASS, SERVICE_MANAGER, { effectiveFrom: '2023-06-20' })),
        'delegation wiltshire-cabinet-to-dass suspended from 2023-06-01 until 2023-07-03',
      );
    });

    it('refuses reinstating a delegation that is not suspended (409 invalid_transition)', async () => {
      await expectRefused(api(), () => change('wiltshire-cabinet-to-dass', 'reinstatements', { effectiveFrom: '2023-08-01', reason: 'Again' }), 409, 'invalid_transition');
    });
  });

  describe('revocation', () => {
    it('revokes the Director’s delegation with a backdated effective date', async () => {
      expectCreated(
        await change('wiltshire-cabinet-to-dass', 'revocation', { effectiveFrom: '2024-01-01', reason: 'Functions transferred to the Alliance Joint Committee by Cabinet resolution' }),
        'wiltshire-cabinet-to-dass',
      );
      expect(await lastEventOf(api(), 'scheme-wiltshire-council')).toEqual({
        type: 'DelegationRevoked',
        actor: 'clerk:wiltshire-democratic-services',
        data: {
          delegationId: 'wiltshire-cabinet-to-dass',
          organisationId: 'wiltshire-council',
          effectiveFrom: '2024-01-01T00:00:00.000Z', // GMT in winter
          reason: 'Functions transferred to the Alliance Joint Committee by Cabinet resolution',
        },
      });
    });

    it('takes the authority away from that date, but not before it', async () => {
      await expectNoAuthority(
        () => grant(redelegation('dass-to-service-manager-2024', DASS, SERVICE_MANAGER, { effectiveFrom: '2024-02-01' })),
        'delegation wiltshire-cabinet-to-dass revoked with effect from 2024-01-01',
      );
      const december = redelegation('dass-to-service-manager-december-2023', DASS, SERVICE_MANAGER, { effectiveFrom: '2023-12-01', effectiveUntil: '2024-01-01' });
      expectCreated(await grant(december), december.id);
    });

    it('refuses revoking a revoked delegation (409 invalid_transition)', async () => {
      const answer = await expectRefused(api(), () => change('wiltshire-cabinet-to-dass', 'revocation', { effectiveFrom: '2024-02-01', reason: 'Again' }), 409, 'invalid_transition');
      expect(answer.json().detail).toBe('Delegation wiltshire-cabinet-to-dass was already revoked with effect from 2024-01-01.');
    });

    it('refuses suspending or varying it from the revocation on (409 invalid_transition)', async () => {
      await expectRefused(api(), () => change('wiltshire-cabinet-to-dass', 'suspensions', { effectiveFrom: '2024-03-01', reason: 'Too late' }), 409, 'invalid_transition');
      await expectRefused(api(), () => change('wiltshire-cabinet-to-dass', 'variations', { effectiveFrom: '2024-03-01', reason: 'Too late', limitPence: 1 }), 409, 'invalid_transition');
    });

    it('refuses a revocation from before the delegation took effect (400)', async () => {
      await expectRefused(api(), () => change(cabinetToJointCommittee.id, 'revocation', { effectiveFrom: '2022-06-30', reason: 'Too early' }), 400, 'validation_failed');
    });
  });

  describe('an unknown delegation is 404 and appends nothing', () => {
    it.each(['variations', 'suspensions', 'reinstatements', 'revocation'] as const)('%s', async (what) => {
      const body = { effectiveFrom: '2023-01-01', reason: 'No such delegation', ...(what === 'variations' ? { limitPence: 1 } : {}) };
      await expectRefused(api(), () => change('wiltshire-cabinet-to-nobody', what, body), 404, 'not_found');
    });

    it('an id in the path that cannot be a slug', async () => {
      await expectRefused(api(), () => change('Cabinet_To_DASS', 'revocation', { effectiveFrom: '2023-01-01', reason: 'Bad id' }), 404, 'not_found');
    });
  });

  describe('bad input is a 400 problem that appends nothing', () => {
    const valid = redelegation('dass-to-service-manager-bad-input', DASS, SERVICE_MANAGER);
    it.each<[string, unknown]>([
      ['negative pence', { ...valid, limitPence: -100 }],
      ['fractional pence', { ...valid, limitPence: 1000.5 }],
      ['pence as a string', { ...valid, limitPence: '10000000' }],
      ['a bad slug for the id', { ...valid, id: 'DASS to Service Manager' }],
      ['a bad slug for the delegate', { ...valid, toId: 'wiltshire_reablement' }],
      ['an effectiveFrom that does not parse', { ...valid, effectiveFrom: '3rd May 2022' }],
      ['an effectiveUntil that does not parse', { ...valid, effectiveUntil: '2022-02-30' }],
      ['an unknown field', { ...valid, approvedBy: 'Cllr Clewer' }],
      ['an unknown field in the instrument', { ...valid, instrument: { ...valid.instrument, page: 12 } }],
      ['no instrument', { ...valid, instrument: undefined }],
      ['a null instrument', { ...valid, instrument: null }],
      ['an instrument that is only a title', { ...valid, instrument: 'Wiltshire Section 75 agreement' }],
      ['mayRedelegate as a string', { ...valid, mayRedelegate: 'no' }],
      ['scopes that are not a list', { ...valid, scopes: 'adult-social-care' }],
      ['no scopes', { ...valid, scopes: [] }],
      ['an end before the start', { ...valid, effectiveUntil: '2022-05-01' }],
    ])('%s', async (_case, body) => {
      const answer = await expectRefused(api(), () => grant(body), 400, 'validation_failed');
      expect(answer.json().errors?.length ?? 1).toBeGreaterThan(0);
    });

    it.each<[string, unknown]>([
      ['negative pence', { effectiveFrom: '2022-09-01', reason: 'Less headroom', limitPence: -1 }],
      ['fractional pence', { effectiveFrom: '2022-09-01', reason: 'Less headroom', limitPence: 999.99 }],
      ['a date that does not parse', { effectiveFrom: 'next April', reason: 'Less headroom', limitPence: 1 }],
      ['an unknown field', { effectiveFrom: '2022-09-01', reason: 'Less headroom', limitPence: 1, approvedBy: 'Cabinet' }],
      ['no reason', { effectiveFrom: '2022-09-01', limitPence: 1 }],
      ['scopes that are null', { effectiveFrom: '2022-09-01', reason: 'Narrower', scopes: null }],
      ['mayRedelegate that is null', { effectiveFrom: '2022-09-01', reason: 'No further delegation', mayRedelegate: null }],
    ])('a variation with %s', async (_case, body) => {
      await expectRefused(api(), () => change('dass-to-head-of-adult-commissioning', 'variations', body), 400, 'validation_failed');
    });

    it('names the offending field', async () => {
      const answer = await expectRefused(api(), () => grant({ ...valid, limitPence: -100 }), 400, 'validation_failed');
      expect(answer.json().errors).toEqual([{ field: 'limitPence', message: 'limitPence must be a whole number of pence, 0 or more' }]);
    });

    it('malformed JSON', async () => {
      await expectRefused(api(), () => api().request('POST', '/v1/delegations', { rawBody: '{"id": "dass-to-', key: clerk }), 400, 'validation_failed');
    });
  });

  describe('keys, roles and retries', () => {
    const valid = redelegation('dass-to-head-of-commissioning-keys', DASS, HEAD_OF_COMMISSIONING, { effectiveFrom: '2022-06-01' });

    it('refuses a grant without a key (401)', async () => {
      await expectRefused(api(), () => api().post('/v1/delegations', valid, { key: null }), 401, 'unauthenticated');
    });

    it('refuses a key it does not know (401)', async () => {
      await expectRefused(api(), () => api().post('/v1/delegations', valid, { key: 'dl_not-a-key' }), 401, 'unauthenticated');
    });

    it('refuses an integration key, which may only post decisions and call-ins (403)', async () => {
      const integration = await api().keyFor('integration', 'alliance-portal', [JOINT_COMMITTEE]);
      await expectRefused(api(), () => api().post('/v1/delegations', valid, { key: integration }), 403, 'forbidden');
      await expectRefused(api(), () => api().post(`/v1/delegations/${cabinetToJointCommittee.id}/suspensions`, { effectiveFrom: '2023-01-01', reason: 'x' }, { key: integration }), 403, 'forbidden');
    });

    it('answers a retry with the first response and refuses the key with another body (422 idempotency_key_reused)', async () => {
      const first = await api().post('/v1/delegations', valid, { key: clerk, idempotencyKey: 'grant-head-of-commissioning-june-2022' });
      expectCreated(first, valid.id);
      const before = await api().eventCount();
      const retry = await api().post('/v1/delegations', valid, { key: clerk, idempotencyKey: 'grant-head-of-commissioning-june-2022' });
      expect({ status: retry.status, body: retry.json() }).toEqual({ status: 201, body: first.json() });
      expect(await api().eventCount()).toBe(before);
      await expectRefused(
        api(),
        () => api().post('/v1/delegations', { ...valid, limitPence: 5_000_000 }, { key: clerk, idempotencyKey: 'grant-head-of-commissioning-june-2022' }),
        422,
        'idempotency_key_reused',
      );
    });
  });
});

describeOnEveryStore('delegations of a dissolved organisation', (api) => {
  const instrument = { title: 'Scheme of Reservation and Delegation' };
  let position: string;

  beforeAll(async () => {
    // Two CCGs dissolved on 1 July 2022: one passes its delegations to the ICB, the other lets them lapse.
    const calls: [string, unknown][] = [
      ['/v1/organisations', { id: 'swindon-ccg', name: 'NHS Swindon CCG', kind: 'ccg', functions: ['commissioning'], establishedOn: '2013-04-01' }],
      ['/v1/organisations', { id: 'wiltshire-ccg', name: 'NHS Wiltshire CCG', kind: 'ccg', functions: ['commissioning'], establishedOn: '2013-04-01' }],
      ['/v1/organisations', { id: 'bsw-icb', name: 'NHS BSW ICB', kind: 'icb', functions: ['commissioning'], establishedOn: '2022-07-01' }],
      ['/v1/bodies', { id: 'swindon-ccg-governing-body', name: 'Governing Body', kind: 'governing-body', organisationId: 'swindon-ccg', establishedOn: '2013-04-01' }],
      ['/v1/bodies', { id: 'wiltshire-ccg-governing-body', name: 'Governing Body', kind: 'governing-body', organisationId: 'wiltshire-ccg', establishedOn: '2013-04-01' }],
      ['/v1/bodies', { id: 'swindon-ccg-finance-committee', name: 'Finance Committee', kind: 'committee', organisationId: 'swindon-ccg', establishedOn: '2013-04-01' }],
      ['/v1/bodies', { id: 'wiltshire-ccg-finance-committee', name: 'Finance Committee', kind: 'committee', organisationId: 'wiltshire-ccg', establishedOn: '2013-04-01' }],
      ['/v1/delegations', { id: 'swindon-ccg-to-finance', organisationId: 'swindon-ccg', fromId: 'swindon-ccg-governing-body', toId: 'swindon-ccg-finance-committee', scopes: ['commissioning'], effectiveFrom: '2020-04-01', mayRedelegate: false, instrument }],
      ['/v1/delegations', { id: 'wiltshire-ccg-to-finance', organisationId: 'wiltshire-ccg', fromId: 'wiltshire-ccg-governing-body', toId: 'wiltshire-ccg-finance-committee', scopes: ['commissioning'], effectiveFrom: '2020-04-01', mayRedelegate: false, instrument }],
      ['/v1/organisations/swindon-ccg/dissolution', { dissolvedOn: '2022-07-01', successorId: 'bsw-icb', transferDelegations: true }],
      ['/v1/organisations/wiltshire-ccg/dissolution', { dissolvedOn: '2022-07-01', successorId: 'bsw-icb', transferDelegations: false }],
    ];
    for (const [path, body] of calls) {
      const answer = await api().post(path, body);
      expect({ path, status: answer.status }).toEqual({ path, status: 201 });
      position = answer.json().position;
    }
  });

  const listed = async (query: string) => {
    const answer = await api().get(`/v1/delegations?${query}&minPosition=${position}`);
    return answer.json().items.map((item: { delegationId: string }) => item.delegationId);
  };

  it('lists both in force before the dissolution, and after it only the one that passed to the successor', async () => {
    expect(await listed('at=2022-06-30')).toEqual(['swindon-ccg-to-finance', 'wiltshire-ccg-to-finance']);
    expect(await listed('at=2022-07-01')).toEqual(['swindon-ccg-to-finance']);
  });

  it('says on each what the dissolution did to it', async () => {
    const transferred = (await api().get(`/v1/delegations/swindon-ccg-to-finance?minPosition=${position}`)).json();
    expect(transferred.organisationDissolution).toEqual({ dissolvedOn: '2022-07-01T00:00:00+01:00', successorId: 'bsw-icb', effect: 'transferred' });
    const lapsed = (await api().get(`/v1/delegations/wiltshire-ccg-to-finance?minPosition=${position}`)).json();
    expect(lapsed.organisationDissolution).toEqual({ dissolvedOn: '2022-07-01T00:00:00+01:00', successorId: 'bsw-icb', effect: 'lapsed' });
    expect(lapsed.standing).toMatchObject({ status: 'active' }); // never revoked: it lapsed with its organisation
  });
});
