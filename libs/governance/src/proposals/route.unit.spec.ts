import type { OrganisationFact } from '../shared/organisation-fact.js';
import { InvalidCommandError } from '../shared/domain-error.js';
import type { RegisteredDecisionMaker, RouteFacts, RouteStep } from './route.js';
import { matchRouteStep, validateRoute } from './route.js';

const CCG = 'wokingham-ccg';
const BHFT = 'berkshire-healthcare-ft';
const WBC = 'wokingham-borough-council';
const GP_ALLIANCE = 'wokingham-gp-alliance';
const BSW_ICB = 'bsw-icb';
const WILTSHIRE = 'wiltshire-council';

const organisation = (organisationId: string, dissolvedOn?: string): OrganisationFact => ({ organisationId, registered: true, dissolvedOn });
const body = (id: string, bodyKind: Extract<RegisteredDecisionMaker, { kind: 'body' }>['bodyKind'], organisationId: string | null): RegisteredDecisionMaker => ({
  id,
  registered: true,
  kind: 'body',
  bodyKind,
  organisationId,
});

const ccgManagementTeam = body('wokingham-ccg-management-team', 'officer-group', CCG);
const wbcCorporateTeam = body('wbc-corporate-leadership-team', 'officer-group', WBC);
const wbcLeadMember: RegisteredDecisionMaker = { id: 'wbc-lead-member-adult-services', registered: true, kind: 'post', organisationId: WBC };
const wisp = body('wisp', 'partnership-board', null);
const healthAndWellbeingBoard = body('wokingham-health-and-wellbeing-board', 'advisory-board', WBC);
const gpAllianceBoard = body('wokingham-gp-alliance-board', 'governing-body', GP_ALLIANCE);
const allianceJointCommittee = body('wiltshire-alliance-joint-committee', 'joint-committee', WILTSHIRE);
const wbcCabinet = body('wbc-executive', 'governing-body', WBC);

const facts: RouteFacts = {
  organisations: [organisation(CCG, '2022-06-30T23:00:00.000Z'), organisation(BHFT), organisation(WBC), organisation(GP_ALLIANCE), organisation(BSW_ICB), organisation(WILTSHIRE)],
  decisionMakers: [ccgManagementTeam, wbcCorporateTeam, wbcLeadMember, wisp, healthAndWellbeingBoard, gpAllianceBoard, allianceJointCommittee, wbcCabinet, { id: 'no-such-board', registered: false }],
};
const on = '2017-05-02T00:00:00.000Z';
const step = (requirement: RouteStep['requirement'], organisationId: string | null, bodyId: string | null): RouteStep => ({ requirement, organisationId, bodyId });

function refusal(route: RouteStep[], routeFacts: RouteFacts = facts, at = on): InvalidCommandError {
  try {
    validateRoute(route, routeFacts, at);
  } catch (error) {
    if (error instanceof InvalidCommandError) return error;
    throw error;
  }
  throw new Error('The route was accepted.');
}

describe('a route', () => {
  it('accepts the steps of Wokingham’s approval table: approvals by named teams, a lead member and any GP Alliance decider, endorsements and a note', () => {
    expect(() =>
      validateRoute(
        [
          step('approve', CCG, ccgManagementTeam.id),
          step('approve', WBC, wbcCorporateTeam.id),
          step('approve', GP_ALLIANCE, null),
          step('approve', WBC, wbcLeadMember.id),
          step('note', null, wisp.id),
          step('endorse', null, healthAndWellbeingBoard.id),
        ],
        facts,
        on,
      ),
    ).not.toThrow();
  });

  it('has at least one step', () => {
    expect(refusal([])).toMatchObject({ field: 'route', message: 'A route needs at least one step.' });
  });

  it('names the organisation whose binding decision an approve step asks for', () => {
    expect(refusal([step('approve', null, wbcCorporateTeam.id)])).toMatchObject({ field: 'route[0].organisationId' });
  });

  it('names the forum whose support an endorse step asks for', () => {
    expect(refusal([step('endorse', WBC, null)])).toMatchObject({ field: 'route[0].bodyId' });
  });

  it('names the forum or the organisation that takes a note step for information', () => {
    expect(refusal([step('note', null, null)])).toMatchObject({ field: 'route[0]' });
    expect(() => validateRoute([step('note', WBC, null)], facts, on)).not.toThrow();
  });

  it('refuses an organisation the ledger does not know, as bad input naming the field', () => {
    const error = refusal([step('approve', WBC, null), step('approve', 'reading-borough-council', null)], {
      ...facts,
      organisations: [...facts.organisations, { organisationId: 'reading-borough-council', registered: false }],
    });
    expect(error).toMatchObject({ code: 'validation_failed', field: 'route[1].organisationId', message: 'There is no organisation reading-borough-council.' });
  });

  it('refuses a body or post the ledger does not know', () => {
    expect(refusal([step('endorse', null, 'no-such-board')])).toMatchObject({ field: 'route[0].bodyId', message: 'There is no body or post no-such-board.' });
  });

  it('refuses an organisation dissolved by the day (every CCG went on 1 July 2022)', () => {
    expect(refusal([step('approve', CCG, null)], facts, '2022-09-01T00:00:00.000Z')).toMatchObject({ field: 'route[0].organisationId', message: /dissolved on 2022-07-01/ });
  });

  it('lets only an approve step name a post: endorsing and noting are for forums', () => {
    expect(refusal([step('note', WBC, wbcLeadMember.id)])).toMatchObject({ field: 'route[0].bodyId', message: /is a post/ });
  });

  it('makes an organisation that appears in several steps name the decider on each', () => {
    expect(refusal([step('approve', WBC, wbcCorporateTeam.id), step('approve', WBC, null)])).toMatchObject({ field: 'route[1].bodyId', message: /appears in several steps/ });
  });

  it('makes a decider that appears in several steps name the organisation on each', () => {
    expect(refusal([step('approve', BSW_ICB, allianceJointCommittee.id), step('endorse', null, allianceJointCommittee.id)])).toMatchObject({
      field: 'route[1].organisationId',
    });
    expect(() => validateRoute([step('approve', BSW_ICB, allianceJointCommittee.id), step('approve', WILTSHIRE, allianceJointCommittee.id)], facts, on)).not.toThrow();
  });

  it('never repeats a step, nor gives one decider two steps for the same organisation', () => {
    expect(refusal([step('endorse', null, wisp.id), step('endorse', null, wisp.id)])).toMatchObject({ field: 'route[1]', message: /repeats/ });
    expect(refusal([step('approve', WBC, wbcCorporateTeam.id), step('note', WBC, wbcCorporateTeam.id)])).toMatchObject({ field: 'route[1]' });
  });

  it('needs the handler to load every organisation and decider it names (a missing fact is a bug, not bad input)', () => {
    expect(() => validateRoute([step('approve', 'unloaded-council', null)], facts, on)).toThrow(/handler must load it/);
  });
});

