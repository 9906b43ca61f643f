import {
  parseInstant,
  proposalDecider,
  proposalStreamId,
  fold,
  organisationDecider,
  schemeDecider,
  type AuthorityKnowledge,
  type DecisionMakerFact,
  type Instant,
  type ProposalCommand,
  type ProposalState,
  type RatificationOutcome,
  type RecordRatification,
  type RegisteredDecisionMaker,
  type RouteStep,
  type TableProposal,
} from '@ledger/governance';
import { LOG_START, type LogPosition } from '@ledger/event-store';
import { InvalidCursorError, type Page, type ReadModelReader } from '@ledger/read-models';
import { SealedLog } from '@ledger/verifiable-log';
import {
  FilterNotImplementedError,
  InvalidFilterError,
  bodyDecisions,
  exemptMarker,
  listProposals,
  listRatifications,
  proposalById,
  proposalHistory,
  proposalsProjection,
  redactExempt,
} from '../src/proposals/index.js';
import { anEvent, describeReadModels, type ReadModelsUnderTest } from './read-model-harness.js';

function on(date: string): Instant {
  const instant = parseInstant(date);
  if (!instant) throw new Error(`Not a date: ${date}`);
  return instant;
}

/** The ledger's clock as these commands are decided: long after the papers' dates. */
const NOW = on('2024-06-03T09:30:00+01:00');

const body = (id: string, bodyKind: Extract<RegisteredDecisionMaker, { kind: 'body' }>['bodyKind'], organisationId: string | null): RegisteredDecisionMaker => ({
  id,
  registered: true,
  kind: 'body',
  bodyKind,
  organisationId,
});

/** The decider held authority at `at`: one delegation from the organisation's governing body. */
/**
 * What the ledger knows of authority over an organisation, as the API's handler gathers it from
 * the streams: governed by `governingBodyId` since 2000, which delegated `scopes` to `holderId` in
 * April 2013 (no delegation when the holder is the governing body itself).
 */
function authorised(holderId: string, organisationId: string, scopes: string[], governingBodyId = `${organisationId}-governing-body`): AuthorityKnowledge {
  const organisation = fold(organisationDecider, [
    { type: 'OrganisationRegistered', data: { organisationId, name: organisationId, kind: 'local-authority', functions: scopes, establishedOn: on('2000-01-01') } },
    { type: 'GoverningBodyDesignated', data: { organisationId, bodyId: governingBodyId, from: on('2000-01-01') } },
  ]);
  const delegation = {
    type: 'DelegationGranted' as const,
    data: {
      delegationId: `${organisationId}-to-${holderId}`,
      organisationId,
      fromId: governingBodyId,
      toId: holderId,
      scopes,
      limitPence: null,
      effectiveFrom: on('2013-04-01'),
      effectiveUntil: null,
      mayRedelegate: false,
      instrument: { title: 'Scheme of Delegation', reference: null, url: null },
      authorisedByProposalId: null,
    },
  };
  const scheme = fold(schemeDecider, holderId === governingBodyId ? [] : [delegation]);
  return { of: () => ({ sources: { organisation, scheme }, readAt: [{ streamId: `scheme-${organisationId}`, version: 3 }] }) };
}

/** For decisions whose step needs no authority: asking is a test's mistake. */
const NO_AUTHORITY_ASKED: AuthorityKnowledge = {
  of: (organisationId) => {
    throw new Error(`No authority over ${organisationId} was to be asked.`);
  },
};

/**
 * Plays commands through the proposal's own decider and appends what it decides, as the API would;
 * `last` is the log position of the last event appended.
 */
function ledgerOf(subject: () => ReadModelsUnderTest) {
  const states = new Map<string, ProposalState>();
  const ledger = {
    last: LOG_START as LogPosition,
    async play(...commands: ProposalCommand[]) {
      for (const command of commands) {
        const state = states.get(command.proposalId) ?? proposalDecider.initialState;
        const events = proposalDecider.decide(command, state);
        states.set(command.proposalId, events.reduce(proposalDecider.evolve, state));
        const { positions } = await subject().store.append(
          proposalStreamId(command.proposalId),
          events.map((event) => anEvent(event.type, event.data, 'clerk:test')),
          { expectedVersion: 'any' },
        );
        ledger.last = positions[positions.length - 1];
      }
    },
  };
  return ledger;
}

// ---------------------------------------------------------------------------------------------
// Wokingham's Enhanced Section 75 Partnership: its approval table is the route.
// ---------------------------------------------------------------------------------------------

