import type { ProposalView, RatificationView, RouteStepView } from '@ledger/read-models';

/** A decision as the read model answers it, with the fields a test names. */
export function aDecision(overrides: Partial<RatificationView> = {}): RatificationView {
  return {
    id: 'wbc-corporate-team-2017-05-09',
    proposalId: 'wokingham-s75',
    proposalTitle: 'Enhanced Section 75 Partnership',
    exemptParagraph: null,
    version: 1,
    stepIndex: 0,
    requirement: 'approve',
    organisationId: 'wokingham-borough-council',
    deciderId: 'wokingham-corporate-team',
    deciderKind: 'body',
    outcome: 'approved',
    decidedOn: '2017-05-09T00:00:00+01:00',
    reasons: 'Approved the approach.',
    alternativesConsidered: null,
    meeting: null,
    conditions: null,
    conflictsOfInterest: [],
    decidedByPerson: null,
    callInUntil: null,
    counts: true,
    rescinded: false,
    rescission: null,
    setAside: null,
    callIns: [],
    status: 'stands',
    pendingCallIn: false,
    implementableFrom: '2017-05-09T00:00:00+01:00',
    authority: null,
    authorityNow: null,
    position: '883:38',
    proof: '/v1/ledger/proofs/inclusion?position=883:38',
    recordedAt: '2026-12-05T17:14:10.471+00:00',
    ...overrides,
  };
}

export function aStep(stepIndex: number, overrides: Partial<RouteStepView> = {}): RouteStepView {
  return { stepIndex, organisationId: null, bodyId: null, requirement: 'approve', scopes: null, valuePence: null, decision: null, ...overrides };
}

/** A proposal of two approve steps, the first decided. */
export function aProposal(overrides: Partial<ProposalView> = {}): ProposalView {
  const decided = aDecision();
  return {
    id: 'wokingham-s75',
    version: 1,
    status: 'open',
    title: 'Enhanced Section 75 Partnership',
    summary: 'Enhance the partnership.',
    scopes: ['adult-social-care', 'bcf'],
    valuePence: null,
    keyDecision: false,
    exempt: null,
    proposedById: 'wokingham-wisp',
    tabledOn: '2017-05-02T00:00:00+01:00',
    withdrawal: null,
    implementableFrom: null,
    route: [
      aStep(0, { organisationId: 'wokingham-borough-council', bodyId: 'wokingham-corporate-team', scopes: ['adult-social-care'], valuePence: 50_000_000, decision: decided }),
      aStep(1, { organisationId: null, bodyId: 'wokingham-hwb', requirement: 'endorse' }),
    ],
    versions: [{ version: 1, madeOn: '2017-05-02T00:00:00+01:00', amendmentReason: null, title: 'Enhanced Section 75 Partnership', summary: null, scopes: ['adult-social-care', 'bcf'], valuePence: null, route: [] }],
    ratifications: [decided],
    position: '903:44',
    ...overrides,
  };
}

export const NAMES = {
  'wokingham-borough-council': 'Wokingham Borough Council',
  'wokingham-corporate-team': 'Wokingham Borough Council Corporate Team',
  'wokingham-executive': 'Wokingham Borough Council Executive',
  'wokingham-hwb': 'Wokingham Health and Wellbeing Board',
  'wokingham-wisp': 'Wokingham Integrated Strategic Partnership (WISP)',
};
