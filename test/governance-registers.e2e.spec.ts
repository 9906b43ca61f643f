import { describeOnEveryStore, expectRefused, LedgerApi } from './ledger-api.js';

/*
 * The registers over HTTP: Wiltshire Council and its Cabinet, the Director of Adult Social Services
 * and who held the post, the Wiltshire Alliance Joint Committee with its rotating chair, the
 * Cabinet → Director → Head of Adult Commissioning chain (the last link revoked with a backdated
 * date), and NHS BSW CCG dissolved into the BSW ICB on 1 July 2022.
 */

const COUNCIL = 'wiltshire-council';
const CABINET = 'wiltshire-cabinet';
const DASS = 'wiltshire-director-adult-social-services';
const HEAD_OF_COMMISSIONING = 'wiltshire-head-of-adult-commissioning';
const JOINT_COMMITTEE = 'wiltshire-alliance-joint-committee';
const CCG_BOARD = 'bsw-ccg-governing-body';
const CCG_COMMITTEE = 'bsw-ccg-primary-care-committee';

const SECTION_75 = { title: 'Wiltshire Section 75 agreement', reference: 'Cabinet 14 December 2021, paragraph 30(1)' };

/** 00:00 Europe/London on a date, as the API answers it: in summer (BST) and in winter (GMT). */
const BST = (date: string) => `${date}T00:00:00+01:00`;
const GMT = (date: string) => `${date}T00:00:00+00:00`;