const CCG = 'wokingham-ccg';
const BHFT = 'berkshire-healthcare-nhs-foundation-trust';
const WBC = 'wokingham-borough-council';
const GP_ALLIANCE = 'wokingham-gp-alliance';
const ccgManagementTeam = body('wokingham-ccg-management-team', 'officer-group', CCG);
const acsLeadership = body('berkshire-west-acs-leadership', 'partnership-board', null);
const bhftExecutive = body('bhft-executive', 'officer-group', BHFT);
const wbcCorporateTeam = body('wbc-corporate-leadership-team', 'officer-group', WBC);
const gpAllianceBoard = body('wokingham-gp-alliance-board', 'governing-body', GP_ALLIANCE);
const wbcLeadMember: RegisteredDecisionMaker = { id: 'wbc-lead-member-adult-services', registered: true, kind: 'post', organisationId: WBC };
const wisp = body('wokingham-integration-strategic-partnership', 'partnership-board', null);
const healthAndWellbeingBoard = body('wokingham-health-and-wellbeing-board', 'advisory-board', WBC);
const bw10IntegrationBoard = body('bw10-integration-board', 'partnership-board', null);

const WOKINGHAM = 'wokingham-enhanced-section-75';
const SCOPES = ['adult-social-care', 'bcf'];
const wokinghamRoute: RouteStep[] = [
  { organisationId: CCG, bodyId: ccgManagementTeam.id, requirement: 'approve' },
  { organisationId: null, bodyId: acsLeadership.id, requirement: 'endorse' },
  { organisationId: BHFT, bodyId: bhftExecutive.id, requirement: 'approve' },
  { organisationId: WBC, bodyId: wbcCorporateTeam.id, requirement: 'approve' },
  { organisationId: GP_ALLIANCE, bodyId: null, requirement: 'approve' },
  { organisationId: WBC, bodyId: wbcLeadMember.id, requirement: 'approve' },
  { organisationId: null, bodyId: wisp.id, requirement: 'note' },
  { organisationId: null, bodyId: healthAndWellbeingBoard.id, requirement: 'endorse' },
  { organisationId: null, bodyId: bw10IntegrationBoard.id, requirement: 'endorse' },
];
const routeDecisionMakers: DecisionMakerFact[] = [ccgManagementTeam, acsLeadership, bhftExecutive, wbcCorporateTeam, wbcLeadMember, wisp, healthAndWellbeingBoard, bw10IntegrationBoard];

const tableWokingham: TableProposal = {
  type: 'TableProposal',
  proposalId: WOKINGHAM,
  title: 'Wokingham’s Adult Integrated Health and Social Care Governance Proposal',
  summary: 'Enhance the Section 75 Partnership to include Berkshire Healthcare NHS Foundation Trust and Wokingham GP Alliance as partners.',
  scopes: SCOPES,
  valuePence: null,
  keyDecision: false,
  exempt: null,
  proposedById: wisp.id,
  route: wokinghamRoute,
  tabledOn: on('2017-05-02'),
  now: NOW,
  organisations: [CCG, BHFT, WBC, GP_ALLIANCE].map((organisationId) => ({ organisationId, registered: true, establishedOn: on('2013-04-01') })),
  decisionMakers: routeDecisionMakers,
};

const approvesFor: Record<string, string> = {
  [ccgManagementTeam.id]: CCG,
  [bhftExecutive.id]: BHFT,
  [wbcCorporateTeam.id]: WBC,
  [gpAllianceBoard.id]: GP_ALLIANCE,
  [wbcLeadMember.id]: WBC,
};

function decision(ratificationId: string, decider: RegisteredDecisionMaker, outcome: RatificationOutcome, date: string, more: Partial<RecordRatification> = {}): RecordRatification {
  const decidedOn = on(date);
  const organisation = approvesFor[decider.id];
  const scopes = more.version === 2 ? [...SCOPES, 'mental-health'] : SCOPES;
  return {
    type: 'RecordRatification',
    proposalId: WOKINGHAM,
    ratificationId,
    organisationId: null,
    deciderId: decider.id,
    version: 1,
    outcome,
    decidedOn,
    reasons: null,
    alternativesConsidered: null,
    meeting: null,
    conditions: null,
    conflictsOfInterest: [],
    decidedByPerson: null,
    callInUntil: null,
    now: NOW,
    decisionMaker: decider,
    authority: organisation ? authorised(decider.id, organisation, scopes) : NO_AUTHORITY_ASKED,
    ...more,
  };
}

// The approval table, row by row, in the order it lists them.
const approvalTable = [
  decision('ccg-cmt-2017-05-16', ccgManagementTeam, 'approved', '2017-05-16'),
  decision('acs-leadership-2017-05-25', acsLeadership, 'approved', '2017-05-25'),
  decision('bhft-exec-2017-09-18', bhftExecutive, 'approved', '2017-09-18'),
  decision('wbc-clt-2017-05-09', wbcCorporateTeam, 'approved', '2017-05-09'),
  decision('gp-alliance-2017-09', gpAllianceBoard, 'approved', '2017-09-01'),
  decision('wbc-lead-member-2017-12-06', wbcLeadMember, 'approved', '2017-12-06', { decidedByPerson: 'Executive Member for Health, Wellbeing and Adult Services' }),
  decision('wisp-2017-12-20', wisp, 'noted', '2017-12-20'),
  decision('hwb-2018-02-08', healthAndWellbeingBoard, 'approved', '2018-02-08', {
    reasons: 'The Board’s views and their support are considered to be critical to a successful progression.',
  }),
  decision('bw10-2018-03-15', bw10IntegrationBoard, 'approved', '2018-03-15'),
];

