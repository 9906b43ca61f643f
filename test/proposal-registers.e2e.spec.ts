import { describeOnEveryStore, expectRefused, type HttpAnswer, type LedgerApi } from './ledger-api.js';

/*
 * The registers of proposals, ratifications and bodies' decisions over HTTP, on the seeds:
 * - 000: Wokingham's Adult Integrated Health and Social Care Governance Proposal, ratified step by
 *   step; a mental health proposal amended to version 2 and ratified again; a Better Care Fund
 *   decision rescinded;
 * - 002: Wirral Cabinet, 27 November 2017, Integrated Commissioning for Wirral, with an exempt
 *   appendix (Schedule 12A paragraph 3), approved with conditions and called in;
 * - a decision under a delegation later revoked with a backdated date: its authority has lapsed.
 */

type Json = Record<string, unknown>;

async function given(api: LedgerApi, key: string, records: [path: string, body: Json][]): Promise<string> {
  let position = '';
  for (const [path, body] of records) {
    const answer = await api.post(path, body, { key });
    if (answer.status !== 201) throw new Error(`${path} ${JSON.stringify(body)}: ${answer.body}`);
    position = answer.json().position;
  }
  return position;
}

const organisation = (id: string, name: string, kind: string, functions: string[], establishedOn: string): [string, Json] => [
  '/v1/organisations',
  { id, name, kind, functions, establishedOn },
];
const body = (id: string, name: string, kind: string, where: Json, establishedOn: string): [string, Json] => ['/v1/bodies', { id, name, kind, ...where, establishedOn }];
const post = (id: string, title: string, organisationId: string): [string, Json] => ['/v1/posts', { id, title, organisationId }];
const delegation = (id: string, organisationId: string, fromId: string, toId: string, scopes: string[], effectiveFrom: string, instrument: string): [string, Json] => [
  '/v1/delegations',
  { id, organisationId, fromId, toId, scopes, effectiveFrom, mayRedelegate: false, instrument: { title: instrument } },
];
const ratification = (proposalId: string, ratificationId: string, deciderId: string, decidedOn: string, more: Json = {}): [string, Json] => [
  `/v1/proposals/${proposalId}/ratifications`,
  { ratificationId, deciderId, version: 1, outcome: 'approved', decidedOn, ...more },
];

// Wokingham (seed 000) ------------------------------------------------------------------------------

const WBC = 'wokingham-borough-council';
const CCG = 'wokingham-ccg';
const BHFT = 'berkshire-healthcare-nhs-ft';
const GP_ALLIANCE = 'wokingham-gp-alliance';
const CCG_CMT = 'wokingham-ccg-core-management-team';
const ACS_LEADERSHIP = 'berkshire-west-acs-leadership';
const BHFT_EXECUTIVE = 'bhft-executive';
const WBC_CORPORATE_TEAM = 'wbc-corporate-leadership-team';
const GP_ALLIANCE_BOARD = 'wokingham-gp-alliance-board';
const LEAD_MEMBER = 'wbc-executive-member-health-wellbeing-adult-services';
const DIRECTOR = 'wbc-director-adult-services';
const WISP = 'wokingham-integration-strategic-partnership';
const HWB = 'wokingham-health-and-wellbeing-board';
const BW10 = 'berkshire-west-10-integration-board';
const PARTNERS = [CCG, WBC, BHFT, GP_ALLIANCE];

const wokinghamWorld: [string, Json][] = [
  organisation(WBC, 'Wokingham Borough Council', 'local-authority', ['adult-social-care', 'public-health', 'integrated-care'], '1998-04-01'),
  organisation(CCG, 'NHS Wokingham Clinical Commissioning Group', 'ccg', ['commissioning', 'integrated-care'], '2013-04-01'),
  organisation(BHFT, 'Berkshire Healthcare NHS Foundation Trust', 'nhs-foundation-trust', ['community-services', 'mental-health', 'integrated-care'], '2007-06-01'),
  organisation(GP_ALLIANCE, 'Wokingham GP Alliance', 'gp-federation', ['primary-care', 'integrated-care'], '2017-04-01'),
  body('wokingham-executive', 'Wokingham Borough Council Executive', 'governing-body', { organisationId: WBC }, '1998-04-01'),
  body('wokingham-ccg-governing-body', 'Wokingham CCG Governing Body', 'governing-body', { organisationId: CCG }, '2013-04-01'),
  body('bhft-board', 'BHFT Board of Directors', 'governing-body', { organisationId: BHFT }, '2007-06-01'),
  body(GP_ALLIANCE_BOARD, 'Wokingham GP Alliance Board', 'governing-body', { organisationId: GP_ALLIANCE }, '2017-04-01'),
  body(CCG_CMT, 'Wokingham CCG Core Management Team', 'officer-group', { organisationId: CCG }, '2013-04-01'),
  body(BHFT_EXECUTIVE, 'BHFT Executive', 'officer-group', { organisationId: BHFT }, '2007-06-01'),
  body(WBC_CORPORATE_TEAM, 'Wokingham Borough Council Corporate Leadership Team', 'officer-group', { organisationId: WBC }, '1998-04-01'),
  body(HWB, 'Wokingham Health and Wellbeing Board', 'advisory-board', { organisationId: WBC }, '2013-04-01'),
  body(ACS_LEADERSHIP, 'Berkshire West Accountable Care System Leadership Group', 'partnership-board', { memberOrganisationIds: [CCG, WBC, BHFT] }, '2017-01-01'),
  body(WISP, 'Wokingham Integration Strategic Partnership', 'partnership-board', { memberOrganisationIds: PARTNERS }, '2017-04-01'),
  body(BW10, 'Berkshire West 10 Integration Board', 'partnership-board', { memberOrganisationIds: [CCG, WBC, BHFT] }, '2015-04-01'),
  post(LEAD_MEMBER, 'Executive Member for Health, Wellbeing and Adult Services', WBC),
  post(DIRECTOR, 'Director of Adult Services', WBC),
  delegation('wokingham-ccg-to-core-management-team', CCG, 'wokingham-ccg-governing-body', CCG_CMT, ['integrated-care'], '2017-04-01', 'Wokingham CCG Scheme of Reservation and Delegation'),
  delegation('bhft-board-to-executive', BHFT, 'bhft-board', BHFT_EXECUTIVE, ['integrated-care'], '2017-04-01', 'BHFT Scheme of Delegation'),
  delegation('wbc-executive-to-corporate-leadership-team', WBC, 'wokingham-executive', WBC_CORPORATE_TEAM, ['integrated-care'], '2017-04-01', 'Officer Scheme of Delegation'),
  delegation('wbc-executive-to-lead-member-adult-services', WBC, 'wokingham-executive', LEAD_MEMBER, ['integrated-care'], '2017-04-01', 'Individual Executive Member Decisions'),
  delegation('wbc-executive-to-director-adult-services', WBC, 'wokingham-executive', DIRECTOR, ['adult-social-care'], '2017-04-01', 'Officer Scheme of Delegation: adult social care'),
];