describeOnEveryStore('the governance registers and authority over HTTP', (api) => {
  let clerk: string;
  let position: string;
  /** A read once the read models include every command of the set-up, as an anonymous caller unless a key is given. */
  const read = (path: string, options: { key?: string | null; headers?: Record<string, string> } = {}) =>
    api().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, { key: null, ...options });

  beforeAll(async () => {
    clerk = await api().keyFor('clerk', 'wiltshire-democratic-services');
    const setup: [string, unknown][] = [
      ['/v1/organisations', { id: COUNCIL, name: 'Wiltshire Council', kind: 'local-authority', functions: ['adult-social-care', 'bcf'], establishedOn: '2009-04-01' }],
      ['/v1/organisations', { id: 'bsw-ccg', name: 'NHS BSW CCG', kind: 'ccg', functions: ['commissioning', 'bcf'], establishedOn: '2020-04-01' }],
      ['/v1/organisations', { id: 'bsw-icb', name: 'NHS BSW ICB', kind: 'icb', functions: ['commissioning', 'bcf'], establishedOn: '2022-07-01' }],
      ['/v1/bodies', { id: CABINET, name: 'Wiltshire Council Cabinet', kind: 'governing-body', organisationId: COUNCIL, establishedOn: '2009-04-01' }],
      ['/v1/bodies', { id: CCG_BOARD, name: 'BSW CCG Governing Body', kind: 'governing-body', organisationId: 'bsw-ccg', establishedOn: '2020-04-01' }],
      ['/v1/bodies', { id: CCG_COMMITTEE, name: 'BSW CCG Primary Care Commissioning Committee', kind: 'committee', organisationId: 'bsw-ccg', establishedOn: '2020-04-01' }],
      ['/v1/bodies', { id: 'bsw-icb-board', name: 'BSW ICB Board', kind: 'governing-body', organisationId: 'bsw-icb', establishedOn: '2022-07-01' }],
      ['/v1/bodies', { id: JOINT_COMMITTEE, name: 'Wiltshire Alliance Joint Committee', kind: 'joint-committee', memberOrganisationIds: [COUNCIL, 'bsw-icb'], establishedOn: '2022-07-01' }],
      [
        `/v1/bodies/${JOINT_COMMITTEE}/memberships`,
        { membershipId: 'chair-2022', memberName: 'Cllr Richard Clewer', role: 'chair', onBehalfOfOrganisationId: COUNCIL, startDate: '2022-07-01', endDate: '2023-07-01' },
      ],
      [
        `/v1/bodies/${JOINT_COMMITTEE}/memberships`,
        { membershipId: 'chair-2023', memberName: 'Fiona Slevin-Brown', role: 'chair', onBehalfOfOrganisationId: 'bsw-icb', startDate: '2023-07-01' },
      ],
      [`/v1/bodies/${JOINT_COMMITTEE}/memberships/chair-2023/end`, { endDate: '2024-07-01', reason: 'The chair rotates' }],
      ['/v1/posts', { id: DASS, title: 'Director of Adult Social Services', organisationId: COUNCIL }],
      ['/v1/posts', { id: HEAD_OF_COMMISSIONING, title: 'Head of Adult Commissioning', organisationId: COUNCIL }],
      [`/v1/posts/${DASS}/holders`, { personName: 'Terence Herbert', startDate: '2019-01-07', endDate: '2021-01-04' }],
      [`/v1/posts/${DASS}/holders`, { personName: 'Emma Legg', startDate: '2021-01-04' }],
      [
        '/v1/delegations',
        { id: 'wiltshire-cabinet-to-dass', organisationId: COUNCIL, fromId: CABINET, toId: DASS, scopes: ['adult-social-care'], limitPence: 50_000_000, effectiveFrom: '2022-04-01', mayRedelegate: true, instrument: SECTION_75 },
      ],
      [
        '/v1/delegations',
        {
          id: 'dass-to-head-of-adult-commissioning',
          organisationId: COUNCIL,
          fromId: DASS,
          toId: HEAD_OF_COMMISSIONING,
          scopes: ['adult-social-care/reablement'],
          limitPence: 10_000_000,
          effectiveFrom: '2022-05-03',
          mayRedelegate: false,
          instrument: { title: 'Adult Social Care scheme of sub-delegation', reference: 'section 2' },
        },
      ],
      [
        '/v1/delegations',
        { id: 'wiltshire-cabinet-to-alliance-joint-committee', organisationId: COUNCIL, fromId: CABINET, toId: JOINT_COMMITTEE, scopes: ['bcf'], effectiveFrom: '2022-07-01', mayRedelegate: false, instrument: { title: 'Wiltshire Alliance MoU' } },
      ],
      [
        '/v1/delegations',
        { id: 'bsw-ccg-to-primary-care-committee', organisationId: 'bsw-ccg', fromId: CCG_BOARD, toId: CCG_COMMITTEE, scopes: ['commissioning'], effectiveFrom: '2021-04-01', mayRedelegate: false, instrument: { title: 'CCG Constitution' } },
      ],
      ['/v1/delegations/wiltshire-cabinet-to-dass/variations', { effectiveFrom: '2023-04-01', reason: 'Limit raised to £750,000 for the 2023/24 budget', limitPence: 75_000_000 }],
      // Recorded today, but backdated: the Head of Commissioning lost reablement on 1 January 2023.
      ['/v1/delegations/dass-to-head-of-adult-commissioning/revocation', { effectiveFrom: '2023-01-01', reason: 'Restructure of adult commissioning' }],
      ['/v1/organisations/bsw-ccg/dissolution', { dissolvedOn: '2022-07-01', successorId: 'bsw-icb', transferDelegations: true }],
    ];
    for (const [path, body] of setup) {
      const answer = await api().post(path, body, { key: clerk });
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.body}`);
      position = answer.json().position;
    }
  });

  describe('GET /v1/organisations', () => {
    it('lists every organisation by id, with its dissolution, to anonymous callers', async () => {
      const answer = await read('/v1/organisations');
      expect(answer.status).toBe(200);
      expect(answer.json()).toEqual({
        items: [
          {
            id: 'bsw-ccg',
            name: 'NHS BSW CCG',
            kind: 'ccg',
            functions: ['commissioning', 'bcf'],
            establishedOn: BST('2020-04-01'),
            dissolution: { dissolvedOn: BST('2022-07-01'), successorId: 'bsw-icb', transferDelegations: true },
          },
          { id: 'bsw-icb', name: 'NHS BSW ICB', kind: 'icb', functions: ['commissioning', 'bcf'], establishedOn: BST('2022-07-01'), dissolution: null },
          { id: COUNCIL, name: 'Wiltshire Council', kind: 'local-authority', functions: ['adult-social-care', 'bcf'], establishedOn: BST('2009-04-01'), dissolution: null },
        ],
        nextCursor: null,
      });
    });

    it('pages with cursors', async () => {
      const first = (await read('/v1/organisations?limit=2')).json();
      expect(first.items.map((item: { id: string }) => item.id)).toEqual(['bsw-ccg', 'bsw-icb']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = (await read(`/v1/organisations?limit=2&cursor=${first.nextCursor}`)).json();
      expect(second).toEqual({ items: [expect.objectContaining({ id: COUNCIL })], nextCursor: null });
    });

    it('answers CSV when asked', async () => {
      const answer = await read('/v1/organisations?limit=2', { headers: { accept: 'text/csv' } });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/csv/);
      const lines = answer.body.trim().split('\r\n');
      expect(lines[0]).toBe('id,name,kind,functions,establishedOn,dissolution.dissolvedOn,dissolution.successorId,dissolution.transferDelegations'); // nested values as columns of their own
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(/^bsw-ccg,NHS BSW CCG,ccg,/);
      expect(answer.headers['x-next-cursor']).toEqual(expect.any(String));
    });
  });

  describe('GET /v1/organisations/{id}', () => {
    it('answers the council with its governing body, bodies and posts', async () => {
      const answer = await read(`/v1/organisations/${COUNCIL}`);
      expect(answer.status).toBe(200);
      const council = answer.json();
      expect(council).toMatchObject({ id: COUNCIL, dissolution: null, successor: null, predecessors: [] });
      expect(council.governingBodies).toEqual([{ bodyId: CABINET, name: 'Wiltshire Council Cabinet', from: BST('2009-04-01'), until: null }]);
      expect(council.bodies.map((body: { id: string }) => body.id)).toEqual([JOINT_COMMITTEE, CABINET]);
      expect(council.posts).toEqual([
        { id: DASS, title: 'Director of Adult Social Services', organisationId: COUNCIL },
        { id: HEAD_OF_COMMISSIONING, title: 'Head of Adult Commissioning', organisationId: COUNCIL },
      ]);
    });

    it('answers the dissolved CCG with its successor, and the ICB with its predecessor', async () => {
      expect((await read('/v1/organisations/bsw-ccg')).json()).toMatchObject({
        dissolution: { dissolvedOn: BST('2022-07-01'), successorId: 'bsw-icb', transferDelegations: true },
        successor: { id: 'bsw-icb', name: 'NHS BSW ICB' },
        predecessors: [],
      });
      const icb = (await read('/v1/organisations/bsw-icb')).json();
      expect(icb.predecessors).toEqual([{ id: 'bsw-ccg', name: 'NHS BSW CCG', succeededOn: BST('2022-07-01'), transferDelegations: true }]);
      expect(icb.bodies.map((body: { id: string }) => body.id)).toEqual(['bsw-icb-board', JOINT_COMMITTEE]);
    });

    it('answers 404 for an organisation it does not know', async () => {
      await expectRefused(api(), () => read('/v1/organisations/no-such-council'), 404, 'not_found');
    });
  });

  describe('GET /v1/bodies', () => {
    it('lists every body by id', async () => {
      const { items, nextCursor } = (await read('/v1/bodies')).json();
      expect(nextCursor).toBeNull();
      expect(items.map((item: { id: string }) => item.id)).toEqual(['bsw-ccg-governing-body', CCG_COMMITTEE, 'bsw-icb-board', JOINT_COMMITTEE, CABINET]);
      expect(items[3]).toEqual({
        id: JOINT_COMMITTEE,
        name: 'Wiltshire Alliance Joint Committee',
        kind: 'joint-committee',
        organisationId: null,
        memberOrganisationIds: [COUNCIL, 'bsw-icb'],
        establishedOn: BST('2022-07-01'),
        dissolvedOn: null,
      });
    });

    it('filters by organisation (own, host or member) and by kind', async () => {
      const ids = async (query: string) => (await read(`/v1/bodies?${query}`)).json().items.map((item: { id: string }) => item.id);
      expect(await ids('organisationId=bsw-icb')).toEqual(['bsw-icb-board', JOINT_COMMITTEE]);
      expect(await ids(`organisationId=${COUNCIL}`)).toEqual([JOINT_COMMITTEE, CABINET]);
      expect(await ids('kind=joint-committee')).toEqual([JOINT_COMMITTEE]);
      expect(await ids('kind=governing-body')).toEqual(['bsw-ccg-governing-body', 'bsw-icb-board', CABINET]);
      expect(await ids(`organisationId=${COUNCIL}&kind=governing-body`)).toEqual([CABINET]);
      expect(await ids('organisationId=no-such-council')).toEqual([]);
    });

    it('pages with cursors', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (await read(`/v1/bodies?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['bsw-ccg-governing-body', CCG_COMMITTEE, 'bsw-icb-board', JOINT_COMMITTEE, CABINET]);
    });

    it('refuses an unknown kind (400)', async () => {
      await expectRefused(api(), () => read('/v1/bodies?kind=parish'), 400, 'validation_failed');
    });
  });

  describe('GET /v1/bodies/{id}?at', () => {
    it('answers who chaired the Joint Committee at each date, and every membership', async () => {
      const members = async (at: string) => (await read(`/v1/bodies/${JOINT_COMMITTEE}?at=${at}`)).json().members.map((member: { memberName: string }) => member.memberName);
      expect(await members('2022-06-30')).toEqual([]);
      expect(await members('2023-01-01')).toEqual(['Cllr Richard Clewer']);
      expect(await members('2023-07-01')).toEqual(['Fiona Slevin-Brown']);
      expect(await members('2024-06-30T22:59:59Z')).toEqual(['Fiona Slevin-Brown']);
      expect(await members('2024-07-01')).toEqual([]);
      const body = (await read(`/v1/bodies/${JOINT_COMMITTEE}?at=2023-01-01`)).json();
      expect(body).toMatchObject({ id: JOINT_COMMITTEE, kind: 'joint-committee', termsOfReference: null, governs: [], at: GMT('2023-01-01') });
      expect(body.history).toEqual([
        {
          membershipId: 'chair-2022',
          memberName: 'Cllr Richard Clewer',
          memberOrganisationId: null,
          role: 'chair',
          onBehalfOfOrganisationId: COUNCIL,
          startDate: BST('2022-07-01'),
          endDate: BST('2023-07-01'),
          ended: null,
        },
        {
          membershipId: 'chair-2023',
          memberName: 'Fiona Slevin-Brown',
          memberOrganisationId: null,
          role: 'chair',
          onBehalfOfOrganisationId: 'bsw-icb',
          startDate: BST('2023-07-01'),
          endDate: BST('2024-07-01'),
          ended: { reason: 'The chair rotates' },
        },
      ]);
    });

    it('reads at now by default, and answers the organisations a governing body governs', async () => {
      const before = Date.now();
      const cabinet = (await read(`/v1/bodies/${CABINET}`)).json();
      expect(Date.parse(cabinet.at)).toBeGreaterThanOrEqual(before - 1000);
      expect(cabinet.governs).toEqual([{ organisationId: COUNCIL, from: BST('2009-04-01'), until: null }]);
      expect((await read(`/v1/bodies/${JOINT_COMMITTEE}`)).json().members).toEqual([]);
    });

    it('answers 404 for an unknown body and 400 for a date it cannot read', async () => {
      await expectRefused(api(), () => read('/v1/bodies/no-such-body'), 404, 'not_found');
      const answer = await expectRefused(api(), () => read(`/v1/bodies/${CABINET}?at=yesterday`), 400, 'validation_failed');
      expect(answer.json().errors).toEqual([{ field: 'at', message: expect.stringContaining('at must be a date') }]);
    });
  });

  describe('GET /v1/posts/{id}?at', () => {
    it('answers who held the post at each date, and every holding', async () => {
      const holder = async (at: string) => (await read(`/v1/posts/${DASS}?at=${at}`)).json().holder;
      expect(await holder('2018-12-01')).toBeNull();
      expect(await holder('2020-06-01')).toEqual({ personName: 'Terence Herbert', startDate: GMT('2019-01-07'), endDate: GMT('2021-01-04'), ended: null });
      expect((await holder('2021-01-04')).personName).toBe('Emma Legg');
      const post = (await read(`/v1/posts/${DASS}`)).json();
      expect(post).toMatchObject({ id: DASS, title: 'Director of Adult Social Services', organisationId: COUNCIL, holder: { personName: 'Emma Legg', endDate: null } });
      expect(post.holders.map((holding: { personName: string }) => holding.personName)).toEqual(['Terence Herbert', 'Emma Legg']);
    });

    it('answers 404 for an unknown post and 400 for a bad date', async () => {
      await expectRefused(api(), () => read('/v1/posts/no-such-post'), 404, 'not_found');
      await expectRefused(api(), () => read(`/v1/posts/${DASS}?at=2023-13-45`), 400, 'validation_failed');
    });
  });

  describe('GET /v1/delegations', () => {
    const ids = async (query: string) => (await read(`/v1/delegations?${query}`)).json().items.map((item: { delegationId: string }) => item.delegationId);

    it('lists every delegation by the date it took effect, with its standing', async () => {
      const { items, nextCursor } = (await read('/v1/delegations')).json();
      expect(nextCursor).toBeNull();
      expect(items.map((item: { delegationId: string }) => item.delegationId)).toEqual([
        'bsw-ccg-to-primary-care-committee',
        'wiltshire-cabinet-to-dass',
        'dass-to-head-of-adult-commissioning',
        'wiltshire-cabinet-to-alliance-joint-committee',
      ]);
      expect(items[1]).toMatchObject({
        delegationId: 'wiltshire-cabinet-to-dass',
        organisationId: COUNCIL,
        fromId: CABINET,
        toId: DASS,
        scopes: ['adult-social-care'],
        limitPence: 75_000_000, // the latest terms
        effectiveFrom: BST('2022-04-01'),
        effectiveUntil: null,
        mayRedelegate: true,
        termsAt: null,
        standing: { status: 'active', from: null, reason: null },
        instrument: { ...SECTION_75, url: null },
        revocationRecordedAt: null,
      });
      expect(items[2]).toMatchObject({
        standing: { status: 'revoked', from: GMT('2023-01-01'), reason: 'Restructure of adult commissioning' },
        revocationRecordedAt: expect.any(String),
      });
    });

    it('filters by organisation, giver and receiver', async () => {
      expect(await ids('organisationId=bsw-ccg')).toEqual(['bsw-ccg-to-primary-care-committee']);
      expect(await ids(`fromId=${CABINET}`)).toEqual(['wiltshire-cabinet-to-dass', 'wiltshire-cabinet-to-alliance-joint-committee']);
      expect(await ids(`toId=${HEAD_OF_COMMISSIONING}`)).toEqual(['dass-to-head-of-adult-commissioning']);
      expect(await ids(`organisationId=${COUNCIL}&fromId=${DASS}&toId=${HEAD_OF_COMMISSIONING}`)).toEqual(['dass-to-head-of-adult-commissioning']);
      expect(await ids(`organisationId=bsw-icb`)).toEqual([]);
    });

    it('with at, lists only the delegations in force then, with their terms as at it, the backdated revocation counted', async () => {
      expect(await ids(`organisationId=${COUNCIL}&at=2022-04-15`)).toEqual(['wiltshire-cabinet-to-dass']);
      expect(await ids(`organisationId=${COUNCIL}&at=2022-12-31`)).toEqual([
        'wiltshire-cabinet-to-dass',
        'dass-to-head-of-adult-commissioning',
        'wiltshire-cabinet-to-alliance-joint-committee',
      ]);
      expect(await ids(`organisationId=${COUNCIL}&at=2023-01-01`)).toEqual(['wiltshire-cabinet-to-dass', 'wiltshire-cabinet-to-alliance-joint-committee']);
      const limitAt = async (at: string) => (await read(`/v1/delegations?toId=${DASS}&at=${at}`)).json().items[0];
      expect(await limitAt('2023-03-31')).toMatchObject({ limitPence: 50_000_000, termsAt: BST('2023-03-31') });
      expect(await limitAt('2023-04-01')).toMatchObject({ limitPence: 75_000_000, termsAt: BST('2023-04-01') });
    });

    it('pages with cursors', async () => {
      const first = (await read('/v1/delegations?limit=3')).json();
      expect(first.items).toHaveLength(3);
      const second = (await read(`/v1/delegations?limit=3&cursor=${first.nextCursor}`)).json();
      expect(second).toEqual({ items: [expect.objectContaining({ delegationId: 'wiltshire-cabinet-to-alliance-joint-committee' })], nextCursor: null });
    });

    it('answers CSV when asked', async () => {
      const answer = await read(`/v1/delegations?organisationId=${COUNCIL}`, { headers: { accept: 'text/csv' } });
      expect(answer.headers['content-type']).toMatch(/^text\/csv/);
      const lines = answer.body.trim().split('\r\n');
      expect(lines[0].split(',').slice(0, 4)).toEqual(['delegationId', 'organisationId', 'fromId', 'toId']);
      expect(lines).toHaveLength(4);
    });
  });

  describe('GET /v1/delegations/{id}', () => {
    it('answers the delegation with its full history on both time axes', async () => {
      const answer = await read('/v1/delegations/dass-to-head-of-adult-commissioning');
      expect(answer.status).toBe(200);
      const delegation = answer.json();
      expect(delegation).toMatchObject({
        delegationId: 'dass-to-head-of-adult-commissioning',
        fromId: DASS,
        toId: HEAD_OF_COMMISSIONING,
        standing: { status: 'revoked', from: GMT('2023-01-01') },
      });
      expect(delegation.history.map((entry: { type: string; actor: string }) => [entry.type, entry.actor])).toEqual([
        ['DelegationGranted', 'clerk:wiltshire-democratic-services'],
        ['DelegationRevoked', 'clerk:wiltshire-democratic-services'],
      ]);
      expect(delegation.history[1]).toMatchObject({ effectiveFrom: GMT('2023-01-01'), reason: 'Restructure of adult commissioning', now: { status: 'revoked' } });
      const varied = (await read('/v1/delegations/wiltshire-cabinet-to-dass')).json();
      expect(varied.history.map((entry: { type: string }) => entry.type)).toEqual(['DelegationGranted', 'DelegationVaried']);
      expect(varied.history[1].changes).toEqual(expect.arrayContaining([{ term: 'limitPence', to: 75_000_000 }]));
    });

    it('answers 404 for a delegation it does not know', async () => {
      await expectRefused(api(), () => read('/v1/delegations/no-such-delegation'), 404, 'not_found');
    });
  });

  describe('GET /v1/authority/check', () => {
    const check = async (query: string) => {
      const answer = await read(`/v1/authority/check?${query}`);
      expect(answer.status).toBe(200);
      return answer.json();
    };

    it('answers exactly {allowed, chains, reasons}: the Cabinet holds every function of the council, with an empty chain', async () => {
      const answer = await check(`holderId=${CABINET}&organisationId=${COUNCIL}&scopes=adult-social-care,bcf`);
      expect(Object.keys(answer).sort()).toEqual(['allowed', 'chains', 'reasons']);
      expect(answer).toEqual({ allowed: true, chains: [[]], reasons: [] });
    });

    it('follows the chain Cabinet → Director → Head of Commissioning before the backdated revocation', async () => {
      const answer = await check(`holderId=${HEAD_OF_COMMISSIONING}&organisationId=${COUNCIL}&scopes=adult-social-care/reablement&amountPence=2500000&at=2022-12-01`);
      expect(answer.allowed).toBe(true);
      expect(answer.reasons).toEqual([]);
      expect(answer.chains).toHaveLength(1);
      expect(answer.chains[0].map((link: { delegationId: string }) => link.delegationId)).toEqual(['wiltshire-cabinet-to-dass', 'dass-to-head-of-adult-commissioning']);
      expect(answer.chains[0][1]).toMatchObject({
        fromId: DASS,
        toId: HEAD_OF_COMMISSIONING,
        scopes: ['adult-social-care/reablement'],
        limitPence: 10_000_000,
        effectiveFrom: BST('2022-05-03'),
        effectiveUntil: null,
      });
    });

    it('refuses, with reasons, after the revocation, today, above the limit and outside the scopes', async () => {
      for (const query of [
        `holderId=${HEAD_OF_COMMISSIONING}&organisationId=${COUNCIL}&scopes=adult-social-care/reablement&at=2023-01-01`,
        `holderId=${HEAD_OF_COMMISSIONING}&organisationId=${COUNCIL}&scopes=adult-social-care/reablement`,
        `holderId=${HEAD_OF_COMMISSIONING}&organisationId=${COUNCIL}&scopes=adult-social-care/reablement&amountPence=10000001&at=2022-12-01`,
        `holderId=${DASS}&organisationId=${COUNCIL}&scopes=bcf&at=2022-12-01`,
      ]) {
        const answer = await check(query);
        expect(answer).toEqual({ allowed: false, chains: [], reasons: expect.arrayContaining([expect.any(String)]) });
      }
    });

    it('reads the Director’s limit as varied at the date asked about', async () => {
      const at = (date: string) => `holderId=${DASS}&organisationId=${COUNCIL}&scopes=adult-social-care&amountPence=60000000&at=${date}`;
      expect((await check(at('2023-03-31'))).allowed).toBe(false);
      expect((await check(at('2023-04-01'))).allowed).toBe(true);
      expect((await check(at('2022-03-31'))).allowed).toBe(false); // before the grant took effect
    });

    it('follows the dissolved CCG: its committee decided for it before 1 July 2022, not after', async () => {
      const query = `holderId=${CCG_COMMITTEE}&organisationId=bsw-ccg&scopes=commissioning`;
      expect((await check(`${query}&at=2022-06-30`)).allowed).toBe(true);
      expect((await check(`${query}&at=2022-07-01`)).allowed).toBe(false);
      // Dissolved into the ICB with its delegations transferred: the committee's delegation counts for the ICB from then on.
      const transferred = await check(`holderId=${CCG_COMMITTEE}&organisationId=bsw-icb&scopes=commissioning&at=2022-08-01`);
      expect(transferred).toEqual({
        allowed: true,
        chains: [[expect.objectContaining({ delegationId: 'bsw-ccg-to-primary-care-committee', fromId: CCG_BOARD, toId: CCG_COMMITTEE, organisationId: 'bsw-ccg' })]],
        reasons: [],
      });
      expect((await check(`holderId=${CCG_COMMITTEE}&organisationId=bsw-icb&scopes=commissioning&at=2022-06-30`)).allowed).toBe(false);
    });

    it('answers 404 for an organisation or a holder the ledger does not know', async () => {
      for (const [query, detail] of [
        [`holderId=${DASS}&organisationId=wiltshire-councll&scopes=adult-social-care`, 'There is no organisation wiltshire-councll.'],
        [`holderId=wiltshire-director-of-care&organisationId=${COUNCIL}&scopes=adult-social-care`, 'There is no body or post wiltshire-director-of-care.'],
      ]) {
        const answer = await expectRefused(api(), () => read(`/v1/authority/check?${query}`), 404, 'not_found');
        expect(answer.json().detail).toBe(detail);
      }
      await expectRefused(api(), () => read('/v1/authority?holderId=wiltshire-director-of-care'), 404, 'not_found');
    });

    it.each([
      ['a negative amount', `holderId=${DASS}&organisationId=${COUNCIL}&scopes=adult-social-care&amountPence=-1`],
      ['a fractional amount', `holderId=${DASS}&organisationId=${COUNCIL}&scopes=adult-social-care&amountPence=1.5`],
      ['an amount that is not a number', `holderId=${DASS}&organisationId=${COUNCIL}&scopes=adult-social-care&amountPence=lots`],
      ['a malformed scope', `holderId=${DASS}&organisationId=${COUNCIL}&scopes=Adult Social Care`],
      ['an empty scope in the list', `holderId=${DASS}&organisationId=${COUNCIL}&scopes=adult-social-care,`],
      ['no scopes', `holderId=${DASS}&organisationId=${COUNCIL}`],
      ['no holder', `organisationId=${COUNCIL}&scopes=adult-social-care`],
      ['no organisation', `holderId=${DASS}&scopes=adult-social-care`],
      ['a date it cannot read', `holderId=${DASS}&organisationId=${COUNCIL}&scopes=adult-social-care&at=next-tuesday`],
      ['an unknown parameter', `holderId=${DASS}&organisationId=${COUNCIL}&scopes=adult-social-care&value=1`],
    ])('refuses %s (400)', async (_, query) => {
      await expectRefused(api(), () => read(`/v1/authority/check?${encodeURI(query)}`), 400, 'validation_failed');
    });
  });

  describe('GET /v1/authority', () => {
    it('answers every scope the Director may decide, per organisation, with limit and chain', async () => {
      const answer = (await read(`/v1/authority?holderId=${DASS}&at=2023-02-01`)).json();
      expect(answer).toEqual({
        holderId: DASS,
        at: GMT('2023-02-01'),
        organisations: [
          {
            organisationId: COUNCIL,
            governingBody: false,
            scopes: [{ scope: 'adult-social-care', limitPence: 50_000_000, chain: [expect.objectContaining({ delegationId: 'wiltshire-cabinet-to-dass' })] }],
          },
        ],
      });
    });

    it('answers the Head of Commissioning’s reablement before the revocation, and nothing after', async () => {
      const before = (await read(`/v1/authority?holderId=${HEAD_OF_COMMISSIONING}&at=2022-12-31`)).json();
      expect(before.organisations).toEqual([
        { organisationId: COUNCIL, governingBody: false, scopes: [{ scope: 'adult-social-care/reablement', limitPence: 10_000_000, chain: [expect.any(Object), expect.any(Object)] }] },
      ]);
      expect((await read(`/v1/authority?holderId=${HEAD_OF_COMMISSIONING}&at=2023-01-01`)).json().organisations).toEqual([]);
      expect((await read(`/v1/authority?holderId=${HEAD_OF_COMMISSIONING}`)).json().organisations).toEqual([]);
    });

    it('answers the Cabinet as the governing body, holding every function without limit', async () => {
      const answer = (await read(`/v1/authority?holderId=${CABINET}`)).json();
      expect(answer.organisations).toEqual([
        {
          organisationId: COUNCIL,
          governingBody: true,
          scopes: [
            { scope: 'adult-social-care', limitPence: null, chain: [] },
            { scope: 'bcf', limitPence: null, chain: [] },
          ],
        },
      ]);
    });

    it('follows the CCG’s delegation to the ICB it dissolved into', async () => {
      const organisations = async (at: string) =>
        (await read(`/v1/authority?holderId=${CCG_COMMITTEE}&at=${at}`)).json().organisations.map((organisation: { organisationId: string; scopes: { scope: string }[] }) => [
          organisation.organisationId,
          organisation.scopes.map((scope) => scope.scope),
        ]);
      expect(await organisations('2022-06-01')).toEqual([['bsw-ccg', ['commissioning']]]);
      expect(await organisations('2022-08-01')).toEqual([['bsw-icb', ['commissioning']]]);
    });

    it('refuses a missing holder or a bad date (400)', async () => {
      await expectRefused(api(), () => read('/v1/authority'), 400, 'validation_failed');
      await expectRefused(api(), () => read(`/v1/authority?holderId=${DASS}&at=soon`), 400, 'validation_failed');
    });
  });

  describe('paging parameters', () => {
    it.each(['/v1/organisations', '/v1/bodies', '/v1/delegations'])('%s refuses limit > 500, limit 0 and a cursor it never gave (400)', async (path) => {
      await expectRefused(api(), () => read(`${path}?limit=501`), 400, 'validation_failed');
      await expectRefused(api(), () => read(`${path}?limit=0`), 400, 'validation_failed');
      await expectRefused(api(), () => read(`${path}?cursor=bm90LWEtY3Vyc29y`), 400, 'validation_failed');
    });

    it('accepts limit 500', async () => {
      expect((await read('/v1/delegations?limit=500')).json().items).toHaveLength(4);
    });
  });

  it('describes every register in its OpenAPI document', async () => {
    const paths = (await api().get('/docs-json')).json().paths as Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    for (const path of [
      '/v1/organisations',
      '/v1/organisations/{id}',
      '/v1/bodies',
      '/v1/bodies/{id}',
      '/v1/posts/{id}',
      '/v1/delegations',
      '/v1/delegations/{id}',
      '/v1/authority/check',
      '/v1/authority',
    ]) {
      expect({ path, get: paths[path]?.get?.summary !== undefined && (paths[path]?.get?.tags ?? []).length > 0 }).toEqual({ path, get: true });
    }
  });

  it('answers every register to a clerk too', async () => {
    for (const path of ['/v1/organisations', `/v1/bodies/${CABINET}`, `/v1/posts/${DASS}`, '/v1/delegations', `/v1/authority?holderId=${DASS}`]) {
      expect((await read(path, { key: clerk })).status).toBe(200);
    }
  });
});

