import { given } from '../../test/given-when-then.js';
import type { AuthorityBasis, AuthorityLink } from '../authority/authority-answer.js';
import type { AuthorityKnowledge } from '../authority/authority-knowledge.js';
import type { AuthoritySources } from '../authority/delegation-chains.js';
import { schemeDecider } from '../delegations/scheme.decider.js';
import { organisationDecider } from '../organisations/organisation.decider.js';
import { NoAuthorityError } from '../authority/no-authority-error.js';
import type { OrganisationFact } from '../shared/organisation-fact.js';
import { fold } from '../shared/decider.js';
import { AlreadyExistsError, InvalidCommandError, InvalidTransitionError, NotFoundError, NotOnRouteError, StaleVersionError } from '../shared/domain-error.js';
import type { Instant } from '../shared/ledger-time.js';
import { parseInstant } from '../shared/ledger-time.js';
import type { LodgeCallIn, RecordRatification, TableProposal } from './proposal.commands.js';
import { proposalDecider } from './proposal.decider.js';
import type { ProposalEvent, ProposalTabled, RatificationOutcome, RatificationRecorded } from './proposal.events.js';
import { proposalStreamId } from './proposal.events.js';
import { proposalImplementableFrom } from './proposal-status.js';
import type { TabledProposalState } from './proposal.state.js';
import { findRatification, implementableFrom, isPendingCallIn, stepDecisions } from './proposal.state.js';
import type { DecisionMakerFact, RegisteredDecisionMaker, RouteStep } from './route.js';

/** A London date (or an instant) as the domain holds it. */
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

/** What the ledger knows of authority in these tests, with the basis a decision that asks it is expected to keep. */
interface KnownAuthority extends AuthorityKnowledge {
  expectedBasis: AuthorityBasis;
}

/** An organisation holding `functions` from 2000, governed throughout by `governingBodyId`. */
function organisationGovernedBy(organisationId: string, governingBodyId: string, functions: string[]) {
  return fold(organisationDecider, [
    { type: 'OrganisationRegistered', data: { organisationId, name: organisationId, kind: 'local-authority', functions, establishedOn: on('2000-01-01') } },
    { type: 'GoverningBodyDesignated', data: { organisationId, bodyId: governingBodyId, from: on('2000-01-01') } },
  ]);
}

/** Knowledge of one organisation's authority: asking about any other is a test's mistake. */
function knowing(organisationId: string, sources: AuthoritySources, expectedBasis: AuthorityBasis): KnownAuthority {
  return {
    expectedBasis,
    of: (asked) => {
      if (asked !== organisationId) throw new Error(`The decision asked about ${asked}, the test knows only ${organisationId}.`);
      return { sources, readAt: expectedBasis.readAt };
    },
  };
}

const readAt = (organisationId: string, schemeVersion = 1) => [
  { streamId: `organisation-${organisationId}`, version: 2 },
  { streamId: `scheme-${organisationId}`, version: schemeVersion },
];

/** A decider held authority at `at`: one delegation from the organisation's governing body, since April 2017. */
function authorised(holderId: string, organisationId: string, at: Instant, scopes: string[], amountPence: number | null): KnownAuthority {
  const governingBodyId = `${organisationId}-governing-body`;
  const delegationId = `${organisationId}-to-${holderId}`;
  const instrument = { title: 'Scheme of Delegation', reference: null, url: null };
  const scheme = fold(schemeDecider, [
    {
      type: 'DelegationGranted',
      data: { delegationId, organisationId, fromId: governingBodyId, toId: holderId, scopes, limitPence: null, effectiveFrom: on('2017-04-01'), effectiveUntil: null, mayRedelegate: false, instrument, authorisedByProposalId: null },
    },
  ]);
  const chain: AuthorityLink[] = [
    { delegationId, fromId: governingBodyId, toId: holderId, scopes, limitPence: null, effectiveFrom: on('2017-04-01'), effectiveUntil: null, mayRedelegate: false, organisationId },
  ];
  return knowing(organisationId, { organisation: organisationGovernedBy(organisationId, governingBodyId, scopes), scheme }, { holderId, organisationId, scopes, amountPence, at, chains: [chain], readAt: readAt(organisationId) });
}

/** The decider is the organisation's governing body: it holds every function without limit (one empty chain). */
function governing(bodyId: string, organisationId: string, at: Instant, scopes: string[], amountPence: number | null, schemeVersion = 1): KnownAuthority {
  const sources = { organisation: organisationGovernedBy(organisationId, bodyId, scopes), scheme: schemeDecider.initialState };
  return knowing(organisationId, sources, { holderId: bodyId, organisationId, scopes, amountPence, at, chains: [[]], readAt: readAt(organisationId, schemeVersion) });
}

/** Knowledge that no decision may ask of: for steps that need no authority. */
const NOTHING_KNOWN: AuthorityKnowledge = {
  of: (organisationId) => {
    throw new Error(`The decision asked about authority over ${organisationId}, but its step needs none.`);
  },
};