const S75 = 'wokingham-enhanced-s75-partnership';
const MH = 'wokingham-s75-mental-health-services';
const BCF = 'wokingham-bcf-plan-2018-19';
const FEES = 'wokingham-care-home-fees-2018-19';
const WIRRAL = 'wirral-integrated-commissioning';
const CABINET = 'wirral-cabinet';
const SCRUTINY = 'wirral-adult-care-and-health-overview-and-scrutiny';

const S75_SUMMARY = 'Enhance the Section 75 Partnership to include Berkshire Healthcare Foundation Trust and Wokingham GP Alliance as Partners.';

const wokinghamProposal = {
  id: S75,
  title: 'Wokingham’s Adult Integrated Health and Social Care Governance Proposal',
  summary: S75_SUMMARY,
  scopes: ['integrated-care'],
  keyDecision: false,
  proposedById: WISP,
  route: [
    { organisationId: CCG, bodyId: CCG_CMT, requirement: 'approve' },
    { bodyId: ACS_LEADERSHIP, requirement: 'endorse' },
    { organisationId: BHFT, requirement: 'approve' },
    { organisationId: WBC, bodyId: WBC_CORPORATE_TEAM, requirement: 'approve' },
    { organisationId: GP_ALLIANCE, requirement: 'approve' },
    { organisationId: WBC, bodyId: LEAD_MEMBER, requirement: 'approve' },
    { bodyId: WISP, requirement: 'note' },
    { bodyId: HWB, requirement: 'endorse' },
    { bodyId: BW10, requirement: 'endorse' },
  ],
  tabledOn: '2017-05-02',
};

// What anonymous and integration callers must never receive about the exempt Wirral proposal.
const SECRETS = {
  summary: 'A single integrated commissioner for health and care with a Cabinet Committee sitting alongside the CCG Governing Body',
  reason: 'Appendix 2 Due Diligence Report: information relating to the financial or business affairs of any particular person',
  conditions: 'Subject to the risk share with Wirral CCG being capped at 4.2 million pounds',
  minuteRef: 'Cabinet minute 81 confidential appendix',
  url: 'https://democracy.wirral.gov.uk/exempt/appendix-2-due-diligence.pdf',
};
const MARKER = '[exempt: Schedule 12A paragraph 3]';

const ids = (answer: HttpAnswer) => answer.json().items.map((item: { id: string }) => item.id);