describe('the governance registers with LEDGER_PUBLIC_READ=false', () => {
  let api: LedgerApi;
  let clerk: string;
  let position: string;

  beforeAll(async () => {
    api = await LedgerApi.start({ LEDGER_DATA_DIR: 'memory://', LEDGER_PUBLIC_READ: 'false' });
    clerk = await api.keyFor('clerk', 'wiltshire-democratic-services');
    const answer = await api.post('/v1/organisations', { id: COUNCIL, name: 'Wiltshire Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '2009-04-01' }, { key: clerk });
    expect(answer.status).toBe(201);
    position = answer.json().position;
  });
  afterAll(async () => api.stop());

  it('refuses anonymous readers (401) and answers a clerk', async () => {
    for (const path of [
      '/v1/organisations',
      `/v1/organisations/${COUNCIL}`,
      '/v1/bodies',
      `/v1/bodies/${CABINET}`,
      `/v1/posts/${DASS}`,
      '/v1/delegations',
      '/v1/delegations/wiltshire-cabinet-to-dass',
      `/v1/authority/check?holderId=${CABINET}&organisationId=${COUNCIL}&scopes=adult-social-care`,
      `/v1/authority?holderId=${CABINET}`,
    ]) {
      await expectRefused(api, () => api.get(path, { key: null }), 401, 'unauthenticated');
    }
    const organisations = await api.get(`/v1/organisations?minPosition=${position}`, { key: clerk });
    expect(organisations.status).toBe(200);
    expect(organisations.json().items.map((item: { id: string }) => item.id)).toEqual([COUNCIL]);
    expect((await api.get(`/v1/organisations/${COUNCIL}?minPosition=${position}`, { key: clerk })).json()).toMatchObject({ id: COUNCIL, name: 'Wiltshire Council' });
    // Only the council is registered here: the clerk is told its Cabinet is unknown, not refused as anonymous.
    const check = await api.get(`/v1/authority/check?holderId=${CABINET}&organisationId=${COUNCIL}&scopes=adult-social-care`, { key: clerk });
    expect([check.status, check.json().code, check.json().detail]).toEqual([404, 'not_found', `There is no body or post ${CABINET}.`]);
  });
});
