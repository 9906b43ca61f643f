import { describeOnEveryStore, expectRefused, type HttpAnswer, type LedgerApi } from './ledger-api.js';

/*
 * Proposals, their routes and the decisions taken on them, over HTTP, on the seeds:
 * - 000: Wokingham's Adult Integrated Health and Social Care Governance Proposal, approved by each
 *   partner in turn (CCG management team, ACS leadership, BHFT executive, council corporate team,
 *   GP Alliance, lead member), noted by WISP, supported by the Health and Wellbeing Board on
 *   8 February 2018 and the BW10 Integration Board;
 * - 002: Wirral Cabinet, 27 November 2017, Integrated Commissioning for Wirral, subject to call-in,
 *   with an exempt appendix (Schedule 12A paragraph 3);
 * - 001: BSW CCG dissolved into the BSW ICB on 1 July 2022.
 */

type Json = Record<string, unknown>;

const POSITION = expect.stringMatching(/^\d+:\d+$/);

/** Creates what a test stands on, failing loudly if the ledger refuses any of it. */
async function given(api: LedgerApi, key: string, records: [path: string, body: Json][]): Promise<void> {
  for (const [path, body] of records) {
    const answer = await api.post(path, body, { key });
    if (answer.status !== 201) throw new Error(`${path} ${JSON.stringify(body)}: ${answer.body}`);
  }
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

async function lastEventsOf(api: LedgerApi, streamId: string, count: number) {
  const events = await api.eventsOf(streamId);
  return events.slice(-count).map((event) => ({ type: event.type, data: JSON.parse(event.body).data }));
}

function expectAnswered(answer: HttpAnswer, expected: Json): void {
  expect({ status: answer.status, body: answer.json() }).toEqual({ status: 201, body: { position: POSITION, ...expected } });
  expect(answer.headers['x-ledger-position']).toBe(answer.json().position);
}

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
const WISP = 'wokingham-integration-strategic-partnership';
const HWB = 'wokingham-health-and-wellbeing-board';
const BW10 = 'berkshire-west-10-integration-board';
const PARTNERS = [CCG, WBC, BHFT, GP_ALLIANCE];

const wokinghamWorld: [string, Json][] = [
  organisation(WBC, 'Wokingham Borough Council', 'local-authority', ['adult-social-care', 'public-health', 'integrated-care'], '1998-04-01'),
  organisation(CCG, 'NHS Wokingham Clinical Commissioning Group', 'ccg', ['commissioning', 'integrated-care'], '2013-04-01'),
  organisation(BHFT, 'Berkshire Healthcare NHS Foundation Trust', 'nhs-foundation-trust', ['community-services', 'mental-health', 'integrated-care'], '2007-06-01'),
  organisation(GP_ALLIANCE, 'Wokingham GP Alliance', 'gp-federation', ['primary-care', 'integrated-care'], '2017-04-01'),
  organisation('reading-borough-council', 'Reading Borough Council', 'local-authority', ['adult-social-care', 'integrated-care'], '1998-04-01'),
  body('wokingham-executive', 'Wokingham Borough Council Executive', 'governing-body', { organisationId: WBC }, '1998-04-01'),
  body('wokingham-ccg-governing-body', 'Wokingham CCG Governing Body', 'governing-body', { organisationId: CCG }, '2013-04-01'),
  body('bhft-board', 'BHFT Board of Directors', 'governing-body', { organisationId: BHFT }, '2007-06-01'),
  body(GP_ALLIANCE_BOARD, 'Wokingham GP Alliance Board', 'governing-body', { organisationId: GP_ALLIANCE }, '2017-04-01'),
  body('reading-policy-committee', 'Reading Borough Council Policy Committee', 'governing-body', { organisationId: 'reading-borough-council' }, '1998-04-01'),
  body(CCG_CMT, 'Wokingham CCG Core Management Team', 'officer-group', { organisationId: CCG }, '2013-04-01'),
  body(BHFT_EXECUTIVE, 'BHFT Executive', 'officer-group', { organisationId: BHFT }, '2007-06-01'),
  body('bhft-quality-committee', 'BHFT Quality Assurance Committee', 'committee', { organisationId: BHFT }, '2007-06-01'),
  body(WBC_CORPORATE_TEAM, 'Wokingham Borough Council Corporate Leadership Team', 'officer-group', { organisationId: WBC }, '1998-04-01'),
  body(HWB, 'Wokingham Health and Wellbeing Board', 'advisory-board', { organisationId: WBC }, '2013-04-01'),
  body(ACS_LEADERSHIP, 'Berkshire West Accountable Care System Leadership Group', 'partnership-board', { memberOrganisationIds: [CCG, WBC, BHFT, 'reading-borough-council'] }, '2017-01-01'),
  body(WISP, 'Wokingham Integration Strategic Partnership', 'partnership-board', { memberOrganisationIds: PARTNERS }, '2017-04-01'),
  body(BW10, 'Berkshire West 10 Integration Board', 'partnership-board', { memberOrganisationIds: [CCG, WBC, BHFT, 'reading-borough-council'] }, '2015-04-01'),
  body('wokingham-partner-management-team', 'Wokingham Partner Management Team', 'officer-group', { memberOrganisationIds: PARTNERS }, '2017-04-01'),
  post(LEAD_MEMBER, 'Executive Member for Health, Wellbeing and Adult Services', WBC),
  delegation('wokingham-ccg-to-core-management-team', CCG, 'wokingham-ccg-governing-body', CCG_CMT, ['integrated-care'], '2017-04-01', 'Wokingham CCG Scheme of Reservation and Delegation'),
  delegation('bhft-board-to-executive', BHFT, 'bhft-board', BHFT_EXECUTIVE, ['integrated-care'], '2017-04-01', 'BHFT Scheme of Delegation'),
  delegation('wbc-executive-to-corporate-leadership-team', WBC, 'wokingham-executive', WBC_CORPORATE_TEAM, ['integrated-care'], '2017-04-01', 'Constitution, Chapter 9.2: Officer Scheme of Delegation'),
  delegation('wbc-executive-to-lead-member-adult-services', WBC, 'wokingham-executive', LEAD_MEMBER, ['integrated-care'], '2017-04-01', 'Constitution, Chapter 5: Individual Executive Member Decisions'),
];

/** The route of the approval table in seed 000, section 3.2. */
const wokinghamRoute = [
  { organisationId: CCG, bodyId: CCG_CMT, requirement: 'approve' },
  { bodyId: ACS_LEADERSHIP, requirement: 'endorse' },
  { organisationId: BHFT, requirement: 'approve' }, // any BHFT decider with authority
  { organisationId: WBC, bodyId: WBC_CORPORATE_TEAM, requirement: 'approve' }, // WBC is on two steps: each names its decider
  { organisationId: GP_ALLIANCE, requirement: 'approve' },
  { organisationId: WBC, bodyId: LEAD_MEMBER, requirement: 'approve' },
  { bodyId: WISP, requirement: 'note' },
  { bodyId: HWB, requirement: 'endorse' },
  { bodyId: BW10, requirement: 'endorse' },
];

const S75 = 'wokingham-enhanced-s75-partnership';

const wokinghamProposal = {
  id: S75,
  title: 'Wokingham’s Adult Integrated Health and Social Care Governance Proposal',
  summary: 'Enhance the Section 75 Partnership to include Berkshire Healthcare Foundation Trust and Wokingham GP Alliance as Partners.',
  scopes: ['integrated-care'],
  keyDecision: false,
  proposedById: WISP,
  route: wokinghamRoute,
  tabledOn: '2017-05-02',
};

/** A ratification of version 1 of the Wokingham proposal, approving unless told otherwise. */
const decision = (ratificationId: string, deciderId: string, decidedOn: string, more: Json = {}): Json => ({
  ratificationId,
  deciderId,
  version: 1,
  outcome: 'approved',
  decidedOn,
  ...more,
});

/** The chain of one delegation from the governing body, as an authority answer shows it. */
const chainOf = (delegationId: string, organisationId: string, fromId: string, toId: string) => [
  { delegationId, organisationId, fromId, toId, scopes: ['integrated-care'], limitPence: null, effectiveFrom: '2017-04-01T00:00:00+01:00', effectiveUntil: null, mayRedelegate: false },
];
const granted = (...chains: unknown[][]) => ({ allowed: true, chains, reasons: [] });

describeOnEveryStore('proposals and their decisions over HTTP', (api) => {
  let clerk: string;
  const table = (proposal: unknown, key: string | null = clerk) => api().post('/v1/proposals', proposal, { key });
  const ratify = (proposalId: string, ratification: unknown, options: { key?: string | null; idempotencyKey?: string } = {}) =>
    api().post(`/v1/proposals/${proposalId}/ratifications`, ratification, { key: clerk, ...options });

  beforeAll(async () => {
    clerk = await api().keyFor('clerk', 'wokingham-democratic-services');
    await given(api(), clerk, wokinghamWorld);
  });

  describe('the Wokingham route, step by step until ratified', () => {
    it('tables the proposal with approve, endorse and note steps, answering version 1', async () => {
      const answer = await table(wokinghamProposal);
      expectAnswered(answer, { id: S75, version: 1, proposalStatus: 'open' });
      expect(await lastEventsOf(api(), `proposal-${S75}`, 1)).toEqual([
        {
          type: 'ProposalTabled',
          data: expect.objectContaining({
            proposalId: S75,
            version: 1,
            tabledOn: '2017-05-01T23:00:00.000Z',
            route: wokinghamRoute.map((step) => ({ organisationId: null, bodyId: null, ...step })),
            exempt: null,
          }),
        },
      ]);
    });

    it('refuses tabling an id that exists (409 already_exists)', async () => {
      await expectRefused(api(), () => table(wokinghamProposal), 409, 'already_exists');
    });

    it('refuses a route in which an organisation on several steps does not name the body on each (400)', async () => {
      const route = wokinghamRoute.map((step) => (step.bodyId === LEAD_MEMBER ? { organisationId: WBC, requirement: 'approve' } : step));
      const answer = await expectRefused(api(), () => table({ ...wokinghamProposal, id: 'wokingham-s75-ambiguous-route', route }), 400, 'validation_failed');
      expect(answer.json().errors).toEqual([{ field: 'route[5].bodyId', message: expect.stringContaining(`Organisation ${WBC} appears in several steps`) }]);
    });

    it('records the council corporate team’s approval (9 May 2017) with the chain that gave it authority', async () => {
      const answer = await ratify(S75, decision('wbc-corporate-team-2017-05-09', WBC_CORPORATE_TEAM, '2017-05-09', { meeting: { minuteRef: 'Corporate Team Meeting, 9 May 2017' } }));
      expectAnswered(answer, {
        id: 'wbc-corporate-team-2017-05-09',
        version: 1,
        proposalStatus: 'open',
        authority: granted(chainOf('wbc-executive-to-corporate-leadership-team', WBC, 'wokingham-executive', WBC_CORPORATE_TEAM)),
      });
      const [recorded] = await lastEventsOf(api(), `proposal-${S75}`, 1);
      expect(recorded).toMatchObject({
        type: 'RatificationRecorded',
        data: { ratificationId: 'wbc-corporate-team-2017-05-09', version: 1, stepIndex: 3, requirement: 'approve', organisationId: WBC, deciderId: WBC_CORPORATE_TEAM, deciderKind: 'body' },
      });
    });

    it('records the CCG Core Management Team’s approval (16 May 2017), the step naming it', async () => {
      expectAnswered(await ratify(S75, decision('wokingham-ccg-cmt-2017-05-16', CCG_CMT, '2017-05-16')), {
        id: 'wokingham-ccg-cmt-2017-05-16',
        version: 1,
        proposalStatus: 'open',
        authority: granted(chainOf('wokingham-ccg-to-core-management-team', CCG, 'wokingham-ccg-governing-body', CCG_CMT)),
      });
    });

    it('records the ACS leadership’s endorsement (25 May 2017), which needs no delegated authority', async () => {
      expectAnswered(await ratify(S75, decision('bw-acs-leadership-2017-05-25', ACS_LEADERSHIP, '2017-05-25')), {
        id: 'bw-acs-leadership-2017-05-25',
        version: 1,
        proposalStatus: 'open',
        authority: null,
      });
    });

    it('refuses a trust committee without delegated authority, with the reasons (422 no_authority)', async () => {
      const answer = await expectRefused(api(), () => ratify(S75, decision('bhft-quality-committee-2017-09-12', 'bhft-quality-committee', '2017-09-12')), 422, 'no_authority');
      expect(answer.json().authority).toEqual({
        allowed: false,
        chains: [],
        reasons: ['no chain of delegations from the governing body bhft-board reaches bhft-quality-committee'],
      });
    });

    it('records the BHFT Executive’s approval (18 September 2017) for the step open to any decider with authority', async () => {
      expectAnswered(await ratify(S75, decision('bhft-executive-2017-09-18', BHFT_EXECUTIVE, '2017-09-18')), {
        id: 'bhft-executive-2017-09-18',
        version: 1,
        proposalStatus: 'open',
        authority: granted(chainOf('bhft-board-to-executive', BHFT, 'bhft-board', BHFT_EXECUTIVE)),
      });
    });

    it('records the GP Alliance board’s approval (September 2017): a governing body holds its organisation’s authority itself', async () => {
      expectAnswered(await ratify(S75, decision('gp-alliance-board-2017-09-26', GP_ALLIANCE_BOARD, '2017-09-26')), {
        id: 'gp-alliance-board-2017-09-26',
        version: 1,
        proposalStatus: 'open',
        authority: granted([]),
      });
    });

    it('records the lead member’s approval (6 December 2017), a post deciding, with the person who held it', async () => {
      const answer = await ratify(S75, decision('wbc-lead-member-2017-12-06', LEAD_MEMBER, '2017-12-06', { decidedByPerson: 'Cllr Charlotte Haitham Taylor' }));
      expectAnswered(answer, {
        id: 'wbc-lead-member-2017-12-06',
        version: 1,
        proposalStatus: 'open',
        authority: granted(chainOf('wbc-executive-to-lead-member-adult-services', WBC, 'wokingham-executive', LEAD_MEMBER)),
      });
      const [recorded] = await lastEventsOf(api(), `proposal-${S75}`, 1);
      expect(recorded.data).toMatchObject({ stepIndex: 5, deciderKind: 'post', decidedByPerson: 'Cllr Charlotte Haitham Taylor' });
    });

    it('records WISP taking it for information (20 December 2017)', async () => {
      expectAnswered(await ratify(S75, decision('wisp-2017-12-20', WISP, '2017-12-20', { outcome: 'noted' })), {
        id: 'wisp-2017-12-20',
        version: 1,
        proposalStatus: 'open',
        authority: null,
      });
    });

    describe('refusals on the way, each appending nothing', () => {
      it('a decider the ledger does not know (400, naming deciderId)', async () => {
        const answer = await expectRefused(api(), () => ratify(S75, decision('ghost-2018-01-10', 'wokingham-ghost-committee', '2018-01-10')), 400, 'validation_failed');
        expect(answer.json().errors).toEqual([{ field: 'deciderId', message: 'There is no body or post wokingham-ghost-committee.' }]);
      });

      it('an organisation outside the route (422 not_on_route)', async () => {
        await expectRefused(api(), () => ratify(S75, decision('reading-2018-01-10', 'reading-policy-committee', '2018-01-10')), 422, 'not_on_route');
      });

      it('a decider of an organisation on the route that matches no step (422 not_on_route)', async () => {
        const answer = await expectRefused(api(), () => ratify(S75, decision('wbc-executive-2018-01-10', 'wokingham-executive', '2018-01-10')), 422, 'not_on_route');
        expect(answer.json().detail).toContain(`no step leaves ${WBC}'s decision to any decider with authority`);
      });

      it('an endorse step decided by another body than the one it names (422 not_on_route)', async () => {
        await expectRefused(api(), () => ratify(S75, decision('pmt-2018-01-10', 'wokingham-partner-management-team', '2018-01-10')), 422, 'not_on_route');
      });

      it('a second decision for a step already decided on this version (409 invalid_transition)', async () => {
        const answer = await expectRefused(api(), () => ratify(S75, decision('wokingham-ccg-cmt-2018-01-09', CCG_CMT, '2018-01-09')), 409, 'invalid_transition');
        expect(answer.json().detail).toContain('was already decided: wokingham-ccg-cmt-2017-05-16');
      });

      it('the same ratification id twice (409 already_exists)', async () => {
        await expectRefused(api(), () => ratify(S75, decision('wokingham-ccg-cmt-2017-05-16', CCG_CMT, '2017-05-16')), 409, 'already_exists');
      });

      it('a version that does not exist yet (409 version_conflict)', async () => {
        await expectRefused(api(), () => ratify(S75, decision('hwb-2018-02-08', HWB, '2018-02-08', { version: 2 })), 409, 'version_conflict');
      });

      it('an outcome the step cannot take: an endorsement cannot be "noted" (400)', async () => {
        await expectRefused(api(), () => ratify(S75, decision('hwb-2018-02-08', HWB, '2018-02-08', { outcome: 'noted' })), 400, 'validation_failed');
      });

      it('an approval with conditions that states none (400)', async () => {
        await expectRefused(api(), () => ratify(S75, decision('hwb-2018-02-08', HWB, '2018-02-08', { outcome: 'approved-with-conditions' })), 400, 'validation_failed');
      });

      it('a decision dated before the version was tabled (400)', async () => {
        await expectRefused(api(), () => ratify(S75, decision('hwb-2017-04-01', HWB, '2017-04-01')), 400, 'validation_failed');
      });

      it('a proposal the ledger does not know (404)', async () => {
        await expectRefused(api(), () => ratify('wokingham-no-such-proposal', decision('hwb-2018-02-08', HWB, '2018-02-08')), 404, 'not_found');
      });

      it.each<[string, unknown]>([
        ['a version that is a string', decision('hwb-2018-02-08', HWB, '2018-02-08', { version: '1' })],
        ['a version of 0', decision('hwb-2018-02-08', HWB, '2018-02-08', { version: 0 })],
        ['an unknown outcome', decision('hwb-2018-02-08', HWB, '2018-02-08', { outcome: 'supported' })],
        ['a date that does not parse', decision('hwb-2018-02-08', HWB, '8 February 2018')],
        ['an impossible date', decision('hwb-2018-02-08', HWB, '2018-02-30')],
        ['an unknown field', decision('hwb-2018-02-08', HWB, '2018-02-08', { vote: '9 for, 0 against' })],
        ['an unknown field in the meeting', decision('hwb-2018-02-08', HWB, '2018-02-08', { meeting: { minuteRef: 'Minute 12', room: 'David Hicks 1' } })],
        ['a bad slug for the decider', decision('hwb-2018-02-08', 'Health and Wellbeing Board', '2018-02-08')],
        ['a bad slug for the ratification id', decision('HWB 8 Feb', HWB, '2018-02-08')],
        ['a conflict of interest that is not an object', decision('hwb-2018-02-08', HWB, '2018-02-08', { conflictsOfInterest: ['Cllr Jorgensen'] })],
        ['a conflict of interest that is null', decision('hwb-2018-02-08', HWB, '2018-02-08', { conflictsOfInterest: [null] })],
        ['a list instead of an object', [decision('hwb-2018-02-08', HWB, '2018-02-08')]],
      ])('%s (400)', async (_case, ratification) => {
        await expectRefused(api(), () => ratify(S75, ratification), 400, 'validation_failed');
      });

      it('malformed JSON (400)', async () => {
        await expectRefused(api(), () => api().request('POST', `/v1/proposals/${S75}/ratifications`, { rawBody: '{"deciderId": "wokingham-health', key: clerk }), 400, 'validation_failed');
      });

      it('no key (401) and a key the ledger does not know (401)', async () => {
        const ratification = decision('hwb-2018-02-08', HWB, '2018-02-08');
        await expectRefused(api(), () => ratify(S75, ratification, { key: null }), 401, 'unauthenticated');
        await expectRefused(api(), () => ratify(S75, ratification, { key: 'dl_stolen-from-a-post-it' }), 401, 'unauthenticated');
      });

      it('an integration key deciding for a body not listed on it (403)', async () => {
        const bw10Portal = await api().keyFor('integration', 'bw10-portal', [BW10]);
        await expectRefused(api(), () => ratify(S75, decision('hwb-2018-02-08', HWB, '2018-02-08'), { key: bw10Portal }), 403, 'forbidden');
      });

      it('an integration key tabling a proposal (403)', async () => {
        const bw10Portal = await api().keyFor('integration', 'bw10-tabling', [BW10]);
        await expectRefused(api(), () => table({ ...wokinghamProposal, id: 'bw10-tabled-by-integration' }, bw10Portal), 403, 'forbidden');
      });
    });

    it('records the Health and Wellbeing Board’s support (8 February 2018) once for a retried Idempotency-Key', async () => {
      const hwb = decision('hwb-2018-02-08', HWB, '2018-02-08', {
        reasons: 'The Board’s views and their support are considered to be critical to a successful progression.',
        conflictsOfInterest: [{ member: 'Dr Johan Zylstra', interest: 'GP partner in a Wokingham practice belonging to the GP Alliance', dispensation: 'Spoke but did not vote' }],
      });
      const first = await ratify(S75, hwb, { idempotencyKey: 'hwb-2018-02-08-item-72' });
      expectAnswered(first, { id: 'hwb-2018-02-08', version: 1, proposalStatus: 'open', authority: null });
      const before = await api().eventCount();
      const retry = await ratify(S75, hwb, { idempotencyKey: 'hwb-2018-02-08-item-72' });
      expect({ status: retry.status, body: retry.json() }).toEqual({ status: 201, body: first.json() });
      expect(await api().eventCount()).toBe(before);
    });

    it('refuses the same Idempotency-Key with a different body (422 idempotency_key_reused)', async () => {
      await expectRefused(
        api(),
        () => ratify(S75, decision('hwb-2018-02-08', HWB, '2018-02-08', { outcome: 'deferred' }), { idempotencyKey: 'hwb-2018-02-08-item-72' }),
        422,
        'idempotency_key_reused',
      );
    });

    it('lets an integration key post its own body’s decision: BW10’s support (March 2018) ratifies the proposal', async () => {
      const bw10Portal = await api().keyFor('integration', 'bw10-board-portal', [BW10]);
      const answer = await ratify(S75, decision('bw10-2018-03-15', BW10, '2018-03-15'), { key: bw10Portal });
      expectAnswered(answer, { id: 'bw10-2018-03-15', version: 1, proposalStatus: 'ratified', authority: null });
      const events = await api().eventsOf(`proposal-${S75}`);
      expect(events.at(-2)?.actor).toBe('integration:bw10-board-portal');
      expect(await lastEventsOf(api(), `proposal-${S75}`, 1)).toEqual([
        {
          type: 'ProposalRatified',
          data: {
            proposalId: S75,
            version: 1,
            ratifiedOn: '2018-03-15T00:00:00.000Z',
            ratificationIds: [
              'wokingham-ccg-cmt-2017-05-16',
              'bw-acs-leadership-2017-05-25',
              'bhft-executive-2017-09-18',
              'wbc-corporate-team-2017-05-09',
              'gp-alliance-board-2017-09-26',
              'wbc-lead-member-2017-12-06',
              'wisp-2017-12-20',
              'hwb-2018-02-08',
              'bw10-2018-03-15',
            ],
          },
        },
      ]);
    });
  });

  describe('amendment: a new version, on which earlier approvals no longer count', () => {
    const MH = 'wokingham-s75-mental-health-services';
    const mentalHealth = {
      id: MH,
      title: 'Incorporate community mental health services within the Enhanced Section 75',
      scopes: ['integrated-care'],
      keyDecision: false,
      proposedById: WISP,
      route: [
        { organisationId: BHFT, requirement: 'approve' },
        { organisationId: CCG, requirement: 'approve' },
      ],
      tabledOn: '2018-04-03',
    };

    it('tables version 1 and takes BHFT’s approval of it', async () => {
      expectAnswered(await table(mentalHealth), { id: MH, version: 1, proposalStatus: 'open' });
      expectAnswered(await ratify(MH, decision('bhft-executive-2018-04-17', BHFT_EXECUTIVE, '2018-04-17')), {
        id: 'bhft-executive-2018-04-17',
        version: 1,
        proposalStatus: 'open',
        authority: expect.objectContaining({ allowed: true }),
      });
    });

    it('amends it, answering version 2', async () => {
      const answer = await api().post(
        `/v1/proposals/${MH}/amendments`,
        { amendedOn: '2018-05-01', reason: 'The CMHT budget is to be pooled', summary: 'Pool the CMHT budget within the Section 75 fund.', valuePence: 125_000_000 },
        { key: clerk },
      );
      expectAnswered(answer, { id: MH, version: 2, proposalStatus: 'open' });
      expect((await lastEventsOf(api(), `proposal-${MH}`, 1))[0]).toMatchObject({ type: 'ProposalAmended', data: { version: 2, changed: ['summary', 'valuePence'] } });
    });

    it('refuses a decision on version 1 now (409 version_conflict)', async () => {
      const answer = await expectRefused(api(), () => ratify(MH, decision('wokingham-ccg-cmt-2018-05-08', CCG_CMT, '2018-05-08', { version: 1 })), 409, 'version_conflict');
      expect(answer.json().detail).toBe(`Proposal ${MH} is at version 2; a decision on version 1 no longer counts.`);
    });

    it('does not count BHFT’s approval of version 1 towards version 2', async () => {
      expectAnswered(await ratify(MH, decision('wokingham-ccg-cmt-2018-05-08', CCG_CMT, '2018-05-08', { version: 2, callInUntil: null })), {
        id: 'wokingham-ccg-cmt-2018-05-08',
        version: 2,
        proposalStatus: 'open',
        authority: expect.objectContaining({ allowed: true }),
      });
      // A callInUntil of null is no call-in period, as when it is absent.
      expect((await lastEventsOf(api(), `proposal-${MH}`, 1))[0].data).toMatchObject({ ratificationId: 'wokingham-ccg-cmt-2018-05-08', callInUntil: null });
    });

    it('is ratified once BHFT approves version 2', async () => {
      expectAnswered(await ratify(MH, decision('bhft-executive-2018-05-14', BHFT_EXECUTIVE, '2018-05-14', { version: 2 })), {
        id: 'bhft-executive-2018-05-14',
        version: 2,
        proposalStatus: 'ratified',
        authority: expect.objectContaining({ allowed: true }),
      });
    });

    it('reopens a ratified proposal when amended again', async () => {
      const answer = await api().post(`/v1/proposals/${MH}/amendments`, { amendedOn: '2018-06-04', reason: 'Learning disability services added', title: 'Incorporate mental health and learning disability services' }, { key: clerk });
      expectAnswered(answer, { id: MH, version: 3, proposalStatus: 'open' });
      expect((await lastEventsOf(api(), `proposal-${MH}`, 1))[0]).toMatchObject({ type: 'ProposalReopened', data: { version: 3, previously: 'ratified', cause: 'amendment' } });
    });

    it('refuses an amendment that changes nothing (400)', async () => {
      await expectRefused(api(), () => api().post(`/v1/proposals/${MH}/amendments`, { amendedOn: '2018-06-05', reason: 'No change', valuePence: 125_000_000 }, { key: clerk }), 400, 'validation_failed');
    });

    it.each<[string, unknown]>([
      ['negative pence', { amendedOn: '2018-06-05', reason: 'Cheaper', valuePence: -1 }],
      ['fractional pence', { amendedOn: '2018-06-05', reason: 'Cheaper', valuePence: 100.5 }],
      ['a date that does not parse', { amendedOn: 'June', reason: 'Cheaper', valuePence: 1 }],
      ['an unknown field', { amendedOn: '2018-06-05', reason: 'Cheaper', valuePence: 1, version: 4 }],
    ])('refuses an amendment with %s (400)', async (_case, amendment) => {
      await expectRefused(api(), () => api().post(`/v1/proposals/${MH}/amendments`, amendment, { key: clerk }), 400, 'validation_failed');
    });
  });

  describe('withdrawal is final', () => {
    const CHASC = 'wokingham-chasc-restructure';

    it('withdraws an open proposal', async () => {
      expectAnswered(
        await table({
          id: CHASC,
          title: 'Restructure of the Community Health and Social Care Team (CHASC)',
          scopes: ['integrated-care'],
          keyDecision: false,
          proposedById: WBC_CORPORATE_TEAM,
          route: [{ organisationId: WBC, requirement: 'approve' }, { organisationId: CCG, requirement: 'approve' }],
          tabledOn: '2018-04-10',
        }),
        { id: CHASC, version: 1, proposalStatus: 'open' },
      );
      const answer = await api().post(`/v1/proposals/${CHASC}/withdrawal`, { withdrawnOn: '2018-05-02', reason: 'Superseded by the Partner Management Team proposals' }, { key: clerk });
      expectAnswered(answer, { id: CHASC, version: 1, proposalStatus: 'withdrawn' });
      expect((await lastEventsOf(api(), `proposal-${CHASC}`, 1))[0]).toMatchObject({ type: 'ProposalWithdrawn', data: { version: 1, withdrawnOn: '2018-05-01T23:00:00.000Z' } });
    });

    it('refuses a decision after withdrawal (409 invalid_transition)', async () => {
      await expectRefused(api(), () => ratify(CHASC, decision('wbc-corporate-team-2018-05-08', WBC_CORPORATE_TEAM, '2018-05-08')), 409, 'invalid_transition');
    });

    it('refuses an amendment after withdrawal (409 invalid_transition)', async () => {
      await expectRefused(api(), () => api().post(`/v1/proposals/${CHASC}/amendments`, { amendedOn: '2018-05-09', reason: 'Revived', title: 'CHASC restructure, revised' }, { key: clerk }), 409, 'invalid_transition');
    });

    it('refuses withdrawing it again (409 invalid_transition)', async () => {
      await expectRefused(api(), () => api().post(`/v1/proposals/${CHASC}/withdrawal`, { withdrawnOn: '2018-05-09', reason: 'Again' }, { key: clerk }), 409, 'invalid_transition');
    });
  });

  describe('partners deciding their own share of a proposal', () => {
    // Primary care is the GP Alliance's alone: the CCG's team decides the integrated-care part, £2m of £5m.
    const pooled = {
      ...wokinghamProposal,
      id: 'wokingham-primary-care-hub',
      title: 'Wokingham integrated primary care hub',
      scopes: ['integrated-care', 'primary-care'],
      valuePence: 500_000_000,
      route: [
        { organisationId: CCG, bodyId: CCG_CMT, requirement: 'approve', scopes: ['integrated-care'], valuePence: 200_000_000 },
        { organisationId: GP_ALLIANCE, bodyId: GP_ALLIANCE_BOARD, requirement: 'approve', scopes: ['primary-care'] },
      ],
    };

    it('checks each partner’s authority over its own share only, and shows the share on the route', async () => {
      expect((await table(pooled)).status).toBe(201);
      const answer = await ratify(pooled.id, decision('ccg-cmt-2017-06-20', CCG_CMT, '2017-06-20'));
      expect(answer.status).toBe(201);
      expect((await lastEventsOf(api(), `proposal-${pooled.id}`, 1))[0].data.authority).toMatchObject({ holderId: CCG_CMT, organisationId: CCG, scopes: ['integrated-care'], amountPence: 200_000_000 });
      const view = (await api().get(`/v1/proposals/${pooled.id}?minPosition=${answer.json().position}`, { key: clerk })).json();
      expect(view.route.map(({ scopes, valuePence }: { scopes: string[] | null; valuePence: number | null }) => [scopes, valuePence])).toEqual([
        [['integrated-care'], 200_000_000],
        [['primary-care'], null],
      ]);
    });

    it('without a share, asks the CCG for authority over primary care too, and refuses (422 no_authority), appending nothing', async () => {
      const whole = { ...pooled, id: 'wokingham-primary-care-hub-whole', route: pooled.route.map(({ organisationId, bodyId, requirement }) => ({ organisationId, bodyId, requirement })) };
      expect((await table(whole)).status).toBe(201);
      const refused = await expectRefused(api(), () => ratify(whole.id, decision('ccg-cmt-2017-06-20', CCG_CMT, '2017-06-20')), 422, 'no_authority');
      expect(refused.json().authority.reasons.join(' ')).toMatch(/primary-care/);
    });
  });

  describe('bad input when tabling is a 400 problem that appends nothing', () => {
    const valid = { ...wokinghamProposal, id: 'wokingham-bcf-plan-2018-19', title: 'Wokingham Better Care Fund plan 2018-19', valuePence: 1_150_000_000 };
    it.each<[string, unknown]>([
      ['keyDecision as a string', { ...valid, keyDecision: 'no' }],
      ['a number for a title', { ...valid, title: 2018 }],
      ['scopes that are not a list', { ...valid, scopes: 'integrated-care' }],
      ['an unknown field', { ...valid, budgetHolder: 'Paul Senior' }],
      ['an unknown field in a route step', { ...valid, route: [{ organisationId: CCG, requirement: 'approve', by: '2018-03-31' }] }],
      ['a route step that is null', { ...valid, route: [null] }],
      ['a route step that is a string', { ...valid, route: [CCG] }],
      ['an unknown requirement', { ...valid, route: [{ organisationId: CCG, requirement: 'consult' }] }],
      ['an empty route', { ...valid, route: [] }],
      ['a bad slug for the id', { ...valid, id: 'Wokingham BCF 2018/19' }],
      ['a bad slug in the route', { ...valid, route: [{ organisationId: 'Wokingham_CCG', requirement: 'approve' }] }],
      ['a tabling date that does not parse', { ...valid, tabledOn: '16th May 2017' }],
      ['a tabling date without an offset', { ...valid, tabledOn: '2018-03-01T10:00:00' }],
      ['negative pence', { ...valid, valuePence: -1_150_000_000 }],
      ['fractional pence', { ...valid, valuePence: 1_150_000_000.5 }],
      ['an exempt paragraph outside 1–7', { ...valid, exempt: { paragraph: 8, reason: 'Not a paragraph of Schedule 12A' } }],
      ['an approve step that names no organisation', { ...valid, route: [{ bodyId: HWB, requirement: 'approve' }] }],
      ['the same step twice', { ...valid, route: [{ bodyId: HWB, requirement: 'endorse' }, { bodyId: HWB, requirement: 'endorse' }] }],
      ['a share on an endorse step', { ...valid, route: [{ bodyId: HWB, requirement: 'endorse', scopes: ['integrated-care'] }] }],
      ['a step scope the proposal does not name', { ...valid, route: [{ organisationId: CCG, requirement: 'approve', scopes: ['primary-care'] }] }],
      ['a malformed step scope', { ...valid, route: [{ organisationId: CCG, requirement: 'approve', scopes: ['Primary Care'] }] }],
      ['a step share above the proposal’s value', { ...valid, route: [{ organisationId: CCG, requirement: 'approve', valuePence: 1_150_000_001 }] }],
      ['fractional pence in a step share', { ...valid, route: [{ organisationId: CCG, requirement: 'approve', valuePence: 10.5 }] }],
    ])('%s', async (_case, proposal) => {
      await expectRefused(api(), () => table(proposal), 400, 'validation_failed');
    });

    it('a route naming an organisation the ledger does not know, naming the step', async () => {
      const answer = await expectRefused(api(), () => table({ ...valid, route: [{ organisationId: 'west-berkshire-council', requirement: 'approve' }] }), 400, 'validation_failed');
      expect(answer.json().errors).toEqual([{ field: 'route[0].organisationId', message: 'There is no organisation west-berkshire-council.' }]);
    });

    it('malformed JSON', async () => {
      await expectRefused(api(), () => api().request('POST', '/v1/proposals', { rawBody: '{"id": "wokingham-bcf', key: clerk }), 400, 'validation_failed');
    });

    it('no key (401) and a wrong key (401)', async () => {
      await expectRefused(api(), () => table(valid, null), 401, 'unauthenticated');
      await expectRefused(api(), () => table(valid, 'dl_wrong'), 401, 'unauthenticated');
    });
  });

  describe('Wirral: a Cabinet decision subject to call-in (seed 002)', () => {
    const WIRRAL = 'wirral-integrated-commissioning';
    const CABINET = 'wirral-cabinet';
    const SCRUTINY = 'wirral-adult-care-and-health-overview-and-scrutiny';
    const callIns = (path = '') => `/v1/proposals/${WIRRAL}/call-ins${path}`;
    const cabinetDecision = (ratificationId: string, decidedOn: string, callInUntil: string): Json => ({
      ratificationId,
      deciderId: CABINET,
      version: 1,
      outcome: 'approved',
      decidedOn,
      callInUntil,
      decidedByPerson: 'Cllr Phil Davies, Leader of the Council',
      reasons:
        'The integration of health and care commissioning will ensure that the Council and NHS partners use resources in a more effective and sustainable manner.',
      alternativesConsidered: 'Continuing separate commissioning by the Council and the CCG.',
    });

    beforeAll(async () => {
      await given(api(), clerk, [
        organisation('wirral-council', 'Wirral Council', 'local-authority', ['adult-social-care', 'public-health', 'integrated-care'], '1974-04-01'),
        body(CABINET, 'Wirral Council Cabinet', 'governing-body', { organisationId: 'wirral-council' }, '2001-05-01'),
        body(SCRUTINY, 'Adult Care and Health Overview and Scrutiny Committee', 'scrutiny-committee', { organisationId: 'wirral-council' }, '2001-05-01'),
        post('wirral-director-health-and-care', 'Director of Health and Care', 'wirral-council'),
      ]);
    });

    it('tables the proposal with its exempt appendix (Schedule 12A paragraph 3)', async () => {
      const answer = await table({
        id: WIRRAL,
        title: 'Integrated Commissioning for Wirral',
        summary: 'A single integrated commissioner for health and care, with a Cabinet Committee sitting alongside the CCG Governing Body as a committee in common.',
        scopes: ['adult-social-care', 'public-health'],
        valuePence: 59_290_000_000,
        keyDecision: true,
        exempt: { paragraph: 3, reason: 'Appendix 2, Due Diligence Report: information relating to the financial or business affairs of any particular person' },
        proposedById: 'wirral-director-health-and-care',
        route: [{ organisationId: 'wirral-council', bodyId: CABINET, requirement: 'approve' }],
        tabledOn: '2017-11-17',
      });
      expectAnswered(answer, { id: WIRRAL, version: 1, proposalStatus: 'open' });
      expect((await lastEventsOf(api(), `proposal-${WIRRAL}`, 1))[0].data).toMatchObject({ keyDecision: true, valuePence: 59_290_000_000, exempt: { paragraph: 3 } });
    });

    it('records the Cabinet’s decision of 27 November 2017 with its call-in deadline', async () => {
      const answer = await ratify(WIRRAL, cabinetDecision('wirral-cabinet-2017-11-27', '2017-11-27T18:00:00Z', '2017-12-06T10:00:00Z'));
      expectAnswered(answer, { id: 'wirral-cabinet-2017-11-27', version: 1, proposalStatus: 'ratified', authority: granted([]) });
      expect((await lastEventsOf(api(), `proposal-${WIRRAL}`, 2))[0].data).toMatchObject({ callInUntil: '2017-12-06T10:00:00.000Z' });
    });

    it('refuses a call-in lodged by a body that is not a scrutiny committee (400)', async () => {
      await expectRefused(
        api(),
        () => api().post(callIns(), { callInId: 'cabinet-calls-itself-in', ratificationId: 'wirral-cabinet-2017-11-27', scrutinyBodyId: CABINET, lodgedOn: '2017-11-30', reason: 'x' }, { key: clerk }),
        400,
        'validation_failed',
      );
    });

    it('takes a call-in lodged by the scrutiny committee before the deadline', async () => {
      const answer = await api().post(
        callIns(),
        { callInId: 'wirral-ach-osc-call-in-2017-12', ratificationId: 'wirral-cabinet-2017-11-27', scrutinyBodyId: SCRUTINY, lodgedOn: '2017-12-01', reason: 'The due diligence report was not available to members in full.' },
        { key: clerk },
      );
      expectAnswered(answer, { id: 'wirral-ach-osc-call-in-2017-12', version: 1, proposalStatus: 'ratified' });
    });

    it('refuses calling in the same decision twice (409 invalid_transition)', async () => {
      await expectRefused(
        api(),
        () => api().post(callIns(), { callInId: 'wirral-second-call-in', ratificationId: 'wirral-cabinet-2017-11-27', scrutinyBodyId: SCRUTINY, lodgedOn: '2017-12-04', reason: 'Again' }, { key: clerk }),
        409,
        'invalid_transition',
      );
    });

    it('reopens the proposal when the call-in refers the decision back', async () => {
      const answer = await api().post(callIns('/wirral-ach-osc-call-in-2017-12/resolution'), { resolvedOn: '2017-12-12', outcome: 'referred-back' }, { key: clerk });
      expectAnswered(answer, { id: 'wirral-ach-osc-call-in-2017-12', version: 1, proposalStatus: 'open' });
      expect((await lastEventsOf(api(), `proposal-${WIRRAL}`, 2)).map((event) => event.type)).toEqual(['CallInResolved', 'ProposalReopened']);
      expect((await lastEventsOf(api(), `proposal-${WIRRAL}`, 1))[0].data).toMatchObject({ previously: 'ratified', cause: 'referral-back', ratificationId: 'wirral-cabinet-2017-11-27' });
    });

    it('refuses resolving a call-in twice (409 invalid_transition) and an unknown call-in (404)', async () => {
      await expectRefused(api(), () => api().post(callIns('/wirral-ach-osc-call-in-2017-12/resolution'), { resolvedOn: '2017-12-13', outcome: 'no-further-action' }, { key: clerk }), 409, 'invalid_transition');
      await expectRefused(api(), () => api().post(callIns('/no-such-call-in/resolution'), { resolvedOn: '2017-12-13', outcome: 'no-further-action' }, { key: clerk }), 404, 'not_found');
    });

    it('refuses a resolution outcome the contract does not know (400)', async () => {
      await expectRefused(api(), () => api().post(callIns('/wirral-ach-osc-call-in-2017-12/resolution'), { resolvedOn: '2017-12-13', outcome: 'upheld' }, { key: clerk }), 400, 'validation_failed');
    });

    it('is ratified again when the Cabinet decides again', async () => {
      const answer = await ratify(WIRRAL, cabinetDecision('wirral-cabinet-2018-01-15', '2018-01-15T18:00:00Z', '2018-01-23T10:00:00Z'));
      expectAnswered(answer, { id: 'wirral-cabinet-2018-01-15', version: 1, proposalStatus: 'ratified', authority: granted([]) });
    });

    it('refuses a call-in at or after the deadline (409 invalid_transition)', async () => {
      for (const lodgedOn of ['2018-01-23T10:00:00Z', '2018-01-24']) {
        const answer = await expectRefused(
          api(),
          () => api().post(callIns(), { callInId: 'wirral-late-call-in', ratificationId: 'wirral-cabinet-2018-01-15', scrutinyBodyId: SCRUTINY, lodgedOn, reason: 'Too late' }, { key: clerk }),
          409,
          'invalid_transition',
        );
        expect(answer.json().detail).toBe('The call-in period of ratification wirral-cabinet-2018-01-15 ended at 2018-01-23T10:00:00+00:00.');
      }
    });

    it('refuses an integration key lodging a call-in for a scrutiny body not listed on it (403)', async () => {
      const cabinetPortal = await api().keyFor('integration', 'wirral-cabinet-modgov', [CABINET]);
      await expectRefused(
        api(),
        () => api().post(callIns(), { callInId: 'wirral-ach-osc-call-in-2018-01', ratificationId: 'wirral-cabinet-2018-01-15', scrutinyBodyId: SCRUTINY, lodgedOn: '2018-01-19', reason: 'x' }, { key: cabinetPortal }),
        403,
        'forbidden',
      );
    });

    it('keeps it ratified when a call-in ends with no further action', async () => {
      const scrutinyPortal = await api().keyFor('integration', 'wirral-scrutiny-modgov', [SCRUTINY]);
      const lodged = await api().post(
        callIns(),
        { callInId: 'wirral-ach-osc-call-in-2018-01', ratificationId: 'wirral-cabinet-2018-01-15', scrutinyBodyId: SCRUTINY, lodgedOn: '2018-01-19', reason: 'Members asked for the risk share to be explained.' },
        { key: scrutinyPortal },
      );
      expectAnswered(lodged, { id: 'wirral-ach-osc-call-in-2018-01', version: 1, proposalStatus: 'ratified' });
      const resolved = await api().post(callIns('/wirral-ach-osc-call-in-2018-01/resolution'), { resolvedOn: '2018-01-30', outcome: 'no-further-action' }, { key: clerk });
      expectAnswered(resolved, { id: 'wirral-ach-osc-call-in-2018-01', version: 1, proposalStatus: 'ratified' });
      expect((await lastEventsOf(api(), `proposal-${WIRRAL}`, 1))[0].type).toBe('CallInResolved');
    });

    it('refuses calling in a decision that was referred back (409 invalid_transition)', async () => {
      await expectRefused(
        api(),
        () => api().post(callIns(), { callInId: 'wirral-late-call-in', ratificationId: 'wirral-cabinet-2017-11-27', scrutinyBodyId: SCRUTINY, lodgedOn: '2017-12-14', reason: 'x' }, { key: clerk }),
        409,
        'invalid_transition',
      );
    });
  });
});

// BSW CCG → BSW ICB (seed 001) --------------------------------------------------------------------------

/**
 * BSW CCG delegated the Better Care Fund to the Wiltshire Locality Commissioning Group; the CCG was
 * dissolved on 1 July 2022 with the ICB as successor. Whether the LCG may then decide for the ICB
 * turns on whether the dissolution transferred the CCG's delegations.
 */
function describeCcgToIcb(transferDelegations: boolean, rule: string, expectations: (api: () => LedgerApi, decide: (key?: string) => Promise<HttpAnswer>) => void) {
  describeOnEveryStore(rule, (api) => {
    let clerk: string;
    beforeAll(async () => {
      clerk = await api().keyFor('clerk', 'bsw-governance');
      await given(api(), clerk, [
        organisation('bsw-ccg', 'NHS Bath and North East Somerset, Swindon and Wiltshire CCG', 'ccg', ['commissioning', 'bcf'], '2020-04-01'),
        organisation('bsw-icb', 'NHS Bath and North East Somerset, Swindon and Wiltshire ICB', 'icb', ['commissioning', 'bcf'], '2022-07-01'),
        body('bsw-ccg-governing-body', 'BSW CCG Governing Body', 'governing-body', { organisationId: 'bsw-ccg' }, '2020-04-01'),
        body('bsw-icb-board', 'BSW ICB Board', 'governing-body', { organisationId: 'bsw-icb' }, '2022-07-01'),
        body('wiltshire-locality-commissioning-group', 'Wiltshire Locality Commissioning Group', 'committee', { organisationId: 'bsw-ccg' }, '2020-04-01'),
        [
          '/v1/delegations',
          {
            id: 'bsw-ccg-to-wiltshire-lcg',
            organisationId: 'bsw-ccg',
            fromId: 'bsw-ccg-governing-body',
            toId: 'wiltshire-locality-commissioning-group',
            scopes: ['bcf'],
            effectiveFrom: '2020-04-01',
            mayRedelegate: false,
            instrument: { title: 'Wiltshire Section 75 agreement', reference: 'Locality Commissioning Group terms of reference: management of the Better Care Fund' },
          },
        ],
      ]);
      const dissolved = await api().post('/v1/organisations/bsw-ccg/dissolution', { dissolvedOn: '2022-07-01', successorId: 'bsw-icb', transferDelegations }, { key: clerk });
      expect(dissolved.status).toBe(201);
      const tabled = await api().post(
        '/v1/proposals',
        {
          id: 'wiltshire-bcf-plan-2022-23',
          title: 'Wiltshire Better Care Fund plan 2022-23',
          scopes: ['bcf'],
          keyDecision: false,
          proposedById: 'wiltshire-locality-commissioning-group',
          route: [{ organisationId: 'bsw-icb', requirement: 'approve' }],
          tabledOn: '2022-07-04',
        },
        { key: clerk },
      );
      expect(tabled.status).toBe(201);
    });

    const decide = (key?: string) =>
      api().post(
        '/v1/proposals/wiltshire-bcf-plan-2022-23/ratifications',
        {
          ratificationId: 'wiltshire-lcg-2022-09-08',
          organisationId: 'bsw-icb',
          deciderId: 'wiltshire-locality-commissioning-group',
          version: 1,
          outcome: 'approved',
          decidedOn: '2022-09-08',
        },
        { key: key ?? clerk },
      );
    expectations(api, decide);
  });
}

describeCcgToIcb(true, 'a CCG delegation transferred to the ICB lets its delegate decide for the ICB after 1 July 2022', (_api, decide) => {
  it('records the LCG’s approval for the ICB, the chain running from the ICB board through the CCG’s delegation', async () => {
    const answer = await decide();
    expectAnswered(answer, {
      id: 'wiltshire-lcg-2022-09-08',
      version: 1,
      proposalStatus: 'ratified',
      authority: {
        allowed: true,
        chains: [
          [
            {
              delegationId: 'bsw-ccg-to-wiltshire-lcg',
              organisationId: 'bsw-ccg',
              fromId: 'bsw-ccg-governing-body',
              toId: 'wiltshire-locality-commissioning-group',
              scopes: ['bcf'],
              limitPence: null,
              effectiveFrom: '2020-04-01T00:00:00+01:00',
              effectiveUntil: null,
              mayRedelegate: false,
            },
          ],
        ],
        reasons: [],
      },
    });
  });
});

describeCcgToIcb(false, 'a CCG delegation that lapsed at dissolution gives no authority for the ICB', (api, decide) => {
  it('refuses the LCG’s approval for the ICB (422 no_authority), saying the delegation lapsed', async () => {
    const answer = await expectRefused(api(), () => decide(), 422, 'no_authority');
    expect(answer.json().authority).toEqual({
      allowed: false,
      chains: [],
      reasons: ['delegation bsw-ccg-to-wiltshire-lcg lapsed when bsw-ccg was dissolved on 2022-07-01 without transferring its delegations'],
    });
  });
});