const amendWokingham: ProposalCommand = {
  type: 'AmendProposal',
  proposalId: WOKINGHAM,
  amendedOn: on('2017-10-02'),
  now: NOW,
  reason: 'Scope widened to the Community Mental Health Team, as paragraph 2.1 hopes.',
  scopes: [...SCOPES, 'mental-health'],
};

// ---------------------------------------------------------------------------------------------
// Wirral Cabinet, 27 November 2017: a key decision with an exempt appendix, subject to call-in.
// ---------------------------------------------------------------------------------------------

const WIRRAL = 'wirral-council';
const WIRRAL_PROPOSAL = 'wirral-integrated-commissioning';
const WIRRAL_SCOPES = ['adult-social-care', 'public-health', 'childrens-services'];
const VALUE = 7_390_000_000;
const cabinet = body('wirral-cabinet', 'governing-body', WIRRAL);
const scrutinyCommittee = body('wirral-adult-care-and-health-overview-and-scrutiny-committee', 'scrutiny-committee', WIRRAL);

/** What an anonymous reader must never see of the Wirral proposal. */
const SECRETS = {
  exemptReason: 'Appendix 2, the due diligence report, is information relating to the financial or business affairs of any particular person.',
  summary: 'A single integrated commissioner; the due diligence found a £4.2m gap in the CCG’s recurrent position.',
  conditions: 'Subject to the pooled fund risk share capping the Council’s exposure at £2.1m.',
  minuteRef: 'Cabinet 27 November 2017, exempt minute 69A',
  meetingUrl: 'https://democracy.wirral.gov.uk/exempt/minute-69a',
};

const tableWirral: TableProposal = {
  type: 'TableProposal',
  proposalId: WIRRAL_PROPOSAL,
  title: 'Integrated Commissioning for Wirral',
  summary: SECRETS.summary,
  scopes: WIRRAL_SCOPES,
  valuePence: VALUE,
  keyDecision: true,
  exempt: { paragraph: 3, reason: SECRETS.exemptReason },
  proposedById: 'wirral-cabinet-member-adult-social-care',
  route: [{ organisationId: WIRRAL, bodyId: cabinet.id, requirement: 'approve' }],
  tabledOn: on('2017-11-17'),
  now: NOW,
  organisations: [{ organisationId: WIRRAL, registered: true }],
  decisionMakers: [cabinet],
};
const CABINET_DECISION = 'wirral-cabinet-2017-11-27-integrated-commissioning';
const cabinetDecides: RecordRatification = {
  type: 'RecordRatification',
  proposalId: WIRRAL_PROPOSAL,
  ratificationId: CABINET_DECISION,
  organisationId: WIRRAL,
  deciderId: cabinet.id,
  version: 1,
  outcome: 'approved-with-conditions',
  decidedOn: on('2017-11-27'),
  reasons: 'The integration of health and care commissioning will ensure that the Council and NHS partners use resources more effectively.',
  alternativesConsidered: 'Continue to commission separately: excluded.',
  meeting: { minuteRef: SECRETS.minuteRef, url: SECRETS.meetingUrl },
  conditions: SECRETS.conditions,
  conflictsOfInterest: [{ member: 'Councillor A. Member', interest: 'Employed by a Wirral CCG practice', dispensation: null }],
  decidedByPerson: null,
  callInUntil: on('2017-12-05'),
  now: NOW,
  decisionMaker: cabinet,
  authority: authorised(cabinet.id, WIRRAL, WIRRAL_SCOPES, cabinet.id),
};
const lodgeCallIn: ProposalCommand = {
  type: 'LodgeCallIn',
  proposalId: WIRRAL_PROPOSAL,
  callInId: 'wirral-call-in-2017-12-01',
  ratificationId: CABINET_DECISION,
  scrutinyBodyId: scrutinyCommittee.id,
  lodgedOn: on('2017-12-01'),
  now: NOW,
  reason: 'The financial risk of the pooled fund was not set out in the public report.',
  scrutinyBody: { bodyId: scrutinyCommittee.id, registered: true, kind: 'scrutiny-committee', organisationId: WIRRAL },
};
const resolveCallIn: ProposalCommand = {
  type: 'ResolveCallIn',
  proposalId: WIRRAL_PROPOSAL,
  callInId: 'wirral-call-in-2017-12-01',
  resolvedOn: on('2017-12-12'),
  now: NOW,
  outcome: 'no-further-action',
};

/** The Health and Wellbeing Board's decision, rescinded: it was recorded against the wrong meeting. */
const rescindBoardDecision: ProposalCommand = {
  type: 'RescindRatification',
  proposalId: WOKINGHAM,
  ratificationId: 'hwb-2018-02-08',
  rescindedOn: on('2018-03-20'),
  now: NOW,
  reason: 'Recorded against the wrong meeting.',
};