describeOnEveryStore('the registers of proposals, ratifications and decisions over HTTP', (api) => {
  let clerk: string;
  let auditor: string;
  let scrutiny: string;
  let integration: string;
  let position: string;
  const read = (path: string, key: string | null = null, headers: Record<string, string> = {}) =>
    api().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, { key, headers });

  beforeAll(async () => {
    clerk = await api().keyFor('clerk', 'wokingham-democratic-services');
    auditor = await api().keyFor('auditor', 'grant-thornton');
    scrutiny = await api().keyFor('scrutiny', 'wirral-scrutiny-officer');
    await given(api(), clerk, wokinghamWorld);
    integration = await api().keyFor('integration', 'bw10-board-portal', [BW10]); // once the board is established

    // The Wokingham route, ratified (BW10's support posted by its own portal).
    await given(api(), clerk, [
      ['/v1/proposals', wokinghamProposal],
      ratification(S75, 'wbc-corporate-team-2017-05-09', WBC_CORPORATE_TEAM, '2017-05-09', { meeting: { minuteRef: 'Corporate Team Meeting, 9 May 2017' } }),
      ratification(S75, 'wokingham-ccg-cmt-2017-05-16', CCG_CMT, '2017-05-16'),
      ratification(S75, 'bw-acs-leadership-2017-05-25', ACS_LEADERSHIP, '2017-05-25'),
      ratification(S75, 'bhft-executive-2017-09-18', BHFT_EXECUTIVE, '2017-09-18'),
      ratification(S75, 'gp-alliance-board-2017-09-26', GP_ALLIANCE_BOARD, '2017-09-26'),
      ratification(S75, 'wbc-lead-member-2017-12-06', LEAD_MEMBER, '2017-12-06', { decidedByPerson: 'Cllr Charlotte Haitham Taylor' }),
      ratification(S75, 'wisp-2017-12-20', WISP, '2017-12-20', { outcome: 'noted' }),
      ratification(S75, 'hwb-2018-02-08', HWB, '2018-02-08', { reasons: 'The Board’s views and their support are considered to be critical to a successful progression.' }),
    ]);
    await given(api(), integration, [ratification(S75, 'bw10-2018-03-15', BW10, '2018-03-15')]);

    // An amendment: BHFT's approval of version 1 no longer counts; version 2 is ratified.
    await given(api(), clerk, [
      [
        '/v1/proposals',
        {
          id: MH,
          title: 'Incorporate community mental health services within the Enhanced Section 75',
          scopes: ['integrated-care'],
          keyDecision: false,
          proposedById: WISP,
          route: [{ organisationId: BHFT, requirement: 'approve' }, { organisationId: CCG, requirement: 'approve' }],
          tabledOn: '2018-04-03',
        },
      ],
      ratification(MH, 'bhft-executive-2018-04-17', BHFT_EXECUTIVE, '2018-04-17'),
      [`/v1/proposals/${MH}/amendments`, { amendedOn: '2018-05-01', reason: 'The CMHT budget is to be pooled', summary: 'Pool the CMHT budget within the Section 75 fund.', valuePence: 125_000_000 }],
      ratification(MH, 'wokingham-ccg-cmt-2018-05-08', CCG_CMT, '2018-05-08', { version: 2 }),
      ratification(MH, 'bhft-executive-2018-05-14', BHFT_EXECUTIVE, '2018-05-14', { version: 2 }),
    ]);

    // A rescission: the corporate team's approval was recorded in error.
    await given(api(), clerk, [
      [
        '/v1/proposals',
        {
          id: BCF,
          title: 'Wokingham Better Care Fund plan 2018-19',
          scopes: ['integrated-care'],
          valuePence: 1_150_000_000,
          keyDecision: true,
          proposedById: WBC_CORPORATE_TEAM,
          route: [{ organisationId: WBC, bodyId: WBC_CORPORATE_TEAM, requirement: 'approve' }],
          tabledOn: '2018-06-01',
        },
      ],
      ratification(BCF, 'wbc-corporate-team-2018-06-12', WBC_CORPORATE_TEAM, '2018-06-12'),
      [`/v1/proposals/${BCF}/ratifications/wbc-corporate-team-2018-06-12/rescission`, { rescindedOn: '2018-06-19', reason: 'Recorded against the wrong plan' }],
    ]);

    // A decision by the Director under a delegation (revoked later, in the lapsed-authority test).
    await given(api(), clerk, [
      [
        '/v1/proposals',
        {
          id: FEES,
          title: 'Care home fee uplift 2018-19',
          scopes: ['adult-social-care'],
          valuePence: 45_000_000,
          keyDecision: false,
          proposedById: DIRECTOR,
          route: [{ organisationId: WBC, bodyId: DIRECTOR, requirement: 'approve' }],
          tabledOn: '2018-02-01',
        },
      ],
      ratification(FEES, 'wbc-director-2018-03-01', DIRECTOR, '2018-03-01', { decidedByPerson: 'Paul Senior' }),
    ]);

    // Wirral (seed 002): exempt under Schedule 12A paragraph 3, approved with conditions, called in.
    position = await given(api(), clerk, [
      organisation('wirral-council', 'Wirral Council', 'local-authority', ['adult-social-care', 'public-health', 'integrated-care'], '1974-04-01'),
      body(CABINET, 'Wirral Council Cabinet', 'governing-body', { organisationId: 'wirral-council' }, '2001-05-01'),
      body(SCRUTINY, 'Adult Care and Health Overview and Scrutiny Committee', 'scrutiny-committee', { organisationId: 'wirral-council' }, '2001-05-01'),
      post('wirral-director-health-and-care', 'Director of Health and Care', 'wirral-council'),
      [
        '/v1/proposals',
        {
          id: WIRRAL,
          title: 'Integrated Commissioning for Wirral',
          summary: SECRETS.summary,
          scopes: ['adult-social-care', 'public-health'],
          valuePence: 59_290_000_000,
          keyDecision: true,
          exempt: { paragraph: 3, reason: SECRETS.reason },
          proposedById: 'wirral-director-health-and-care',
          route: [{ organisationId: 'wirral-council', bodyId: CABINET, requirement: 'approve' }],
          tabledOn: '2017-11-17',
        },
      ],
      ratification(WIRRAL, 'wirral-cabinet-2017-11-27', CABINET, '2017-11-27T18:00:00Z', {
        outcome: 'approved-with-conditions',
        conditions: SECRETS.conditions,
        meeting: { minuteRef: SECRETS.minuteRef, url: SECRETS.url },
        callInUntil: '2017-12-06T10:00:00Z',
        decidedByPerson: 'Cllr Phil Davies, Leader of the Council',
        reasons: 'The integration of health and care commissioning will use resources in a more effective and sustainable manner.',
      }),
      [
        `/v1/proposals/${WIRRAL}/call-ins`,
        { callInId: 'wirral-ach-osc-call-in-2017-12', ratificationId: 'wirral-cabinet-2017-11-27', scrutinyBodyId: SCRUTINY, lodgedOn: '2017-12-01', reason: 'Members asked for the risk share to be explained.' },
      ],
    ]);
  });

  describe('GET /v1/proposals', () => {
    it('lists the register, most recently tabled first', async () => {
      const answer = await read('/v1/proposals');
      expect(answer.status).toBe(200);
      expect(answer.json().nextCursor).toBeNull();
      expect(ids(answer)).toEqual([BCF, MH, FEES, WIRRAL, S75]);
      expect(answer.json().items.find((item: Json) => item.id === S75)).toMatchObject({
        id: S75,
        version: 1,
        status: 'ratified',
        title: wokinghamProposal.title,
        summary: S75_SUMMARY,
        scopes: ['integrated-care'],
        keyDecision: false,
        exempt: null,
        proposedById: WISP,
        tabledOn: '2017-05-02T00:00:00+01:00',
        withdrawnOn: null,
        organisationIds: expect.arrayContaining([CCG, BHFT, WBC, GP_ALLIANCE]),
        position: expect.stringMatching(/^\d+:\d+$/),
      });
      expect(answer.json().items.find((item: Json) => item.id === MH)).toMatchObject({ version: 2, status: 'ratified', summary: 'Pool the CMHT budget within the Section 75 fund.', valuePence: 125_000_000 });
      expect(answer.json().items.find((item: Json) => item.id === BCF)).toMatchObject({ status: 'open' });
    });

    it.each<[string, string[]]>([
      ['status=ratified', [MH, FEES, WIRRAL, S75]],
      ['status=open', [BCF]],
      ['status=withdrawn', []],
      ['organisationId=wirral-council', [WIRRAL]],
      [`organisationId=${GP_ALLIANCE}`, [S75]],
      ['scope=adult-social-care', [FEES, WIRRAL]],
      ['scope=integrated-care', [BCF, MH, S75]],
      ['from=2018-01-01', [BCF, MH, FEES]],
      ['to=2017-12-31', [WIRRAL, S75]],
      ['from=2017-11-17&to=2018-02-01', [FEES, WIRRAL]],
      ['status=ratified&scope=integrated-care&from=2018-01-01', [MH]],
    ])('filters by %s', async (filter, expected) => {
      expect(ids(await read(`/v1/proposals?${filter}`))).toEqual(expected);
    });

    it('pages with cursors', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const answer: HttpAnswer = await read(`/v1/proposals?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(answer.json().items.length).toBeLessThanOrEqual(2);
        seen.push(...ids(answer));
        cursor = answer.json().nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([BCF, MH, FEES, WIRRAL, S75]);
    });

    it('answers CSV when asked', async () => {
      const answer = await read('/v1/proposals?limit=2', null, { accept: 'text/csv' });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/csv/);
      const lines = answer.body.trim().split('\r\n');
      expect(lines[0].split(',').slice(0, 4)).toEqual(['id', 'version', 'status', 'title']);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(new RegExp(`^${BCF},1,open,`));
      expect(answer.headers['x-next-cursor']).toEqual(expect.any(String));
    });

    it.each([
      ['an unknown status', 'status=pending'],
      ['a scope that is not one', 'scope=Integrated%20Care'],
      ['an organisation id that is not a slug', 'organisationId=Wokingham%20Council'],
      ['a from date that does not parse', 'from=last%20year'],
      ['an impossible to date', 'to=2018-02-30'],
      ['a limit of 0', 'limit=0'],
      ['a limit over 500', 'limit=501'],
      ['a cursor it never gave', 'cursor=bm90LWEtY3Vyc29y'],
      ['an unknown parameter', 'colour=blue'],
    ])('refuses %s (400 validation_failed)', async (_case, query) => {
      await expectRefused(api(), () => read(`/v1/proposals?${query}`), 400, 'validation_failed');
    });
  });

  describe('GET /v1/proposals/{id}', () => {
    it('answers the ratified Wokingham proposal with the decision that stands on each step of its route', async () => {
      const answer = await read(`/v1/proposals/${S75}`);
      expect(answer.status).toBe(200);
      const view = answer.json();
      expect(view).toMatchObject({ id: S75, version: 1, status: 'ratified', title: wokinghamProposal.title, summary: S75_SUMMARY, exempt: null, tabledOn: '2017-05-02T00:00:00+01:00', withdrawal: null });
      expect(view.route).toHaveLength(9);
      expect(view.route.map((step: { decision: { id: string } | null }) => step.decision?.id)).toEqual([
        'wokingham-ccg-cmt-2017-05-16',
        'bw-acs-leadership-2017-05-25',
        'bhft-executive-2017-09-18',
        'wbc-corporate-team-2017-05-09',
        'gp-alliance-board-2017-09-26',
        'wbc-lead-member-2017-12-06',
        'wisp-2017-12-20',
        'hwb-2018-02-08',
        'bw10-2018-03-15',
      ]);
      expect(view.route[3]).toMatchObject({ stepIndex: 3, organisationId: WBC, bodyId: WBC_CORPORATE_TEAM, requirement: 'approve' });
      // A forum's step names the organisation the forum belongs to, and none for a joint forum.
      expect(view.route[7]).toMatchObject({ stepIndex: 7, organisationId: WBC, bodyId: HWB, requirement: 'endorse' });
      expect(view.route[8]).toMatchObject({ stepIndex: 8, organisationId: null, bodyId: BW10, requirement: 'endorse' });
      expect(view.route[3].decision).toMatchObject({
        deciderId: WBC_CORPORATE_TEAM,
        outcome: 'approved',
        meeting: { minuteRef: 'Corporate Team Meeting, 9 May 2017' },
        counts: true,
        status: 'stands',
        authority: expect.objectContaining({ holderId: WBC_CORPORATE_TEAM, organisationId: WBC, scopes: ['integrated-care'] }),
      });
      expect(view.ratifications).toHaveLength(9);
      expect(view.versions).toHaveLength(1);
    });

    it('answers the amended proposal at version 2, the approval of version 1 kept but not counted', async () => {
      const view = (await read(`/v1/proposals/${MH}`)).json();
      expect(view).toMatchObject({ version: 2, status: 'ratified', summary: 'Pool the CMHT budget within the Section 75 fund.', valuePence: 125_000_000 });
      expect(view.versions.map((version: Json) => [version.version, version.amendmentReason])).toEqual([
        [1, null],
        [2, 'The CMHT budget is to be pooled'],
      ]);
      expect(view.ratifications.map((r: Json) => [r.id, r.version, r.counts])).toEqual([
        ['bhft-executive-2018-04-17', 1, false],
        ['wokingham-ccg-cmt-2018-05-08', 2, true],
        ['bhft-executive-2018-05-14', 2, true],
      ]);
      expect(view.route.map((step: { decision: { id: string } | null }) => step.decision?.id)).toEqual(['bhft-executive-2018-05-14', 'wokingham-ccg-cmt-2018-05-08']);
    });

    it('marks a rescinded decision, and the proposal is open again', async () => {
      const view = (await read(`/v1/proposals/${BCF}`)).json();
      expect(view).toMatchObject({ status: 'open', route: [{ decision: null }] });
      expect(view.ratifications).toEqual([
        expect.objectContaining({ id: 'wbc-corporate-team-2018-06-12', rescinded: true, status: 'rescinded', counts: false, rescission: { rescindedOn: '2018-06-19T00:00:00+01:00', reason: 'Recorded against the wrong plan' } }),
      ]);
    });

    it('shows the Wirral decision called in', async () => {
      const view = (await read(`/v1/proposals/${WIRRAL}`, auditor)).json();
      expect(view).toMatchObject({ status: 'ratified', exempt: { paragraph: 3, reason: SECRETS.reason }, implementableFrom: null });
      expect(view.ratifications[0]).toMatchObject({
        id: 'wirral-cabinet-2017-11-27',
        outcome: 'approved-with-conditions',
        status: 'pending-call-in',
        pendingCallIn: true,
        callIns: [{ callInId: 'wirral-ach-osc-call-in-2017-12', scrutinyBodyId: SCRUTINY, resolution: null }],
      });
    });

    it('answers 404 not_found for a proposal the ledger does not know, or an id that cannot be one', async () => {
      await expectRefused(api(), () => read('/v1/proposals/wokingham-no-such-proposal'), 404, 'not_found');
      await expectRefused(api(), () => read('/v1/proposals/Not%20A%20Slug'), 404, 'not_found');
    });

    it('refuses an unknown parameter (400)', async () => {
      await expectRefused(api(), () => read(`/v1/proposals/${S75}?verbose=true`), 400, 'validation_failed');
    });
  });

  describe('GET /v1/proposals/{id}/history', () => {
    it('answers every event of the proposal in order, with its actor and a line of English', async () => {
      const answer = await read(`/v1/proposals/${S75}/history`);
      expect(answer.status).toBe(200);
      const { items, nextCursor } = answer.json();
      expect(nextCursor).toBeNull();
      expect(items.map((item: Json) => item.type)).toEqual(['ProposalTabled', ...Array(9).fill('RatificationRecorded'), 'ProposalRatified']);
      expect(items.map((item: Json) => item.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(items[0]).toMatchObject({
        proposalId: S75,
        position: expect.stringMatching(/^\d+:\d+$/),
        streamVersion: 1,
        type: 'ProposalTabled',
        recordedAt: expect.any(String),
        actor: 'clerk:wokingham-democratic-services',
        data: expect.objectContaining({ proposalId: S75, summary: S75_SUMMARY }),
        summary: expect.any(String),
      });
      expect(items[9].actor).toBe('integration:bw10-board-portal');
    });

    it('shows the amendment', async () => {
      const { items } = (await read(`/v1/proposals/${MH}/history`)).json();
      expect(items.map((item: Json) => item.type)).toEqual(expect.arrayContaining(['ProposalTabled', 'ProposalAmended', 'ProposalRatified']));
      expect(items.find((item: Json) => item.type === 'ProposalAmended').data).toMatchObject({ version: 2, summary: 'Pool the CMHT budget within the Section 75 fund.' });
    });

    it('pages with cursors, and answers CSV', async () => {
      const first = (await read(`/v1/proposals/${S75}/history?limit=4`)).json();
      const second = (await read(`/v1/proposals/${S75}/history?limit=4&cursor=${first.nextCursor}`)).json();
      const third = (await read(`/v1/proposals/${S75}/history?limit=4&cursor=${second.nextCursor}`)).json();
      expect([first.items, second.items, third.items].map((items) => items.map((item: Json) => item.streamVersion))).toEqual([
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10, 11],
      ]);
      expect(third.nextCursor).toBeNull();
      const csv = await read(`/v1/proposals/${S75}/history`, null, { accept: 'text/csv' });
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.body.trim().split('\r\n')).toHaveLength(12);
    });

    it('answers 404 for a proposal the ledger does not know, 400 for a bad cursor', async () => {
      await expectRefused(api(), () => read('/v1/proposals/wokingham-no-such-proposal/history'), 404, 'not_found');
      const page = (await read(`/v1/proposals/${S75}/history?limit=1`)).json();
      await expectRefused(api(), () => read(`/v1/proposals/wokingham-no-such-proposal/history?cursor=${page.nextCursor}`), 404, 'not_found');
      await expectRefused(api(), () => read(`/v1/proposals/${S75}/history?cursor=bm90LWEtY3Vyc29y`), 400, 'validation_failed');
    });
  });

  describe('GET /v1/ratifications', () => {
    it('lists every decision, newest first', async () => {
      const answer = await read('/v1/ratifications');
      expect(answer.status).toBe(200);
      expect(answer.json().nextCursor).toBeNull();
      expect(ids(answer)).toEqual([
        'wbc-corporate-team-2018-06-12',
        'bhft-executive-2018-05-14',
        'wokingham-ccg-cmt-2018-05-08',
        'bhft-executive-2018-04-17',
        'bw10-2018-03-15',
        'wbc-director-2018-03-01',
        'hwb-2018-02-08',
        'wisp-2017-12-20',
        'wbc-lead-member-2017-12-06',
        'wirral-cabinet-2017-11-27',
        'gp-alliance-board-2017-09-26',
        'bhft-executive-2017-09-18',
        'bw-acs-leadership-2017-05-25',
        'wokingham-ccg-cmt-2017-05-16',
        'wbc-corporate-team-2017-05-09',
      ]);
      expect(answer.json().items[4]).toMatchObject({ id: 'bw10-2018-03-15', proposalId: S75, proposalTitle: wokinghamProposal.title, requirement: 'endorse', deciderKind: 'body', authority: null, counts: true });
    });

    it.each<[string, string[]]>([
      // The Health and Wellbeing Board is the council's: its support is recorded for the council.
      [`organisationId=${WBC}`, ['wbc-corporate-team-2018-06-12', 'wbc-director-2018-03-01', 'hwb-2018-02-08', 'wbc-lead-member-2017-12-06', 'wbc-corporate-team-2017-05-09']],
      [`deciderId=${BHFT_EXECUTIVE}`, ['bhft-executive-2018-05-14', 'bhft-executive-2018-04-17', 'bhft-executive-2017-09-18']],
      ['outcome=noted', ['wisp-2017-12-20']],
      ['outcome=approved-with-conditions', ['wirral-cabinet-2017-11-27']],
      ['from=2018-05-01&to=2018-05-31', ['bhft-executive-2018-05-14', 'wokingham-ccg-cmt-2018-05-08']],
      ['to=2017-05-25', ['bw-acs-leadership-2017-05-25', 'wokingham-ccg-cmt-2017-05-16', 'wbc-corporate-team-2017-05-09']],
      [`organisationId=${CCG}&from=2018-01-01`, ['wokingham-ccg-cmt-2018-05-08']],
    ])('filters by %s', async (filter, expected) => {
      expect(ids(await read(`/v1/ratifications?${filter}`))).toEqual(expected);
    });

    it('pages with cursors', async () => {
      const all = ids(await read('/v1/ratifications'));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const answer: HttpAnswer = await read(`/v1/ratifications?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...ids(answer));
        cursor = answer.json().nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
    });

    it('answers CSV when asked', async () => {
      const answer = await read(`/v1/ratifications?deciderId=${BHFT_EXECUTIVE}`, null, { accept: 'text/csv' });
      expect(answer.headers['content-type']).toMatch(/^text\/csv/);
      const lines = answer.body.trim().split('\r\n');
      expect(lines[0].split(',').slice(0, 2)).toEqual(['id', 'proposalId']);
      expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['bhft-executive-2018-05-14', 'bhft-executive-2018-04-17', 'bhft-executive-2017-09-18']);
    });

    it.each([
      ['an unknown outcome', 'outcome=supported'],
      ['an unknown authority filter', 'authority=expired'],
      ['a decider id that is not a slug', 'deciderId=BHFT%20Executive'],
      ['a date that does not parse', 'from=8%20February%202018'],
      ['a cursor it never gave', 'cursor=bm90LWEtY3Vyc29y'],
      ['a cursor it never gave, with authority=lapsed', 'authority=lapsed&cursor=bm90LWEtY3Vyc29y'],
      ['an unknown parameter', 'proposal=x'],
    ])('refuses %s (400 validation_failed)', async (_case, query) => {
      await expectRefused(api(), () => read(`/v1/ratifications?${query}`), 400, 'validation_failed');
    });

    it('authority=holds lists the decisions whose recorded authority still holds, each with authorityNow, and pages', async () => {
      const answer = await read('/v1/ratifications?authority=holds');
      expect(answer.status).toBe(200);
      const withAuthority = (await read('/v1/ratifications')).json().items.filter((item: Json) => item.authority !== null).map((item: Json) => item.id);
      expect(ids(answer)).toEqual(withAuthority);
      expect(withAuthority).toHaveLength(11);
      expect(answer.json().items.every((item: Json) => JSON.stringify(item.authorityNow) === JSON.stringify({ holds: true, reasons: [], since: null }))).toBe(true);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: HttpAnswer = await read(`/v1/ratifications?authority=holds&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.json().items.length).toBeLessThanOrEqual(3);
        seen.push(...ids(page));
        cursor = page.json().nextCursor;
      } while (cursor);
      expect(seen).toEqual(withAuthority);
      expect(ids(await read(`/v1/ratifications?authority=holds&deciderId=${CCG_CMT}&limit=1`))).toEqual(['wokingham-ccg-cmt-2018-05-08']);
    });
  });

  describe('GET /v1/bodies/{id}/decisions', () => {
    it('is the body’s decisions register, newest first', async () => {
      const answer = await read(`/v1/bodies/${CCG_CMT}/decisions`);
      expect(answer.status).toBe(200);
      expect(answer.json()).toEqual({
        items: [expect.objectContaining({ id: 'wokingham-ccg-cmt-2018-05-08', proposalId: MH, version: 2 }), expect.objectContaining({ id: 'wokingham-ccg-cmt-2017-05-16', proposalId: S75, version: 1 })],
        nextCursor: null,
      });
      expect(ids(await read(`/v1/bodies/${HWB}/decisions`))).toEqual(['hwb-2018-02-08']);
      expect(ids(await read(`/v1/bodies/${LEAD_MEMBER}/decisions`))).toEqual(['wbc-lead-member-2017-12-06']);
    });

    it('filters by date and pages', async () => {
      expect(ids(await read(`/v1/bodies/${BHFT_EXECUTIVE}/decisions?from=2018-01-01`))).toEqual(['bhft-executive-2018-05-14', 'bhft-executive-2018-04-17']);
      expect(ids(await read(`/v1/bodies/${BHFT_EXECUTIVE}/decisions?from=2018-04-17&to=2018-04-17`))).toEqual(['bhft-executive-2018-04-17']);
      const first = (await read(`/v1/bodies/${BHFT_EXECUTIVE}/decisions?limit=2`)).json();
      expect(first.items).toHaveLength(2);
      const second = (await read(`/v1/bodies/${BHFT_EXECUTIVE}/decisions?limit=2&cursor=${first.nextCursor}`)).json();
      expect(second).toEqual({ items: [expect.objectContaining({ id: 'bhft-executive-2017-09-18' })], nextCursor: null });
    });

    it('answers CSV, and an empty register for a body that decided nothing', async () => {
      const csv = await read(`/v1/bodies/${BHFT_EXECUTIVE}/decisions`, null, { accept: 'text/csv' });
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.body.trim().split('\r\n')).toHaveLength(4);
      expect((await read('/v1/bodies/wokingham-executive/decisions')).json()).toEqual({ items: [], nextCursor: null });
    });

    it('refuses bad dates (400), and an id that names no body or post (404)', async () => {
      await expectRefused(api(), () => read(`/v1/bodies/${HWB}/decisions?to=tomorrow`), 400, 'validation_failed');
      await expectRefused(api(), () => read(`/v1/bodies/${HWB}/decisions?limit=-1`), 400, 'validation_failed');
      await expectRefused(api(), () => read('/v1/bodies/Health%20Board/decisions'), 404, 'not_found');
      const unknown = await expectRefused(api(), () => read('/v1/bodies/wokingham-health-board/decisions'), 404, 'not_found');
      expect(unknown.json().detail).toBe('There is no body or post wokingham-health-board.');
    });
  });

  describe('exempt detail (Schedule 12A paragraph 3)', () => {
    const endpoints: [string, string][] = [
      ['the register of proposals', '/v1/proposals'],
      ['the proposal', `/v1/proposals/${WIRRAL}`],
      ['its history', `/v1/proposals/${WIRRAL}/history`],
      ['the ratifications', '/v1/ratifications'],
      ['the ratifications filtered by authority', '/v1/ratifications?authority=holds&organisationId=wirral-council'],
      ['the Cabinet’s decisions register', `/v1/bodies/${CABINET}/decisions`],
    ];
    const lists = endpoints.filter(([, path]) => path !== `/v1/proposals/${WIRRAL}`);

    function expectWithheld(answer: HttpAnswer): void {
      expect(answer.status).toBe(200);
      for (const secret of Object.values(SECRETS)) expect(answer.body).not.toContain(secret);
      expect(answer.body).toContain(MARKER);
    }

    function expectShown(answer: HttpAnswer, secrets: string[]): void {
      expect(answer.status).toBe(200);
      for (const secret of secrets) expect(answer.body).toContain(secret);
    }

    /** The secrets each endpoint carries when shown in full. */
    const secretsOf = (path: string) =>
      path.startsWith('/v1/proposals') && !path.includes('/history') && path !== '/v1/proposals'
        ? Object.values(SECRETS)
        : path === '/v1/proposals'
          ? [SECRETS.summary, SECRETS.reason]
          : path.includes('/history')
            ? Object.values(SECRETS)
            : [SECRETS.conditions, SECRETS.minuteRef, SECRETS.url];

    describe.each([
      ['anonymous callers', () => null],
      ['integration keys', () => 'integration'],
    ])('for %s', (_who, which) => {
      const keyOf = () => (which() === 'integration' ? integration : null);

      it.each(endpoints)('%s withholds the summary, conditions, meeting detail and exempt reason', async (_what, path) => {
        expectWithheld(await read(path, keyOf()));
      });

      it.each(lists)('%s as CSV withholds them too', async (_what, path) => {
        const answer = await read(path, keyOf(), { accept: 'text/csv' });
        expect(answer.headers['content-type']).toMatch(/^text\/csv/);
        expectWithheld(answer);
      });
    });

    it('keeps the id, title, status, route and decisions, with the paragraph in place of each detail', async () => {
      const view = (await read(`/v1/proposals/${WIRRAL}`)).json();
      expect(view).toMatchObject({
        id: WIRRAL,
        title: 'Integrated Commissioning for Wirral',
        status: 'ratified',
        summary: MARKER,
        exempt: { paragraph: 3, reason: MARKER },
        route: [{ organisationId: 'wirral-council', bodyId: CABINET, requirement: 'approve', decision: expect.objectContaining({ id: 'wirral-cabinet-2017-11-27', outcome: 'approved-with-conditions' }) }],
      });
      expect(view.route[0].decision).toMatchObject({ conditions: MARKER, meeting: { minuteRef: MARKER, url: MARKER } });
      expect(view.versions[0].summary).toBe(MARKER);
      const [ratification] = (await read(`/v1/bodies/${CABINET}/decisions`)).json().items;
      expect(ratification).toMatchObject({ exemptParagraph: 3, conditions: MARKER, meeting: { minuteRef: MARKER, url: MARKER }, decidedByPerson: 'Cllr Phil Davies, Leader of the Council' });
      const tabled = (await read(`/v1/proposals/${WIRRAL}/history`)).json().items[0];
      expect(tabled.data).toMatchObject({ summary: MARKER, exempt: { paragraph: 3, reason: MARKER } });
    });

    it('leaves proposals that are not exempt as they are for anonymous callers', async () => {
      expect((await read(`/v1/proposals/${S75}`)).json().summary).toBe(S75_SUMMARY);
      expect((await read(`/v1/proposals/${S75}/history`)).body).toContain(S75_SUMMARY);
      expect((await read(`/v1/bodies/${WBC_CORPORATE_TEAM}/decisions`)).body).toContain('Corporate Team Meeting, 9 May 2017');
    });

    describe.each([
      ['auditors', () => auditor],
      ['scrutiny', () => scrutiny],
      ['clerks', () => clerk],
    ])('for %s', (_who, keyOf) => {
      it.each(endpoints)('%s shows everything', async (_what, path) => {
        const answer = await read(path, keyOf());
        expectShown(answer, secretsOf(path));
        expect(answer.body).not.toContain(MARKER);
      });

      it.each(lists)('%s as CSV shows everything', async (_what, path) => {
        const answer = await read(path, keyOf(), { accept: 'text/csv' });
        expect(answer.headers['content-type']).toMatch(/^text\/csv/);
        expectShown(answer, secretsOf(path));
      });
    });
  });

  it('describes every register route in the OpenAPI document', async () => {
    const { paths } = (await api().get('/docs-json', { key: null })).json();
    for (const path of ['/v1/proposals', '/v1/proposals/{id}', '/v1/proposals/{id}/history', '/v1/ratifications', '/v1/bodies/{id}/decisions']) {
      expect(paths[path]?.get).toMatchObject({ summary: expect.any(String) });
    }
    expect(paths['/v1/ratifications'].get.parameters.map((parameter: Json) => parameter.name)).toEqual(
      expect.arrayContaining(['organisationId', 'deciderId', 'outcome', 'from', 'to', 'authority', 'limit', 'cursor']),
    );
  });

  describe('authority=lapsed', () => {
    /** What a decision taken under the revoked delegation says of its authority now: lapsed, why, and on which event's recording. */
    const lapsedOnRevocation = () => ({
      holds: false,
      reasons: ['delegation wbc-executive-to-director-adult-services revoked with effect from 2018-01-01'],
      since: { position, recordedAt: expect.any(String), streamId: `scheme-${WBC}`, streamVersion: expect.any(Number), type: 'DelegationRevoked' },
    });

    it('lists nothing while every recorded authority still holds', async () => {
      expect((await read('/v1/ratifications?authority=lapsed')).json()).toEqual({ items: [], nextCursor: null });
    });

    it('lists a decision once its delegation is revoked with a date before it, with the reason', async () => {
      const revoked = await api().post(
        '/v1/delegations/wbc-executive-to-director-adult-services/revocation',
        { effectiveFrom: '2018-01-01', reason: 'Adult social care decisions reserved to the Executive' },
        { key: clerk },
      );
      expect(revoked.status).toBe(201);
      position = revoked.json().position;

      const answer = await read('/v1/ratifications?authority=lapsed');
      expect(answer.status).toBe(200);
      expect(answer.json()).toEqual({
        items: [
          expect.objectContaining({
            id: 'wbc-director-2018-03-01',
            proposalId: FEES,
            deciderId: DIRECTOR,
            authority: expect.objectContaining({ holderId: DIRECTOR, organisationId: WBC, scopes: ['adult-social-care'], amountPence: 45_000_000, at: '2018-03-01T00:00:00+00:00' }),
            authorityNow: lapsedOnRevocation(),
          }),
        ],
        nextCursor: null,
      });
      // The recorded basis is kept as it was: the decision was taken with authority.
      expect(answer.json().items[0].authority.chains).toEqual([[expect.objectContaining({ delegationId: 'wbc-executive-to-director-adult-services' })]]);
    });

    it('combines with the other filters, pages, answers CSV, and is no longer among those that hold', async () => {
      expect(ids(await read(`/v1/ratifications?authority=lapsed&organisationId=${WBC}`))).toEqual(['wbc-director-2018-03-01']);
      expect(ids(await read(`/v1/ratifications?authority=lapsed&organisationId=${CCG}`))).toEqual([]);
      expect(ids(await read('/v1/ratifications?authority=lapsed&to=2018-02-28'))).toEqual([]);
      expect((await read('/v1/ratifications?authority=lapsed&limit=1')).json()).toEqual({ items: [expect.objectContaining({ id: 'wbc-director-2018-03-01' })], nextCursor: null });
      const csv = await read('/v1/ratifications?authority=lapsed', null, { accept: 'text/csv' });
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.body.trim().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[0].split(',')).toEqual(expect.arrayContaining(['authorityNow.holds'])); // nested values as columns of their own
      expect(lines[1]).toContain('revoked with effect from 2018-01-01');
      const holds = ids(await read('/v1/ratifications?authority=holds'));
      expect(holds).toHaveLength(10);
      expect(holds).not.toContain('wbc-director-2018-03-01');
    });

    it('shows the lapse wherever the decision is shown — the proposal’s route and ratifications, the decider’s decisions register — and leaves the decision as it was', async () => {
      const proposal = (await read(`/v1/proposals/${FEES}`)).json();
      expect(proposal).toMatchObject({
        status: 'ratified',
        route: [{ decision: expect.objectContaining({ id: 'wbc-director-2018-03-01', counts: true, status: 'stands', authorityNow: lapsedOnRevocation() }) }],
      });
      expect(proposal.ratifications.find((ratification: Json) => ratification.id === 'wbc-director-2018-03-01').authorityNow).toEqual(lapsedOnRevocation());
      const register = (await read(`/v1/bodies/${DIRECTOR}/decisions`)).json();
      expect(register.items.find((decision: Json) => decision.id === 'wbc-director-2018-03-01').authorityNow).toEqual(lapsedOnRevocation());
      // Decisions taken under other authority still hold.
      expect((await read(`/v1/ratifications?organisationId=${WBC}`)).json().items.filter((item: Json) => (item.authorityNow as { holds?: boolean } | null)?.holds === false).map((item: Json) => item.id)).toEqual(['wbc-director-2018-03-01']);
    });
  });
});