/** The RatificationRecorded a command becomes once matched to its step. */
function recorded(command: RecordRatification, stepIndex: number, requirement: RouteStep['requirement'], organisationId: string | null): RatificationRecorded {
  return {
    type: 'RatificationRecorded',
    data: {
      proposalId: command.proposalId,
      ratificationId: command.ratificationId,
      version: command.version,
      stepIndex,
      requirement,
      organisationId,
      deciderId: command.deciderId,
      deciderKind: command.decisionMaker.registered ? command.decisionMaker.kind : 'body',
      outcome: command.outcome,
      decidedOn: command.decidedOn,
      reasons: command.reasons,
      alternativesConsidered: command.alternativesConsidered,
      meeting: command.meeting,
      conditions: command.conditions,
      conflictsOfInterest: command.conflictsOfInterest,
      decidedByPerson: command.decidedByPerson,
      callInUntil: command.callInUntil,
      authority: requirement === 'approve' ? (command.authority as KnownAuthority).expectedBasis : null,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Wokingham's Enhanced Section 75 Partnership (seed 000): its approval table is the route.
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
const wbcAdultServicesTeam = body('wbc-adult-services-management-team', 'officer-group', WBC);

const PROPOSAL = 'wokingham-enhanced-section-75';
const SCOPES = ['adult-social-care', 'bcf'];

/** Steps 1–9 of the table, in its order (stepIndex 0–8). */
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
const routeOrganisations: OrganisationFact[] = [CCG, BHFT, WBC, GP_ALLIANCE].map((organisationId) => ({ organisationId, registered: true, establishedOn: on('2013-04-01') }));
const routeDecisionMakers: DecisionMakerFact[] = [ccgManagementTeam, acsLeadership, bhftExecutive, wbcCorporateTeam, wbcLeadMember, wisp, healthAndWellbeingBoard, bw10IntegrationBoard];

const tableWokingham: TableProposal = {
  type: 'TableProposal',
  proposalId: PROPOSAL,
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
  organisations: routeOrganisations,
  decisionMakers: routeDecisionMakers,
};

const tabled: ProposalTabled = {
  type: 'ProposalTabled',
  data: {
    proposalId: PROPOSAL,
    version: 1,
    title: tableWokingham.title,
    summary: tableWokingham.summary,
    scopes: SCOPES,
    valuePence: null,
    keyDecision: false,
    exempt: null,
    proposedById: wisp.id,
    route: wokinghamRoute,
    tabledOn: on('2017-05-02'),
  },
};

/** Organisation of each decider that takes an approve step, so the handler's authority check can be played. */
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
  return {
    type: 'RecordRatification',
    proposalId: PROPOSAL,
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
    authority: organisation ? authorised(decider.id, organisation, decidedOn, SCOPES, null) : NOTHING_KNOWN,
    ...more,
  };
}

// The approval table, row by row.
const ccgApproves = decision('ccg-cmt-2017-05-16', ccgManagementTeam, 'approved', '2017-05-16');
const acsEndorses = decision('acs-leadership-2017-05-25', acsLeadership, 'approved', '2017-05-25');
const bhftApproves = decision('bhft-exec-2017-09-18', bhftExecutive, 'approved', '2017-09-18');
const wbcTeamApproves = decision('wbc-clt-2017-05-09', wbcCorporateTeam, 'approved', '2017-05-09');
// The table gives only "September 2017" for the GP Alliance.
const gpAllianceApproves = decision('gp-alliance-2017-09', gpAllianceBoard, 'approved', '2017-09-01');
const leadMemberApproves = decision('wbc-lead-member-2017-12-06', wbcLeadMember, 'approved', '2017-12-06', { decidedByPerson: 'Executive Member for Health, Wellbeing and Adult Services' });
const wispNotes = decision('wisp-2017-12-20', wisp, 'noted', '2017-12-20');
const hwbEndorses = decision('hwb-2018-02-08', healthAndWellbeingBoard, 'approved', '2018-02-08', {
  reasons: 'The Board’s views and their support are considered to be critical to a successful progression.',
});
// "TBC March 2018" in the table.
const bw10Endorses = decision('bw10-2018-03-15', bw10IntegrationBoard, 'approved', '2018-03-15');

const ccgApproved = recorded(ccgApproves, 0, 'approve', CCG);
const acsEndorsed = recorded(acsEndorses, 1, 'endorse', null);
const bhftApproved = recorded(bhftApproves, 2, 'approve', BHFT);
const wbcTeamApproved = recorded(wbcTeamApproves, 3, 'approve', WBC);
const gpAllianceApproved = recorded(gpAllianceApproves, 4, 'approve', GP_ALLIANCE);
const leadMemberApproved = recorded(leadMemberApproves, 5, 'approve', WBC);
const wispNoted = recorded(wispNotes, 6, 'note', null);
const hwbEndorsed = recorded(hwbEndorses, 7, 'endorse', WBC);
const bw10Endorsed = recorded(bw10Endorses, 8, 'endorse', null);

/** Everything in the table up to the Health and Wellbeing Board, recorded in the order the table lists it. */
const allButBw10: ProposalEvent[] = [tabled, ccgApproved, acsEndorsed, bhftApproved, wbcTeamApproved, gpAllianceApproved, leadMemberApproved, wispNoted, hwbEndorsed];
const allRatificationIds = [ccgApproves, acsEndorses, bhftApproves, wbcTeamApproves, gpAllianceApproves, leadMemberApproves, wispNotes, hwbEndorses, bw10Endorses].map(
  (command) => command.ratificationId,
);
const ratified: ProposalEvent = {
  type: 'ProposalRatified',
  data: { proposalId: PROPOSAL, version: 1, ratifiedOn: on('2018-03-15'), ratificationIds: allRatificationIds },
};
const fullyRatified: ProposalEvent[] = [...allButBw10, bw10Endorsed, ratified];

const amendment = {
  type: 'AmendProposal' as const,
  proposalId: PROPOSAL,
  amendedOn: on('2017-10-02'),
  now: NOW,
  reason: 'Scope widened to the Community Mental Health Team, as paragraph 2.1 hopes.',
  scopes: [...SCOPES, 'mental-health'],
};
const amended: ProposalEvent = {
  type: 'ProposalAmended',
  data: {
    proposalId: PROPOSAL,
    version: 2,
    amendedOn: on('2017-10-02'),
    reason: amendment.reason,
    changed: ['scopes'],
    title: tableWokingham.title,
    summary: tableWokingham.summary,
    scopes: [...SCOPES, 'mental-health'],
    valuePence: null,
    route: wokinghamRoute,
  },
};

function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('Nothing was thrown.');
}

const stateAfter = (events: ProposalEvent[]) => fold(proposalDecider, events) as TabledProposalState;

describe('a proposal', () => {
  it('lives in its own stream', () => {
    expect(proposalStreamId(PROPOSAL)).toBe('proposal-wokingham-enhanced-section-75');
  });

  describe('tabling', () => {
    it('tables version 1 with the route it must pass: Wokingham’s approval table, step by step', () => {
      given(proposalDecider).when(tableWokingham).then([tabled]);
    });

    it('happens once', () => {
      given(proposalDecider, [tabled]).when(tableWokingham).thenThrows(AlreadyExistsError, `A proposal with id ${PROPOSAL} already exists.`);
    });

    it('refuses a route naming an unknown organisation, as bad input naming the field', () => {
      given(proposalDecider)
        .when({
          ...tableWokingham,
          route: [...wokinghamRoute, { organisationId: 'reading-borough-council', bodyId: null, requirement: 'approve' }],
          organisations: [...routeOrganisations, { organisationId: 'reading-borough-council', registered: false }],
        })
        .thenThrows(InvalidCommandError, 'There is no organisation reading-borough-council.');
    });

    it('refuses a route that asks the same organisation twice without naming who decides each time', () => {
      given(proposalDecider)
        .when({ ...tableWokingham, route: [...wokinghamRoute, { organisationId: WBC, bodyId: null, requirement: 'approve' }] })
        .thenThrows(InvalidCommandError, /wokingham-borough-council appears in several steps/);
    });

    it('names at least one scope, each once, since authority is checked over them', () => {
      given(proposalDecider).when({ ...tableWokingham, scopes: [] }).thenThrows(InvalidCommandError, /at least one scope/);
      given(proposalDecider).when({ ...tableWokingham, scopes: ['bcf', 'bcf'] }).thenThrows(InvalidCommandError, /bcf more than once/);
    });

    it('values the matter in whole pence', () => {
      given(proposalDecider).when({ ...tableWokingham, valuePence: 12.5 }).thenThrows(InvalidCommandError, /whole, non-negative number of pence/);
    });

    it('cannot be dated after it is recorded (a typo would freeze the proposal until then)', () => {
      given(proposalDecider).when({ ...tableWokingham, tabledOn: on('2024-06-04') }).thenThrows(InvalidCommandError, /^tabledOn cannot be in the future: 2024-06-04 is after now/);
      given(proposalDecider)
        .when({ ...tableWokingham, tabledOn: on('2024-06-03') })
        .then([{ ...tabled, data: { ...tabled.data, tabledOn: on('2024-06-03') } }]);
    });

    it('marks exempt information by its Schedule 12A paragraph, 1 to 7', () => {
      given(proposalDecider)
        .when({ ...tableWokingham, exempt: { paragraph: 8 as 1, reason: 'no such paragraph' } })
        .thenThrows(InvalidCommandError, 'Schedule 12A has paragraphs 1 to 7.');
    });
  });

  describe('each partner’s share (partners hold different functions and put in different sums)', () => {
    // The GP Alliance decides only its primary-care part of a pooled £10m; the council its £2.5m of social care.
    const shared: RouteStep[] = wokinghamRoute.map((step) =>
      step.organisationId === GP_ALLIANCE ? { ...step, scopes: ['primary-care'], valuePence: 500_000_000 } : step.bodyId === wbcCorporateTeam.id ? { ...step, scopes: ['adult-social-care'], valuePence: 250_000_000 } : step,
    );
    const tableShared: TableProposal = { ...tableWokingham, scopes: [...SCOPES, 'primary-care'], valuePence: 1_000_000_000, route: shared };
    const sharedTabled: ProposalTabled = { ...tabled, data: { ...tabled.data, scopes: [...SCOPES, 'primary-care'], valuePence: 1_000_000_000, route: shared } };

    it('tables a route whose approve steps each name the scopes and value their organisation decides', () => {
      given(proposalDecider).when(tableShared).then([sharedTabled]);
    });

    it('asks for authority over the step’s share only, and the whole proposal on a step that names none', () => {
      const state = stateAfter([sharedTabled]);
      const basisOf = (command: RecordRatification) => (proposalDecider.decide(command, state)[0] as RatificationRecorded).data.authority;
      const asking = (command: RecordRatification, scopes: string[], amountPence: number) => ({ ...command, authority: authorised(command.deciderId, approvesFor[command.deciderId], command.decidedOn, scopes, amountPence) });
      expect(basisOf(asking(gpAllianceApproves, ['primary-care'], 500_000_000))).toMatchObject({ holderId: gpAllianceBoard.id, organisationId: GP_ALLIANCE, scopes: ['primary-care'], amountPence: 500_000_000, at: on('2017-09-01') });
      expect(basisOf(asking(wbcTeamApproves, ['adult-social-care'], 250_000_000))).toMatchObject({ scopes: ['adult-social-care'], amountPence: 250_000_000 });
      expect(basisOf(asking(bhftApproves, [...SCOPES, 'primary-care'], 1_000_000_000))).toMatchObject({ scopes: [...SCOPES, 'primary-care'], amountPence: 1_000_000_000 });
    });

    it('refuses a share outside the proposal: a scope it does not name, or more than its value', () => {
      const withStep = (step: Partial<RouteStep>) => ({ ...tableShared, route: shared.map((original) => (original.organisationId === GP_ALLIANCE ? { ...original, ...step } : original)) });
      given(proposalDecider).when(withStep({ scopes: ['public-health'] })).thenThrows(InvalidCommandError, "public-health is not among the proposal's scopes (adult-social-care, bcf, primary-care).");
      given(proposalDecider).when(withStep({ scopes: ['primary-care/prescribing'] })).then([{ ...sharedTabled, data: { ...sharedTabled.data, route: withStep({ scopes: ['primary-care/prescribing'] }).route } }]);
      given(proposalDecider).when(withStep({ valuePence: 1_000_000_001 })).thenThrows(InvalidCommandError, /more than the proposal's value/);
      given(proposalDecider).when({ ...withStep({}), valuePence: null }).thenThrows(InvalidCommandError, /only when the proposal has a value/);
      given(proposalDecider).when(withStep({ scopes: [] })).thenThrows(InvalidCommandError, /names at least one/);
    });

    it('refuses shares that together decide less than the proposal: a scope in none, or values short of the whole', () => {
      const everyApprove = (share: (step: RouteStep) => Partial<RouteStep>) => ({ ...tableShared, route: shared.map((step) => (step.requirement === 'approve' ? { ...step, ...share(step) } : step)) });
      given(proposalDecider)
        .when(everyApprove((step) => (step.organisationId === GP_ALLIANCE ? { scopes: ['primary-care'] } : { scopes: ['adult-social-care'] })))
        .thenThrows(InvalidCommandError, "bcf is in no approve step's share: every scope of the proposal must be some organisation's to decide.");
      given(proposalDecider)
        .when(everyApprove(() => ({ valuePence: 0 })))
        .thenThrows(InvalidCommandError, "The approve steps' shares come to 0 pence, less than the proposal's 1000000000.");
    });

    it('gives shares to approve steps only: a forum that endorses or notes decides no part of it', () => {
      const route = shared.map((step) => (step.bodyId === healthAndWellbeingBoard.id ? { ...step, scopes: ['bcf'] } : step));
      given(proposalDecider).when({ ...tableShared, route }).thenThrows(InvalidCommandError, 'Only an approve step decides a share of the proposal; this is an endorse step.');
    });

    it('refuses an amendment that narrows the proposal below a step’s share', () => {
      given(proposalDecider, [sharedTabled])
        .when({ type: 'AmendProposal', proposalId: PROPOSAL, amendedOn: on('2017-06-01'), now: NOW, reason: 'Primary care taken out', scopes: SCOPES, title: undefined, summary: undefined, valuePence: undefined, route: undefined, organisations: undefined, decisionMakers: undefined })
        .thenThrows(InvalidCommandError, /primary-care is not among the proposal's scopes/);
    });
  });

  describe('ratification', () => {
    it('records each partner’s decision with the step it takes and the authority it was taken under', () => {
      given(proposalDecider, [tabled]).when(wbcTeamApproves).then([wbcTeamApproved]);
      expect(wbcTeamApproved.data.authority).toMatchObject({ holderId: wbcCorporateTeam.id, organisationId: WBC, scopes: SCOPES, readAt: [{ streamId: `organisation-${WBC}`, version: 2 }, { streamId: `scheme-${WBC}`, version: 1 }] });
    });

    it('lets any decider with authority take an approve step that names none (the GP Alliance’s board)', () => {
      given(proposalDecider, [tabled]).when(gpAllianceApproves).then([gpAllianceApproved]);
    });

    it('records a lead member’s decision as the post’s, naming the person who held it', () => {
      given(proposalDecider, [tabled]).when(leadMemberApproves).then([leadMemberApproved]);
      expect(leadMemberApproved.data).toMatchObject({ deciderKind: 'post', organisationId: WBC, decidedByPerson: 'Executive Member for Health, Wellbeing and Adult Services' });
    });

    it('needs no authority to endorse or note: no basis is stored', () => {
      given(proposalDecider, [tabled]).when(acsEndorses).then([acsEndorsed]);
      given(proposalDecider, [tabled]).when(wispNotes).then([wispNoted]);
      expect(wispNoted.data.authority).toBeNull();
    });

    it('ratifies the proposal in the same decision that completes the route (the BW10 Integration Board, March 2018)', () => {
      given(proposalDecider, allButBw10).when(bw10Endorses).then([bw10Endorsed, ratified]);
    });

    it('dates the ratification by the last decision taken, whatever order the clerks record them in', () => {
      const outOfOrder = [tabled, bw10Endorsed, ccgApproved, acsEndorsed, bhftApproved, gpAllianceApproved, leadMemberApproved, wispNoted, hwbEndorsed];
      given(proposalDecider, outOfOrder)
        .when(wbcTeamApproves)
        .then([
          wbcTeamApproved,
          {
            type: 'ProposalRatified',
            data: {
              proposalId: PROPOSAL,
              version: 1,
              ratifiedOn: on('2018-03-15'),
              ratificationIds: allRatificationIds,
            },
          },
        ]);
    });

    it('counts an approval with conditions as an approval', () => {
      const withConditions = decision('bw10-2018-03-15', bw10IntegrationBoard, 'approved-with-conditions', '2018-03-15', {
        conditions: 'Risk-share arrangements to be aligned with the Berkshire West ACS before year 2.',
      });
      given(proposalDecider, allButBw10)
        .when(withConditions)
        .then([recorded(withConditions, 8, 'endorse', null), ratified]);
    });

    it('states the conditions of an approval with conditions', () => {
      given(proposalDecider, [tabled])
        .when(decision('bw10', bw10IntegrationBoard, 'approved-with-conditions', '2018-03-15'))
        .thenThrows(InvalidCommandError, /states its conditions/);
    });

    it('lets a note step be approved as well as noted', () => {
      const wispApproves = decision('wisp-2017-12-20', wisp, 'approved', '2017-12-20');
      given(proposalDecider, [...allButBw10.filter((event) => event !== wispNoted), bw10Endorsed])
        .when(wispApproves)
        .then([
          recorded(wispApproves, 6, 'note', null),
          { type: 'ProposalRatified', data: { proposalId: PROPOSAL, version: 1, ratifiedOn: on('2018-03-15'), ratificationIds: allRatificationIds } },
        ]);
    });

    it('does not let a forum taking the matter for information reject it or attach conditions', () => {
      given(proposalDecider, [tabled]).when(decision('wisp', wisp, 'rejected', '2017-12-20')).thenThrows(InvalidCommandError, /not rejected/);
      given(proposalDecider, [tabled])
        .when(decision('wisp', wisp, 'approved-with-conditions', '2017-12-20', { conditions: 'x' }))
        .thenThrows(InvalidCommandError, /not approved-with-conditions/);
    });

    it('does not accept a noting where an approval or endorsement is asked for', () => {
      given(proposalDecider, [tabled]).when(decision('hwb', healthAndWellbeingBoard, 'noted', '2018-02-08')).thenThrows(InvalidCommandError, /not noted/);
      given(proposalDecider, [tabled]).when(decision('bhft', bhftExecutive, 'noted', '2017-09-18')).thenThrows(InvalidCommandError, /not noted/);
    });

    it('rejects the proposal when an approve step is rejected', () => {
      const bhftRejects = decision('bhft-exec-2017-09-18', bhftExecutive, 'rejected', '2017-09-18', { reasons: 'Risk share not yet scoped.' });
      given(proposalDecider, [tabled, ccgApproved])
        .when(bhftRejects)
        .then([
          recorded(bhftRejects, 2, 'approve', BHFT),
          { type: 'ProposalRejected', data: { proposalId: PROPOSAL, version: 1, rejectedOn: on('2017-09-18'), ratificationIds: [bhftRejects.ratificationId] } },
        ]);
    });

    it('rejects the proposal when an endorse step is rejected', () => {
      const hwbRejects = decision('hwb-2018-02-08', healthAndWellbeingBoard, 'rejected', '2018-02-08');
      given(proposalDecider, [tabled])
        .when(hwbRejects)
        .then([
          recorded(hwbRejects, 7, 'endorse', WBC),
          { type: 'ProposalRejected', data: { proposalId: PROPOSAL, version: 1, rejectedOn: on('2018-02-08'), ratificationIds: [hwbRejects.ratificationId] } },
        ]);
    });

    it('still records the other partners’ decisions on a rejected proposal, which stays rejected', () => {
      const bhftRejects = decision('bhft-exec-2017-09-18', bhftExecutive, 'rejected', '2017-09-18');
      const rejected: ProposalEvent = { type: 'ProposalRejected', data: { proposalId: PROPOSAL, version: 1, rejectedOn: on('2017-09-18'), ratificationIds: [bhftRejects.ratificationId] } };
      given(proposalDecider, [tabled, recorded(bhftRejects, 2, 'approve', BHFT), rejected]).when(leadMemberApproves).then([leadMemberApproved]);
    });

    it('records a deferral, which decides nothing and may be followed by the real decision', () => {
      const deferred = decision('hwb-2017-12-14', healthAndWellbeingBoard, 'deferred', '2017-12-14', { reasons: 'Awaiting the lead member’s view.' });
      given(proposalDecider, [tabled]).when(deferred).then([recorded(deferred, 7, 'endorse', WBC)]);
      given(proposalDecider, [tabled, recorded(deferred, 7, 'endorse', WBC)]).when(hwbEndorses).then([hwbEndorsed]);
    });

    it('takes one standing decision per step and version: a second one, or a deferral after it, is refused', () => {
      given(proposalDecider, [tabled, hwbEndorsed])
        .when(decision('hwb-again', healthAndWellbeingBoard, 'approved', '2018-03-01'))
        .thenThrows(InvalidTransitionError, /already decided: hwb-2018-02-08, approved on 2018-02-08/);
      given(proposalDecider, [tabled, hwbEndorsed]).when(decision('hwb-deferral', healthAndWellbeingBoard, 'deferred', '2018-03-01')).thenThrows(InvalidTransitionError);
    });

    it('is refused with no_authority, and the reasons, when the decider held no authority at the moment of the decision', () => {
      const at = on('2017-09-18');
      const noDelegation = governing(`${BHFT}-board`, BHFT, at, SCOPES, null);
      const refused = decision('bhft-exec-2017-09-18', bhftExecutive, 'approved', '2017-09-18', { authority: noDelegation });
      given(proposalDecider, [tabled])
        .when(refused)
        .thenThrows(NoAuthorityError, /^bhft-executive had no authority to decide for berkshire-healthcare-nhs-foundation-trust on 2017-09-18: /);
      expect(thrownBy(() => proposalDecider.decide(refused, stateAfter([tabled])))).toMatchObject({
        code: 'no_authority',
        authority: { allowed: false, chains: [], reasons: [expect.stringContaining('bhft-executive')] },
      });
    });

    it('asks its authority question itself: of the organisation its step names, at the moment it was taken', () => {
      const asked: string[] = [];
      const knowledge = authorised(bhftExecutive.id, BHFT, on('2017-09-18'), SCOPES, null);
      const watched = { ...knowledge, of: (organisationId: string) => (asked.push(organisationId), knowledge.of(organisationId)) };
      const [recordedEvent] = proposalDecider.decide({ ...bhftApproves, authority: watched }, stateAfter([tabled])) as RatificationRecorded[];
      expect(asked).toEqual([BHFT]);
      expect(recordedEvent.data.authority).toEqual(knowledge.expectedBasis);
    });

    it('asks no authority question for a step that endorses or notes, or for a decider not on the route', () => {
      given(proposalDecider, [tabled]).when({ ...hwbEndorses, authority: NOTHING_KNOWN }).then([hwbEndorsed]);
      given(proposalDecider, [tabled]).when(decision('x', wbcAdultServicesTeam, 'approved', '2017-09-18', { authority: NOTHING_KNOWN })).thenThrows(NotOnRouteError);
    });

    it('is refused as not on the route when no step names the decider or leaves its organisation’s decision open', () => {
      given(proposalDecider, [tabled])
        .when(decision('wbc-adult-services', wbcAdultServicesTeam, 'approved', '2017-06-01', { authority: authorised(wbcAdultServicesTeam.id, WBC, on('2017-06-01'), SCOPES, null) }))
        .thenThrows(NotOnRouteError, /wbc-adult-services-management-team deciding for wokingham-borough-council is not on the route/);
    });

    it('lets only the named forum endorse: another body’s endorsement is not on the route', () => {
      const westBerkshireBoard = body('west-berkshire-health-and-wellbeing-board', 'advisory-board', 'west-berkshire-council');
      given(proposalDecider, [tabled])
        .when(decision('wb-hwb-2018-02-08', westBerkshireBoard, 'approved', '2018-02-08'))
        .thenThrows(NotOnRouteError, /west-berkshire-health-and-wellbeing-board deciding for west-berkshire-council is not on the route/);
      given(proposalDecider, [tabled])
        .when(decision('wbc-clt-for-hwb', wbcCorporateTeam, 'approved', '2018-02-08', { organisationId: null }))
        .then([recorded(decision('wbc-clt-for-hwb', wbcCorporateTeam, 'approved', '2018-02-08'), 3, 'approve', WBC)]);
    });

    it('counts only on the current version: a decision on an earlier one is a version conflict', () => {
      given(proposalDecider, [tabled, amended])
        .when(bhftApproves)
        .thenThrows(StaleVersionError, `Proposal ${PROPOSAL} is at version 2; a decision on version 1 no longer counts.`);
    });

    it('keeps ratification ids unique', () => {
      given(proposalDecider, [tabled, ccgApproved])
        .when({ ...bhftApproves, ratificationId: ccgApproves.ratificationId })
        .thenThrows(AlreadyExistsError, `A ratification with id ${ccgApproves.ratificationId} already exists.`);
    });

    it('refuses a decider the ledger does not know', () => {
      given(proposalDecider, [tabled])
        .when({ ...hwbEndorses, deciderId: 'ghost-board', decisionMaker: { id: 'ghost-board', registered: false } })
        .thenThrows(InvalidCommandError, 'There is no body or post ghost-board.');
    });

    it('cannot be taken before the version it decides was made', () => {
      given(proposalDecider, [tabled]).when(decision('early', healthAndWellbeingBoard, 'approved', '2017-04-01')).thenThrows(InvalidCommandError, /cannot be before version 1 was made/);
    });

    it('cannot be taken by a body already dissolved', () => {
      const dissolved = { ...healthAndWellbeingBoard, dissolvedOn: on('2018-01-01') };
      given(proposalDecider, [tabled]).when({ ...hwbEndorses, decisionMaker: dissolved }).thenThrows(InvalidTransitionError, /dissolved on 2018-01-01/);
    });

    it('cannot be dated in the future: 2031 typed for 2021 is refused, naming decidedOn', () => {
      const typo = decision('hwb-2031-01-01', healthAndWellbeingBoard, 'approved', '2031-01-01');
      given(proposalDecider, [tabled]).when(typo).thenThrows(InvalidCommandError, /^decidedOn cannot be in the future: 2031-01-01 is after now \(2024-06-03T09:30:00\+01:00\)\. A decision is recorded once it has been taken/);
      expect(thrownBy(() => proposalDecider.decide(typo, stateAfter([tabled])))).toMatchObject({ code: 'validation_failed', field: 'decidedOn' });
      given(proposalDecider, [tabled]).when(decision('hwb-tomorrow', healthAndWellbeingBoard, 'approved', '2024-06-04')).thenThrows(InvalidCommandError, /^decidedOn cannot be in the future/);
    });

    it('is refused as dated in the future before its authority is judged', () => {
      const bhftIn2031 = decision('bhft-exec-2031', bhftExecutive, 'approved', '2031-01-01', { authority: governing(`${BHFT}-board`, BHFT, on('2031-01-01'), SCOPES, null) });
      given(proposalDecider, [tabled]).when(bhftIn2031).thenThrows(InvalidCommandError, /^decidedOn cannot be in the future/);
    });

    it('may be dated today, or a few minutes ahead of the ledger’s clock', () => {
      const today = decision('hwb-today', healthAndWellbeingBoard, 'approved', '2024-06-03');
      given(proposalDecider, [tabled]).when(today).then([recorded(today, 7, 'endorse', WBC)]);
      const clockAhead = decision('hwb-clock-ahead', healthAndWellbeingBoard, 'approved', '2024-06-03T09:34:59+01:00');
      given(proposalDecider, [tabled]).when(clockAhead).then([recorded(clockAhead, 7, 'endorse', WBC)]);
    });

    it('may set a call-in deadline in the future: it is a deadline, not a record', () => {
      const withDeadline = decision('hwb-today', healthAndWellbeingBoard, 'approved', '2024-06-03', { callInUntil: on('2024-06-11') });
      given(proposalDecider, [tabled]).when(withDeadline).then([recorded(withDeadline, 7, 'endorse', WBC)]);
    });

    it('cannot be recorded for an unknown proposal', () => {
      given(proposalDecider).when(hwbEndorses).thenThrows(NotFoundError, `There is no proposal ${PROPOSAL}.`);
    });
  });

  describe('amendment', () => {
    it('makes a new version, saying what changed', () => {
      given(proposalDecider, [tabled]).when(amendment).then([amended]);
    });

    it('keeps decisions on earlier versions on record, but they no longer count', () => {
      const state = stateAfter([tabled, ccgApproved, wbcTeamApproved, amended]);
      expect(state.versions.map((version) => version.version)).toEqual([1, 2]);
      expect(state.ratifications.map((ratification) => [ratification.ratificationId, ratification.version])).toEqual([
        [ccgApproves.ratificationId, 1],
        [wbcTeamApproves.ratificationId, 1],
      ]);
      expect(stepDecisions(state).every(({ decision }) => decision === null)).toBe(true);
      given(proposalDecider, [tabled, ccgApproved, amended])
        .when({ ...ccgApproves, ratificationId: 'ccg-cmt-v2', version: 2, authority: authorised(ccgManagementTeam.id, CCG, ccgApproves.decidedOn, [...SCOPES, 'mental-health'], null) })
        .thenThrows(InvalidCommandError, /cannot be before version 2 was made \(2017-10-02\)/);
    });

    it('reopens a rejected proposal as the new version', () => {
      const bhftRejects = decision('bhft-exec-2017-09-18', bhftExecutive, 'rejected', '2017-09-18');
      const rejected: ProposalEvent = { type: 'ProposalRejected', data: { proposalId: PROPOSAL, version: 1, rejectedOn: on('2017-09-18'), ratificationIds: [bhftRejects.ratificationId] } };
      given(proposalDecider, [tabled, recorded(bhftRejects, 2, 'approve', BHFT), rejected])
        .when(amendment)
        .then([
          amended,
          { type: 'ProposalReopened', data: { proposalId: PROPOSAL, version: 2, reopenedOn: on('2017-10-02'), previously: 'rejected', cause: 'amendment', ratificationId: null } },
        ]);
    });

    it('reopens a ratified proposal: every partner must approve the new version', () => {
      const later = { ...amendment, amendedOn: on('2018-04-03') };
      given(proposalDecider, fullyRatified)
        .when(later)
        .then([
          { ...amended, data: { ...amended.data, amendedOn: on('2018-04-03') } } as ProposalEvent,
          { type: 'ProposalReopened', data: { proposalId: PROPOSAL, version: 2, reopenedOn: on('2018-04-03'), previously: 'ratified', cause: 'amendment', ratificationId: null } },
        ]);
    });

    it('checks a new route as tabling does', () => {
      given(proposalDecider, [tabled])
        .when({ ...amendment, route: [{ organisationId: WBC, bodyId: null, requirement: 'endorse' }], organisations: routeOrganisations, decisionMakers: routeDecisionMakers })
        .thenThrows(InvalidCommandError, /An endorse step names the forum/);
    });

    it('changes something', () => {
      given(proposalDecider, [tabled]).when({ ...amendment, scopes: SCOPES, title: tableWokingham.title }).thenThrows(InvalidCommandError, /changes nothing/);
    });

    it('cannot be dated in the future: the new version would be made on a day not yet come', () => {
      given(proposalDecider, [tabled]).when({ ...amendment, amendedOn: on('2031-10-02') }).thenThrows(InvalidCommandError, /^amendedOn cannot be in the future: 2031-10-02/);
    });

    it('comes after the version it amends', () => {
      given(proposalDecider, [tabled]).when({ ...amendment, amendedOn: on('2017-05-01') }).thenThrows(InvalidCommandError, /cannot be before version 1 was made/);
    });
  });

  describe('withdrawal', () => {
    const withdraw = { type: 'WithdrawProposal' as const, proposalId: PROPOSAL, withdrawnOn: on('2017-10-02'), now: NOW, reason: 'Superseded by the Berkshire West ACS programme.' };
    const withdrawn: ProposalEvent = { type: 'ProposalWithdrawn', data: { proposalId: PROPOSAL, version: 1, withdrawnOn: on('2017-10-02'), reason: withdraw.reason } };

    it('withdraws the proposal with a reason', () => {
      given(proposalDecider, [tabled, ccgApproved]).when(withdraw).then([withdrawn]);
    });

    it('is final: no amendment, no decision, no second withdrawal', () => {
      given(proposalDecider, [tabled, withdrawn]).when(amendment).thenThrows(InvalidTransitionError, /withdrawn on 2017-10-02 and cannot be amended/);
      given(proposalDecider, [tabled, withdrawn]).when(hwbEndorses).thenThrows(InvalidTransitionError, /cannot be decided/);
      given(proposalDecider, [tabled, withdrawn]).when(withdraw).thenThrows(InvalidTransitionError, /cannot be withdrawn again/);
    });

    it('still lets a wrong record be rescinded; the proposal stays withdrawn', () => {
      given(proposalDecider, [tabled, ccgApproved, withdrawn])
        .when({ type: 'RescindRatification', proposalId: PROPOSAL, ratificationId: ccgApproves.ratificationId, rescindedOn: on('2017-11-01'), now: NOW, reason: 'Recorded against the wrong proposal.' })
        .then([
          {
            type: 'RatificationRescinded',
            data: { proposalId: PROPOSAL, ratificationId: ccgApproves.ratificationId, rescindedOn: on('2017-11-01'), reason: 'Recorded against the wrong proposal.' },
          },
        ]);
    });

    it('cannot be dated in the future: it ends the decision process when recorded', () => {
      given(proposalDecider, [tabled]).when({ ...withdraw, withdrawnOn: on('2031-10-02') }).thenThrows(InvalidCommandError, /^withdrawnOn cannot be in the future: 2031-10-02/);
    });

    it('does not undo a ratified proposal: its decisions stand until rescinded', () => {
      given(proposalDecider, fullyRatified).when({ ...withdraw, withdrawnOn: on('2018-04-03') }).thenThrows(InvalidTransitionError, /is ratified/);
    });
  });

  describe('rescission', () => {
    const rescind = {
      type: 'RescindRatification' as const,
      proposalId: PROPOSAL,
      ratificationId: bw10Endorses.ratificationId,
      rescindedOn: on('2018-03-20'),
      now: NOW,
      reason: 'Minuted in error: the board deferred the item.',
    };
    const rescinded: ProposalEvent = {
      type: 'RatificationRescinded',
      data: { proposalId: PROPOSAL, ratificationId: bw10Endorses.ratificationId, rescindedOn: on('2018-03-20'), reason: rescind.reason },
    };

    it('keeps the record, which no longer counts, and reopens a proposal it had ratified', () => {
      given(proposalDecider, fullyRatified)
        .when(rescind)
        .then([
          rescinded,
          { type: 'ProposalReopened', data: { proposalId: PROPOSAL, version: 1, reopenedOn: on('2018-03-20'), previously: 'ratified', cause: 'rescission', ratificationId: bw10Endorses.ratificationId } },
        ]);
      const state = stateAfter([...fullyRatified, rescinded]);
      expect(findRatification(state, bw10Endorses.ratificationId)?.rescission).toEqual({ rescindedOn: on('2018-03-20'), reason: rescind.reason });
      expect(stepDecisions(state)[8].decision).toBeNull();
    });

    it('lets the step be decided again once its decision is rescinded', () => {
      const again = decision('bw10-2018-04-12', bw10IntegrationBoard, 'approved', '2018-04-12');
      given(proposalDecider, [...fullyRatified, rescinded, { type: 'ProposalReopened', data: { proposalId: PROPOSAL, version: 1, reopenedOn: on('2018-03-20'), previously: 'ratified', cause: 'rescission', ratificationId: bw10Endorses.ratificationId } }])
        .when(again)
        .then([
          recorded(again, 8, 'endorse', null),
          { type: 'ProposalRatified', data: { proposalId: PROPOSAL, version: 1, ratifiedOn: on('2018-04-12'), ratificationIds: [...allRatificationIds.slice(0, 8), again.ratificationId] } },
        ]);
    });

    it('reopens a proposal whose rejection it takes away', () => {
      const hwbRejects = decision('hwb-2018-02-08', healthAndWellbeingBoard, 'rejected', '2018-02-08');
      given(proposalDecider, [
        tabled,
        recorded(hwbRejects, 7, 'endorse', WBC),
        { type: 'ProposalRejected', data: { proposalId: PROPOSAL, version: 1, rejectedOn: on('2018-02-08'), ratificationIds: [hwbRejects.ratificationId] } },
      ])
        .when({ ...rescind, ratificationId: hwbRejects.ratificationId })
        .then([
          { type: 'RatificationRescinded', data: { proposalId: PROPOSAL, ratificationId: hwbRejects.ratificationId, rescindedOn: on('2018-03-20'), reason: rescind.reason } },
          { type: 'ProposalReopened', data: { proposalId: PROPOSAL, version: 1, reopenedOn: on('2018-03-20'), previously: 'rejected', cause: 'rescission', ratificationId: hwbRejects.ratificationId } },
        ]);
    });

    it('happens once', () => {
      given(proposalDecider, [...fullyRatified, rescinded]).when(rescind).thenThrows(InvalidTransitionError, /already rescinded on 2018-03-20/);
    });

    it('of an unknown ratification is refused', () => {
      given(proposalDecider, [tabled]).when(rescind).thenThrows(NotFoundError, `There is no ratification ${bw10Endorses.ratificationId}.`);
    });

    it('cannot be dated in the future', () => {
      given(proposalDecider, fullyRatified).when({ ...rescind, rescindedOn: on('2031-03-20') }).thenThrows(InvalidCommandError, /^rescindedOn cannot be in the future: 2031-03-20/);
      given(proposalDecider, fullyRatified).when({ ...rescind, rescindedOn: on('2024-06-03') }).then([
        { ...rescinded, data: { ...rescinded.data, rescindedOn: on('2024-06-03') } } as ProposalEvent,
        { type: 'ProposalReopened', data: { proposalId: PROPOSAL, version: 1, reopenedOn: on('2024-06-03'), previously: 'ratified', cause: 'rescission', ratificationId: bw10Endorses.ratificationId } },
      ]);
    });

    it('cannot predate the decision', () => {
      given(proposalDecider, fullyRatified).when({ ...rescind, rescindedOn: on('2018-03-01') }).thenThrows(InvalidCommandError, /before the decision/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Wirral Cabinet, 27 November 2017 (seed 002): an executive decision subject to call-in, with an
// exempt appendix (Schedule 12A paragraph 3).
// ---------------------------------------------------------------------------------------------

describe('a call-in (Wirral Cabinet, 27 November 2017)', () => {
  const WIRRAL = 'wirral-council';
  const WIRRAL_PROPOSAL = 'wirral-integrated-commissioning';
  const WIRRAL_SCOPES = ['adult-social-care', 'public-health', 'childrens-services'];
  const VALUE = 7_390_000_000; // the Council's £73.9m contribution to the 2017/18 pool
  const cabinet = body('wirral-cabinet', 'governing-body', WIRRAL);
  const scrutiny = body('wirral-adult-care-and-health-overview-and-scrutiny-committee', 'scrutiny-committee', WIRRAL);
  const route: RouteStep[] = [{ organisationId: WIRRAL, bodyId: cabinet.id, requirement: 'approve' }];

  const tableWirral: TableProposal = {
    type: 'TableProposal',
    proposalId: WIRRAL_PROPOSAL,
    title: 'Integrated Commissioning for Wirral',
    summary: 'A single integrated commissioner for health and care, and a Cabinet Committee sitting with the CCG Governing Body as a committee in common.',
    scopes: WIRRAL_SCOPES,
    valuePence: VALUE,
    keyDecision: true,
    exempt: {
      paragraph: 3,
      reason: 'Appendix 2, the due diligence report, is information relating to the financial or business affairs of any particular person (including the authority holding the information).',
    },
    proposedById: 'wirral-cabinet-member-adult-social-care',
    route,
    tabledOn: on('2017-11-17'),
    now: NOW,
    organisations: [{ organisationId: WIRRAL, registered: true }],
    decisionMakers: [cabinet],
  };
  const wirralTabled: ProposalEvent = {
    type: 'ProposalTabled',
    data: {
      proposalId: WIRRAL_PROPOSAL,
      version: 1,
      title: tableWirral.title,
      summary: tableWirral.summary,
      scopes: WIRRAL_SCOPES,
      valuePence: VALUE,
      keyDecision: true,
      exempt: tableWirral.exempt,
      proposedById: tableWirral.proposedById,
      route,
      tabledOn: on('2017-11-17'),
    },
  };

  const cabinetDecides: RecordRatification = {
    type: 'RecordRatification',
    proposalId: WIRRAL_PROPOSAL,
    ratificationId: 'wirral-cabinet-2017-11-27-integrated-commissioning',
    organisationId: WIRRAL,
    deciderId: cabinet.id,
    version: 1,
    outcome: 'approved',
    decidedOn: on('2017-11-27'),
    reasons: 'The integration of health and care commissioning will ensure that the Council and NHS partners use resources in a more effective and sustainable manner.',
    alternativesConsidered: 'Continue to commission separately: excluded, as it would not provide integrated strategic planning and delivery to a single shared set of outcomes.',
    meeting: { minuteRef: 'Cabinet 27 November 2017, minute 69', url: null },
    conditions: null,
    conflictsOfInterest: [{ member: 'Councillor A. Member', interest: 'Employed by a Wirral CCG practice', dispensation: null }],
    decidedByPerson: null,
    callInUntil: on('2017-12-05'),
    now: NOW,
    decisionMaker: cabinet,
    authority: governing(cabinet.id, WIRRAL, on('2017-11-27'), WIRRAL_SCOPES, VALUE, 37),
  };
  const cabinetDecided: RatificationRecorded = {
    type: 'RatificationRecorded',
    data: {
      proposalId: WIRRAL_PROPOSAL,
      ratificationId: cabinetDecides.ratificationId,
      version: 1,
      stepIndex: 0,
      requirement: 'approve',
      organisationId: WIRRAL,
      deciderId: cabinet.id,
      deciderKind: 'body',
      outcome: 'approved',
      decidedOn: on('2017-11-27'),
      reasons: cabinetDecides.reasons,
      alternativesConsidered: cabinetDecides.alternativesConsidered,
      meeting: { minuteRef: 'Cabinet 27 November 2017, minute 69', url: null },
      conditions: null,
      conflictsOfInterest: [{ member: 'Councillor A. Member', interest: 'Employed by a Wirral CCG practice', dispensation: null }],
      decidedByPerson: null,
      callInUntil: on('2017-12-05'),
      authority: { holderId: cabinet.id, organisationId: WIRRAL, scopes: WIRRAL_SCOPES, amountPence: VALUE, at: on('2017-11-27'), chains: [[]], readAt: readAt(WIRRAL, 37) },
    },
  };
  const wirralRatified: ProposalEvent = {
    type: 'ProposalRatified',
    data: { proposalId: WIRRAL_PROPOSAL, version: 1, ratifiedOn: on('2017-11-27'), ratificationIds: [cabinetDecides.ratificationId] },
  };
  const decided = [wirralTabled, cabinetDecided, wirralRatified];

  const lodge: LodgeCallIn = {
    type: 'LodgeCallIn',
    proposalId: WIRRAL_PROPOSAL,
    callInId: 'wirral-call-in-2017-12-01',
    ratificationId: cabinetDecides.ratificationId,
    scrutinyBodyId: scrutiny.id,
    lodgedOn: on('2017-12-01'),
    now: NOW,
    reason: 'The financial risk of the pooled fund was not set out in the public report.',
    scrutinyBody: { bodyId: scrutiny.id, registered: true, kind: 'scrutiny-committee', organisationId: WIRRAL },
  };
  const lodged: ProposalEvent = {
    type: 'CallInLodged',
    data: {
      proposalId: WIRRAL_PROPOSAL,
      callInId: lodge.callInId,
      ratificationId: cabinetDecides.ratificationId,
      scrutinyBodyId: scrutiny.id,
      lodgedOn: on('2017-12-01'),
      reason: lodge.reason,
    },
  };
  const resolve = { type: 'ResolveCallIn' as const, proposalId: WIRRAL_PROPOSAL, callInId: lodge.callInId, resolvedOn: on('2017-12-12'), now: NOW };

  it('tables a key decision with its exempt appendix under Schedule 12A paragraph 3', () => {
    given(proposalDecider).when(tableWirral).then([wirralTabled]);
  });

  it('records the Cabinet’s decision as the statutory record, with its call-in deadline, and ratifies the proposal', () => {
    given(proposalDecider, [wirralTabled]).when(cabinetDecides).then([cabinetDecided, wirralRatified]);
  });

  it('leaves the decision pending call-in, and not implementable, until its deadline passes', () => {
    const ratification = findRatification(stateAfter(decided), cabinetDecides.ratificationId)!;
    expect(isPendingCallIn(ratification, on('2017-12-04'))).toBe(true);
    expect(isPendingCallIn(ratification, on('2017-12-05'))).toBe(false);
    expect(implementableFrom(ratification)).toBe(on('2017-12-05'));
    expect(proposalImplementableFrom(stateAfter(decided))).toBe(on('2017-12-05'));
  });

  it('is lodged by a scrutiny committee before the deadline', () => {
    given(proposalDecider, decided).when(lodge).then([lodged]);
  });

  it('holds the decision while unresolved, whatever the date', () => {
    const ratification = findRatification(stateAfter([...decided, lodged]), cabinetDecides.ratificationId)!;
    expect(isPendingCallIn(ratification, on('2018-01-01'))).toBe(true);
    expect(implementableFrom(ratification)).toBeNull();
  });

  it('cannot be lodged with a date in the future', () => {
    const farDeadline = [wirralTabled, { ...cabinetDecided, data: { ...cabinetDecided.data, callInUntil: on('2032-01-01') } }, wirralRatified];
    given(proposalDecider, farDeadline).when({ ...lodge, lodgedOn: on('2031-12-01') }).thenThrows(InvalidCommandError, /^lodgedOn cannot be in the future: 2031-12-01/);
    given(proposalDecider, farDeadline).when({ ...lodge, lodgedOn: on('2024-06-03') }).then([{ ...lodged, data: { ...lodged.data, lodgedOn: on('2024-06-03') } } as ProposalEvent]);
  });

  it('is too late at or after the deadline', () => {
    given(proposalDecider, decided).when({ ...lodge, lodgedOn: on('2017-12-05') }).thenThrows(InvalidTransitionError, /call-in period .* ended/);
  });

  it('applies only to a decision that has a call-in deadline', () => {
    given(proposalDecider, [wirralTabled, { ...cabinetDecided, data: { ...cabinetDecided.data, callInUntil: null } }, wirralRatified])
      .when(lodge)
      .thenThrows(InvalidTransitionError, /not subject to call-in/);
  });

  it('is lodged only by a scrutiny committee', () => {
    given(proposalDecider, decided)
      .when({ ...lodge, scrutinyBodyId: cabinet.id, scrutinyBody: { bodyId: cabinet.id, registered: true, kind: 'governing-body', organisationId: WIRRAL } })
      .thenThrows(InvalidCommandError, /only a scrutiny committee calls in a decision/);
    given(proposalDecider, decided)
      .when({ ...lodge, scrutinyBodyId: 'ghost', scrutinyBody: { bodyId: 'ghost', registered: false } })
      .thenThrows(InvalidCommandError, 'There is no body ghost.');
  });

  it('is lodged only by the scrutiny committee of the organisation that decided', () => {
    given(proposalDecider, decided)
      .when({ ...lodge, scrutinyBody: { bodyId: scrutiny.id, registered: true, kind: 'scrutiny-committee', organisationId: 'cheshire-west-and-chester-council' } })
      .thenThrows(InvalidCommandError, /scrutinises cheshire-west-and-chester-council/);
  });

  it('calls a decision in once', () => {
    given(proposalDecider, [...decided, lodged])
      .when({ ...lodge, callInId: 'second-call-in', lodgedOn: on('2017-12-04') })
      .thenThrows(InvalidTransitionError, /already called in/);
    given(proposalDecider, [...decided, lodged]).when(lodge).thenThrows(AlreadyExistsError, `A call-in with id ${lodge.callInId} already exists.`);
  });

  it('cannot call in a rescinded decision', () => {
    given(proposalDecider, [
      ...decided,
      { type: 'RatificationRescinded', data: { proposalId: WIRRAL_PROPOSAL, ratificationId: cabinetDecides.ratificationId, rescindedOn: on('2017-11-28'), reason: 'Wrong item.' } },
    ])
      .when(lodge)
      .thenThrows(InvalidTransitionError, /was rescinded/);
  });

  it('resolved with no further action lets the decision stand, implementable from the resolution', () => {
    const resolved: ProposalEvent = {
      type: 'CallInResolved',
      data: { proposalId: WIRRAL_PROPOSAL, callInId: lodge.callInId, ratificationId: cabinetDecides.ratificationId, resolvedOn: on('2017-12-12'), outcome: 'no-further-action' },
    };
    given(proposalDecider, [...decided, lodged]).when({ ...resolve, outcome: 'no-further-action' }).then([resolved]);
    const state = stateAfter([...decided, lodged, resolved]);
    expect(state.status).toBe('ratified');
    expect(implementableFrom(findRatification(state, cabinetDecides.ratificationId)!)).toBe(on('2017-12-12'));
    expect(isPendingCallIn(findRatification(state, cabinetDecides.ratificationId)!, on('2017-12-12'))).toBe(false);
  });

  it('referred back sets the decision aside and reopens the proposal; the Cabinet must decide again', () => {
    const referredBack: ProposalEvent = {
      type: 'CallInResolved',
      data: { proposalId: WIRRAL_PROPOSAL, callInId: lodge.callInId, ratificationId: cabinetDecides.ratificationId, resolvedOn: on('2017-12-12'), outcome: 'referred-back' },
    };
    const reopened: ProposalEvent = {
      type: 'ProposalReopened',
      data: { proposalId: WIRRAL_PROPOSAL, version: 1, reopenedOn: on('2017-12-12'), previously: 'ratified', cause: 'referral-back', ratificationId: cabinetDecides.ratificationId },
    };
    given(proposalDecider, [...decided, lodged]).when({ ...resolve, outcome: 'referred-back' }).then([referredBack, reopened]);

    const state = stateAfter([...decided, lodged, referredBack, reopened]);
    expect(findRatification(state, cabinetDecides.ratificationId)).toMatchObject({ setAside: { callInId: lodge.callInId, resolvedOn: on('2017-12-12') }, rescission: null });
    expect(implementableFrom(findRatification(state, cabinetDecides.ratificationId)!)).toBeNull();

    const decidesAgain: RecordRatification = {
      ...cabinetDecides,
      ratificationId: 'wirral-cabinet-2018-01-15-integrated-commissioning',
      decidedOn: on('2018-01-15'),
      callInUntil: on('2018-01-23'),
      authority: governing(cabinet.id, WIRRAL, on('2018-01-15'), WIRRAL_SCOPES, VALUE, 37),
    };
    given(proposalDecider, [...decided, lodged, referredBack, reopened])
      .when(decidesAgain)
      .then([
        {
          ...cabinetDecided,
          data: { ...cabinetDecided.data, ratificationId: decidesAgain.ratificationId, decidedOn: on('2018-01-15'), callInUntil: on('2018-01-23'), authority: (decidesAgain.authority as KnownAuthority).expectedBasis },
        },
        { type: 'ProposalRatified', data: { proposalId: WIRRAL_PROPOSAL, version: 1, ratifiedOn: on('2018-01-15'), ratificationIds: [decidesAgain.ratificationId] } },
      ]);
  });

  it('is resolved once', () => {
    given(proposalDecider, [
      ...decided,
      lodged,
      { type: 'CallInResolved', data: { proposalId: WIRRAL_PROPOSAL, callInId: lodge.callInId, ratificationId: cabinetDecides.ratificationId, resolvedOn: on('2017-12-12'), outcome: 'no-further-action' } },
    ])
      .when({ ...resolve, outcome: 'referred-back' })
      .thenThrows(InvalidTransitionError, /already resolved on 2017-12-12 \(no-further-action\)/);
  });

  it('cannot be resolved with a date in the future', () => {
    given(proposalDecider, [...decided, lodged]).when({ ...resolve, outcome: 'referred-back', resolvedOn: on('2031-12-12') }).thenThrows(InvalidCommandError, /^resolvedOn cannot be in the future: 2031-12-12/);
  });

  it('of an unknown id cannot be resolved', () => {
    given(proposalDecider, decided).when({ ...resolve, outcome: 'no-further-action' }).thenThrows(NotFoundError, `There is no call-in ${lodge.callInId}.`);
  });
});