// A third, withdrawn proposal on a sub-scope, whose free text holds a NUL character.
const CHILDREN = 'wokingham-childrens-community-services';
const tableChildren: TableProposal = {
  type: 'TableProposal',
  proposalId: CHILDREN,
  title: 'Children’s community services\u0000 (draft)',
  summary: 'Line one\u0000line two',
  scopes: ['community-services/children'],
  valuePence: 120_000_00,
  keyDecision: false,
  exempt: null,
  proposedById: wbcCorporateTeam.id,
  route: [{ organisationId: WBC, bodyId: wbcCorporateTeam.id, requirement: 'approve' }],
  tabledOn: on('2018-01-10'),
  now: NOW,
  organisations: [{ organisationId: WBC, registered: true }],
  decisionMakers: [wbcCorporateTeam],
};

/** Every item of a list, page by page. */
async function everyPage<Item>(read: (cursor: string | null) => Promise<Page<Item>>): Promise<{ items: Item[]; pages: number }> {
  const items: Item[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Page<Item> = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return { items, pages };
}

describeReadModels('the proposals and ratifications read models', (subject) => {
  let play: (...commands: ProposalCommand[]) => Promise<void>;
  let reader: ReadModelReader;
  let catchUp: () => Promise<void>;
  /** Where a proposal's history is read from: its stream, checked against the seal. */
  let sealedLog: SealedLog;

  beforeEach(async () => {
    const ledger = ledgerOf(subject);
    play = ledger.play;
    // Small batches, so a proposal's events are folded across several of them.
    const readModels = await subject().readModels([proposalsProjection], 4);
    reader = readModels.reader;
    sealedLog = SealedLog.sealing(subject().database, subject().store);
    catchUp = async () => {
      await sealedLog.headPosition(); // seals every event appended
      await readModels.projector.projectThrough(ledger.last);
    };
  });

  describe('Wokingham’s route, ratified step by step', () => {
    it('shows each step with the decision that stands for it, and the proposal open until the last step is decided', async () => {
      await play(tableWokingham, ...approvalTable.slice(0, 4));
      await catchUp();
      const halfway = await proposalById(reader, WOKINGHAM, { now: on('2017-10-01') });
      expect(halfway).toMatchObject({ id: WOKINGHAM, version: 1, status: 'open', title: tableWokingham.title, summary: tableWokingham.summary, scopes: SCOPES, keyDecision: false, exempt: null });
      expect(halfway!.route.map((step) => step.decision?.id ?? null)).toEqual([
        'ccg-cmt-2017-05-16',
        'acs-leadership-2017-05-25',
        'bhft-exec-2017-09-18',
        'wbc-clt-2017-05-09',
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(halfway!.route[0]).toMatchObject({ stepIndex: 0, organisationId: CCG, bodyId: ccgManagementTeam.id, requirement: 'approve' });
      expect(halfway!.implementableFrom).toBeNull();
    });

    it('becomes ratified with the last step, every decision counting, with its authority basis kept for approve steps only', async () => {
      await play(tableWokingham, ...approvalTable);
      await catchUp();
      const view = (await proposalById(reader, WOKINGHAM, { now: on('2018-04-01') }))!;
      expect(view.status).toBe('ratified');
      expect(view.route.every((step) => step.decision !== null)).toBe(true);
      expect(view.ratifications.map((ratification) => ratification.id)).toEqual(approvalTable.map((command) => command.ratificationId));
      expect(view.ratifications.every((ratification) => ratification.counts && !ratification.rescinded && ratification.status === 'stands')).toBe(true);
      expect(view.implementableFrom).toBe(on('2018-03-15'));

      const ccg = view.ratifications[0];
      expect(ccg).toMatchObject({ version: 1, stepIndex: 0, requirement: 'approve', organisationId: CCG, deciderId: ccgManagementTeam.id, deciderKind: 'body', outcome: 'approved', decidedOn: on('2017-05-16') });
      expect(ccg.authority).toEqual({
        holderId: ccgManagementTeam.id,
        organisationId: CCG,
        scopes: SCOPES,
        amountPence: null,
        at: on('2017-05-16'),
        chains: [
          [
            {
              delegationId: `${CCG}-to-${ccgManagementTeam.id}`,
              fromId: `${CCG}-governing-body`,
              toId: ccgManagementTeam.id,
              scopes: SCOPES,
              limitPence: null,
              effectiveFrom: on('2013-04-01'),
              effectiveUntil: null,
              mayRedelegate: false,
              organisationId: CCG,
            },
          ],
        ],
        readAt: [{ streamId: `scheme-${CCG}`, version: 3 }],
      });
      expect(ccg.implementableFrom).toBe(on('2017-05-16'));
      expect(view.ratifications[1].authority).toBeNull();
      expect(view.ratifications[5]).toMatchObject({ deciderKind: 'post', decidedByPerson: 'Executive Member for Health, Wellbeing and Adult Services' });
      expect(view.ratifications[6]).toMatchObject({ outcome: 'noted', implementableFrom: null });
      expect(view.ratifications[7].reasons).toBe('The Board’s views and their support are considered to be critical to a successful progression.');
    });

    it('tells every event of the proposal in order, with its data and a line of English', async () => {
      await play(tableWokingham, ...approvalTable);
      await catchUp();
      const history = (await proposalHistory(reader, sealedLog, WOKINGHAM, { limit: 500 }))!;
      expect(history.nextCursor).toBeNull();
      expect(history.items.map((entry) => entry.type)).toEqual(['ProposalTabled', ...approvalTable.map(() => 'RatificationRecorded'), 'ProposalRatified']);
      expect(history.items.map((entry) => entry.streamVersion)).toEqual(history.items.map((_, index) => index + 1));
      expect(history.items[1]).toMatchObject({
        actor: 'clerk:test',
        summary: 'wokingham-ccg-management-team approved version 1 of wokingham-enhanced-section-75 on 16 May 2017',
        data: { ratificationId: 'ccg-cmt-2017-05-16', outcome: 'approved' },
      });
      expect(history.items[0].data).toMatchObject({ title: tableWokingham.title, route: wokinghamRoute });
      expect(history.items.every((entry) => typeof entry.position === 'string' && !Number.isNaN(Date.parse(entry.recordedAt)))).toBe(true);

      const paged = await everyPage((cursor) => proposalHistory(reader, sealedLog, WOKINGHAM, { limit: 4, cursor }).then((page) => page!));
      expect(paged.pages).toBe(3);
      expect(paged.items).toEqual(history.items);
    });

    it('tells the proposal’s stream only as far as the read models stand, and only what a past moment knew when asked for one', async () => {
      await play(tableWokingham, ...approvalTable.slice(0, 2));
      await catchUp();
      const projected = (await proposalHistory(reader, sealedLog, WOKINGHAM))!.items;
      expect(projected.map((entry) => entry.type)).toEqual(['ProposalTabled', 'RatificationRecorded', 'RatificationRecorded']);
      await play(approvalTable[2]);
      await sealedLog.headPosition(); // sealed, not yet projected: the proposal's page does not show it either
      expect((await proposalById(reader, WOKINGHAM, { now: NOW }))!.ratifications).toHaveLength(2);
      expect((await proposalHistory(reader, sealedLog, WOKINGHAM))!.items).toEqual(projected);
      await catchUp();
      expect((await proposalHistory(reader, sealedLog, WOKINGHAM))!.items).toHaveLength(4);
      const tabledOnly = (await proposalHistory(reader, sealedLog, WOKINGHAM, {}, (event) => event.streamVersion === 1))!;
      expect(tabledOnly).toEqual({ items: [projected[0]], nextCursor: null });
    });

    it('answers null for a proposal the ledger does not hold', async () => {
      await catchUp();
      expect(await proposalById(reader, 'no-such-proposal', { now: on('2018-01-01') })).toBeNull();
      expect(await proposalHistory(reader, sealedLog, 'no-such-proposal')).toBeNull();
    });
  });

  describe('an amendment', () => {
    it('keeps the decisions on the earlier version on record, marked as not counting, and the route asks again', async () => {
      await play(tableWokingham, approvalTable[0], approvalTable[3], amendWokingham, decision('ccg-cmt-2017-10-10', ccgManagementTeam, 'approved', '2017-10-10', { version: 2 }));
      await catchUp();
      const view = (await proposalById(reader, WOKINGHAM, { now: on('2017-11-01') }))!;
      expect(view).toMatchObject({ version: 2, status: 'open', scopes: [...SCOPES, 'mental-health'] });
      expect(view.versions.map((version) => [version.version, version.amendmentReason, version.scopes])).toEqual([
        [1, null, SCOPES],
        [2, amendWokingham.reason, [...SCOPES, 'mental-health']],
      ]);
      expect(view.versions[1].route).toEqual(wokinghamRoute);
      expect(view.ratifications.map((ratification) => [ratification.id, ratification.version, ratification.counts, ratification.status])).toEqual([
        ['ccg-cmt-2017-05-16', 1, false, 'stands'],
        ['wbc-clt-2017-05-09', 1, false, 'stands'],
        ['ccg-cmt-2017-10-10', 2, true, 'stands'],
      ]);
      expect(view.route[0].decision?.id).toBe('ccg-cmt-2017-10-10');
      expect(view.route[3].decision).toBeNull();

      const history = (await proposalHistory(reader, sealedLog, WOKINGHAM))!;
      expect(history.items.find((entry) => entry.type === 'ProposalAmended')?.summary).toBe('wokingham-enhanced-section-75 amended to version 2 on 2 October 2017');

      const ratifications = await listRatifications(reader, { proposalId: WOKINGHAM });
      expect(ratifications.items.map((ratification) => [ratification.id, ratification.counts])).toEqual([
        ['ccg-cmt-2017-10-10', true],
        ['ccg-cmt-2017-05-16', false],
        ['wbc-clt-2017-05-09', false],
      ]);
    });
  });

  describe('a rescission', () => {
    it('keeps the rescinded decision on record, marked, no longer counting, and reopens the proposal', async () => {
      await play(tableWokingham, ...approvalTable, rescindBoardDecision);
      await catchUp();
      const view = (await proposalById(reader, WOKINGHAM, { now: on('2018-04-01') }))!;
      expect(view.status).toBe('open');
      expect(view.implementableFrom).toBeNull();
      expect(view.route[7].decision).toBeNull();
      const rescinded = view.ratifications.find((ratification) => ratification.id === 'hwb-2018-02-08')!;
      expect(rescinded).toMatchObject({
        rescinded: true,
        status: 'rescinded',
        counts: false,
        pendingCallIn: false,
        implementableFrom: null,
        rescission: { rescindedOn: on('2018-03-20'), reason: 'Recorded against the wrong meeting.' },
      });
      expect(view.ratifications).toHaveLength(9);

      const history = (await proposalHistory(reader, sealedLog, WOKINGHAM))!;
      expect(history.items.slice(-3).map((entry) => entry.type)).toEqual(['ProposalRatified', 'RatificationRescinded', 'ProposalReopened']);
      const listed = await listRatifications(reader, { deciderId: healthAndWellbeingBoard.id });
      expect(listed.items).toEqual([rescinded]);
    });
  });

  describe('replayed in memory for a rebuild', () => {
    /** Every row of the proposal read models of a generation, in key order. */
    const rowsOf = async (schema: string) => ({
      proposals: await subject().database.query(`SELECT * FROM ${schema}.proposals ORDER BY proposal_id`),
      ratifications: await subject().database.query(`SELECT * FROM ${schema}.ratifications ORDER BY proposal_id, ratification_id`),
    });

    it('ends with the rows live projection wrote, a rescission and call-ins batches after their ratifications restating them', async () => {
      await play(tableWokingham, ...approvalTable, rescindBoardDecision);
      await play(tableWirral, cabinetDecides, lodgeCallIn, resolveCallIn, tableChildren);
      await play({ type: 'WithdrawProposal', proposalId: CHILDREN, withdrawnOn: on('2018-02-01'), now: NOW, reason: 'Folded into the wider review.' });
      // One event a batch: every change to a ratification's standing comes batches after its row was written.
      const replayed = (await subject().readModels([proposalsProjection], 1)).projector;
      await replayed.replay();
      const projected = (await subject().readModels([proposalsProjection], 4)).projector;
      await projected.catchUp();
      const rows = await rowsOf(replayed.schema);
      expect(rows.ratifications.filter((row) => row.rescinded_on !== null || row.call_ins !== '[]')).toHaveLength(2);
      expect(rows).toEqual(await rowsOf(projected.schema));
    });
  });

  describe('the Wirral exempt proposal (Schedule 12A paragraph 3)', () => {
    it('is pending call-in until its call-in period ends, then implementable', async () => {
      await play(tableWirral, cabinetDecides);
      await catchUp();
      const during = (await proposalById(reader, WIRRAL_PROPOSAL, { now: on('2017-11-30') }))!;
      expect(during).toMatchObject({ status: 'ratified', keyDecision: true, valuePence: VALUE, exempt: { paragraph: 3, reason: SECRETS.exemptReason }, implementableFrom: on('2017-12-05') });
      expect(during.route[0].decision).toMatchObject({ id: CABINET_DECISION, status: 'pending-call-in', pendingCallIn: true, implementableFrom: on('2017-12-05'), callInUntil: on('2017-12-05') });
      const after = (await proposalById(reader, WIRRAL_PROPOSAL, { now: on('2017-12-06') }))!;
      expect(after.route[0].decision).toMatchObject({ status: 'stands', pendingCallIn: false, implementableFrom: on('2017-12-05') });
    });

    it('while called in is pending and not implementable; once resolved with no further action, implementable from the resolution', async () => {
      await play(tableWirral, cabinetDecides, lodgeCallIn);
      await catchUp();
      const calledIn = (await proposalById(reader, WIRRAL_PROPOSAL, { now: on('2017-12-10') }))!;
      expect(calledIn.ratifications[0]).toMatchObject({
        status: 'pending-call-in',
        pendingCallIn: true,
        implementableFrom: null,
        callIns: [{ callInId: 'wirral-call-in-2017-12-01', scrutinyBodyId: scrutinyCommittee.id, lodgedOn: on('2017-12-01'), reason: lodgeCallIn.reason, resolution: null }],
      });
      expect(calledIn.implementableFrom).toBeNull();

      await play(resolveCallIn);
      await catchUp();
      const resolved = (await proposalById(reader, WIRRAL_PROPOSAL, { now: on('2017-12-13') }))!;
      expect(resolved.status).toBe('ratified');
      expect(resolved.implementableFrom).toBe(on('2017-12-12'));
      expect(resolved.ratifications[0]).toMatchObject({
        status: 'stands',
        pendingCallIn: false,
        implementableFrom: on('2017-12-12'),
        setAside: null,
        callIns: [{ resolution: { resolvedOn: on('2017-12-12'), outcome: 'no-further-action' } }],
      });
      const [decided] = (await listRatifications(reader, { organisationId: WIRRAL, now: on('2017-12-13') })).items;
      expect(decided).toEqual(resolved.ratifications[0]);
    });

    it('is redacted for anonymous readers: no exempt reason, summary, conditions or meeting detail anywhere, title, route and decisions kept', async () => {
      await play(tableWirral, cabinetDecides, lodgeCallIn, resolveCallIn);
      await catchUp();
      const now = on('2017-12-13');
      const marker = exemptMarker(3);
      expect(marker).toBe('[exempt: Schedule 12A paragraph 3]');

      const view = (await proposalById(reader, WIRRAL_PROPOSAL, { now }))!;
      const list = await listProposals(reader, {});
      const ratifications = await listRatifications(reader, { now });
      const decisions = await bodyDecisions(reader, cabinet.id, { now });
      const history = (await proposalHistory(reader, sealedLog, WIRRAL_PROPOSAL))!;
      const unredacted = JSON.stringify([view, list, ratifications, decisions, history]);
      for (const secret of Object.values(SECRETS)) expect(unredacted).toContain(secret);

      const redacted = [redactExempt(view), redactExempt(list), redactExempt(ratifications), redactExempt(decisions), redactExempt(history), redactExempt(view.ratifications), redactExempt(history.items[0])];
      const text = JSON.stringify(redacted);
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);

      const [redactedView] = redacted as [typeof view];
      expect(redactedView).toMatchObject({
        id: WIRRAL_PROPOSAL,
        title: tableWirral.title,
        status: 'ratified',
        summary: marker,
        exempt: { paragraph: 3, reason: marker },
        route: [{ organisationId: WIRRAL, requirement: 'approve', decision: { id: CABINET_DECISION, outcome: 'approved-with-conditions', conditions: marker, meeting: { minuteRef: marker, url: marker } } }],
      });
      expect(redactedView.versions[0].summary).toBe(marker);
      const redactedHistory = redactExempt(history);
      expect(redactedHistory.items[0]).toMatchObject({ summary: `${WIRRAL_PROPOSAL} tabled on 17 November 2017: ${tableWirral.title}`, data: { summary: marker, exempt: { paragraph: 3, reason: marker } } });
      expect(redactedHistory.items[1].data).toMatchObject({ conditions: marker, meeting: { minuteRef: marker, url: marker }, reasons: cabinetDecides.reasons });
      // The view read from the store is left as it was.
      expect(view.summary).toBe(SECRETS.summary);
    });

    it('redaction leaves a proposal that is not exempt exactly as it was', async () => {
      await play(tableWokingham, ...approvalTable.slice(0, 2));
      await catchUp();
      const view = (await proposalById(reader, WOKINGHAM, { now: on('2018-01-01') }))!;
      const history = (await proposalHistory(reader, sealedLog, WOKINGHAM))!;
      expect(redactExempt(view)).toEqual(view);
      expect(redactExempt(history)).toEqual(history);
    });
  });

  describe('lists', () => {
    beforeEach(async () => {
      await play(
        tableWokingham,
        approvalTable[0],
        approvalTable[3],
        amendWokingham,
        decision('ccg-cmt-2017-10-10', ccgManagementTeam, 'approved', '2017-10-10', { version: 2 }),
        tableWirral,
        cabinetDecides,
        tableChildren,
        { type: 'WithdrawProposal', proposalId: CHILDREN, withdrawnOn: on('2018-02-01'), now: NOW, reason: 'Folded into the wider review.' },
      );
      await catchUp();
    });

    it('the register lists proposals most recently tabled first, and filters by status, organisation, hierarchical scope and date tabled', async () => {
      const all = await listProposals(reader, {});
      expect(all.items.map((item) => [item.id, item.status])).toEqual([
        [CHILDREN, 'withdrawn'],
        [WIRRAL_PROPOSAL, 'ratified'],
        [WOKINGHAM, 'open'],
      ]);
      expect(all.nextCursor).toBeNull();
      expect(all.items[0]).toMatchObject({ withdrawnOn: on('2018-02-01'), valuePence: 120_000_00, scopes: ['community-services/children'], organisationIds: [WBC] });
      expect(all.items[2]).toMatchObject({ version: 2, organisationIds: [BHFT, CCG, GP_ALLIANCE, WBC].sort() });

      const ids = async (query: Parameters<typeof listProposals>[1]) => (await listProposals(reader, query)).items.map((item) => item.id);
      expect(await ids({ status: 'ratified' })).toEqual([WIRRAL_PROPOSAL]);
      expect(await ids({ organisationId: WIRRAL })).toEqual([WIRRAL_PROPOSAL]);
      expect(await ids({ organisationId: WBC })).toEqual([CHILDREN, WOKINGHAM]);
      expect(await ids({ scope: 'community-services' })).toEqual([CHILDREN]);
      expect(await ids({ scope: 'community-services/children' })).toEqual([CHILDREN]);
      expect(await ids({ scope: 'community' })).toEqual([]);
      expect(await ids({ scope: 'mental-health' })).toEqual([WOKINGHAM]);
      expect(await ids({ scope: 'adult-social-care' })).toEqual([WIRRAL_PROPOSAL, WOKINGHAM]);
      expect(await ids({ from: '2017-11-17', to: '2018-01-10' })).toEqual([CHILDREN, WIRRAL_PROPOSAL]);
      expect(await ids({ to: '2017-11-16' })).toEqual([WOKINGHAM]);
    });

    it('the register pages with a cursor, neither repeating nor skipping', async () => {
      const all = await listProposals(reader, {});
      const paged = await everyPage((cursor) => listProposals(reader, { limit: 1, cursor }));
      expect(paged.pages).toBe(3);
      expect(paged.items).toEqual(all.items);
      await expect(listProposals(reader, { cursor: 'not-a-cursor' })).rejects.toThrow(InvalidCursorError);
    });

    it('keeps free text exactly, NUL characters included', async () => {
      const [children] = (await listProposals(reader, { status: 'withdrawn' })).items;
      expect(children.title).toBe(tableChildren.title);
      expect(children.summary).toBe('Line one\u0000line two');
      const view = (await proposalById(reader, CHILDREN, { now: on('2018-03-01') }))!;
      expect(view.withdrawal).toEqual({ withdrawnOn: on('2018-02-01'), reason: 'Folded into the wider review.' });
      expect((await proposalHistory(reader, sealedLog, CHILDREN))!.items[0].data.title).toBe(tableChildren.title);
    });

    it('ratifications list who approved what, newest first, filtered by organisation, decider, outcome and date decided', async () => {
      const ids = async (query: Parameters<typeof listRatifications>[1]) => (await listRatifications(reader, query)).items.map((item) => item.id);
      expect(await ids({})).toEqual([CABINET_DECISION, 'ccg-cmt-2017-10-10', 'ccg-cmt-2017-05-16', 'wbc-clt-2017-05-09']);
      // Newest first by date decided, whatever order they were recorded in.
      expect(await ids({ organisationId: WBC })).toEqual(['wbc-clt-2017-05-09']);
      expect(await ids({ organisationId: CCG })).toEqual(['ccg-cmt-2017-10-10', 'ccg-cmt-2017-05-16']);
      expect(await ids({ deciderId: wbcCorporateTeam.id })).toEqual(['wbc-clt-2017-05-09']);
      expect(await ids({ outcome: 'approved-with-conditions' })).toEqual([CABINET_DECISION]);
      expect(await ids({ from: '2017-05-16', to: '2017-10-10' })).toEqual(['ccg-cmt-2017-10-10', 'ccg-cmt-2017-05-16']);

      const [wirral] = (await listRatifications(reader, { deciderId: cabinet.id, now: on('2017-11-30') })).items;
      expect(wirral).toMatchObject({
        proposalId: WIRRAL_PROPOSAL,
        proposalTitle: tableWirral.title,
        exemptParagraph: 3,
        authority: { holderId: cabinet.id, organisationId: WIRRAL, scopes: WIRRAL_SCOPES, amountPence: VALUE, at: on('2017-11-27'), chains: [[]], readAt: [{ streamId: `scheme-${WIRRAL}`, version: 3 }] },
        pendingCallIn: true,
        counts: true,
      });

      const paged = await everyPage((cursor) => listRatifications(reader, { limit: 3, cursor }));
      expect(paged.pages).toBe(2);
      expect(paged.items.map((item) => item.id)).toEqual(await ids({}));
    });

    it('ratifications refuse filters they cannot take, and leave authority=lapsed to the authority checks', async () => {
      await expect(listRatifications(reader, { authority: 'lapsed' })).rejects.toThrow(FilterNotImplementedError);
      await expect(listRatifications(reader, { outcome: 'maybe' })).rejects.toThrow(InvalidFilterError);
      await expect(listRatifications(reader, { from: '27/11/2017' })).rejects.toThrow(InvalidFilterError);
      await expect(listProposals(reader, { status: 'pending' })).rejects.toThrow(InvalidFilterError);
      await expect(listProposals(reader, { scope: 'Not A Scope' })).rejects.toThrow(InvalidFilterError);
    });

    it('a body’s decisions register lists every ratification it made, newest first, within dates, page by page', async () => {
      const register = await bodyDecisions(reader, ccgManagementTeam.id, {});
      expect(register.items.map((item) => [item.id, item.version, item.counts])).toEqual([
        ['ccg-cmt-2017-10-10', 2, true],
        ['ccg-cmt-2017-05-16', 1, false],
      ]);
      const paged = await everyPage((cursor) => bodyDecisions(reader, ccgManagementTeam.id, { limit: 1, cursor }));
      expect(paged.pages).toBe(2);
      expect(paged.items).toEqual(register.items);
      expect((await bodyDecisions(reader, ccgManagementTeam.id, { from: '2017-06-01' })).items.map((item) => item.id)).toEqual(['ccg-cmt-2017-10-10']);
      expect((await bodyDecisions(reader, ccgManagementTeam.id, { to: '2017-06-01' })).items.map((item) => item.id)).toEqual(['ccg-cmt-2017-05-16']);
      expect((await bodyDecisions(reader, 'no-such-body', {})).items).toEqual([]);
    });
  });
});