describe('matching a decision to its step', () => {
  const route = [
    step('approve', WBC, null),
    step('endorse', null, healthAndWellbeingBoard.id),
    step('note', null, wisp.id),
    step('approve', BSW_ICB, allianceJointCommittee.id),
    step('approve', WILTSHIRE, allianceJointCommittee.id),
  ];

  it('gives a step that names the decider precedence, so a Health and Wellbeing Board’s support is never its council’s approval', () => {
    expect(matchRouteStep(route, { organisationId: null, decisionMaker: healthAndWellbeingBoard })).toEqual({ onRoute: true, stepIndex: 1, step: route[1], organisationId: WBC });
    expect(matchRouteStep(route, { organisationId: WBC, decisionMaker: healthAndWellbeingBoard })).toMatchObject({ onRoute: true, stepIndex: 1 });
  });

  it('lets any decider of the organisation take a step that names no decider', () => {
    expect(matchRouteStep(route, { organisationId: null, decisionMaker: wbcLeadMember })).toEqual({ onRoute: true, stepIndex: 0, step: route[0], organisationId: WBC });
    expect(matchRouteStep(route, { organisationId: null, decisionMaker: wbcCabinet })).toMatchObject({ onRoute: true, stepIndex: 0 });
  });

  it('records a partnership board’s decision for no one organisation', () => {
    expect(matchRouteStep(route, { organisationId: null, decisionMaker: wisp })).toMatchObject({ onRoute: true, stepIndex: 2, organisationId: null });
  });

  it('tells a joint committee’s steps apart by the organisation the decision is for', () => {
    expect(matchRouteStep(route, { organisationId: BSW_ICB, decisionMaker: allianceJointCommittee })).toMatchObject({ onRoute: true, stepIndex: 3, organisationId: BSW_ICB });
    expect(matchRouteStep(route, { organisationId: WILTSHIRE, decisionMaker: allianceJointCommittee })).toMatchObject({ onRoute: true, stepIndex: 4 });
  });

  it('falls back on the decider’s own organisation when the decision names none', () => {
    expect(matchRouteStep(route, { organisationId: null, decisionMaker: allianceJointCommittee })).toMatchObject({ onRoute: true, stepIndex: 4, organisationId: WILTSHIRE });
  });

  it('asks which organisation when the decider takes several steps and its own organisation does not say', () => {
    const hosted = body(allianceJointCommittee.id, 'joint-committee', null);
    expect(matchRouteStep(route, { organisationId: null, decisionMaker: hosted })).toMatchObject({ onRoute: false, reason: /name the organisation/ });
  });

  it('finds no step for a decider and organisation the route does not name', () => {
    expect(matchRouteStep(route, { organisationId: null, decisionMaker: gpAllianceBoard })).toMatchObject({ onRoute: false, reason: /not on the route/ });
    expect(matchRouteStep([step('endorse', null, healthAndWellbeingBoard.id)], { organisationId: null, decisionMaker: wbcCorporateTeam })).toMatchObject({ onRoute: false });
  });
});
