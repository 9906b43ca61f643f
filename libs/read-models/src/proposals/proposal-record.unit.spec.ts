import {
  parseInstant,
  proposalDecider,
  proposalImplementableFrom,
  proposalStatus,
  stepDecisions,
  implementableFrom,
  type Instant,
  type ProposalEvent,
  type ProposalState,
  type RatificationOutcome,
  type RatificationRecorded,
} from '@ledger/governance';
import { foldProposal, type ProposalFold, type ProposalRecord } from './proposal-record.js';
import { decisionRecordOf } from './proposals.rows.js';

function on(date: string): Instant {
  const instant = parseInstant(date);
  if (!instant) throw new Error(`Not a date: ${date}`);
  return instant;
}

const proposalId = 'wokingham-2017-18-better-care-fund';

/** Wokingham's Better Care Fund plan: the council and the CCG approve, the Health and Wellbeing Board endorses. */
const route = [
  { organisationId: 'wokingham-council', bodyId: null, requirement: 'approve' as const },
  { organisationId: 'wokingham-ccg', bodyId: null, requirement: 'approve' as const },
  { organisationId: null, bodyId: 'wokingham-health-and-wellbeing-board', requirement: 'endorse' as const },
];

const tabled: ProposalEvent = {
  type: 'ProposalTabled',
  data: {
    proposalId,
    version: 1,
    title: 'Better Care Fund plan 2017–19',
    summary: null,
    scopes: ['adult-social-care'],
    valuePence: 1_146_000_000,
    keyDecision: true,
    exempt: null,
    proposedById: 'wokingham-director-of-adult-services',
    route,
    tabledOn: on('2017-08-01'),
  },
};

function decision(ratificationId: string, version: number, stepIndex: number, decidedOn: string, outcome: RatificationOutcome = 'approved'): RatificationRecorded {
  const endorse = stepIndex === 2;
  return {
    type: 'RatificationRecorded',
    data: {
      proposalId,
      ratificationId,
      version,
      stepIndex,
      requirement: endorse ? 'endorse' : 'approve',
      organisationId: ['wokingham-council', 'wokingham-ccg', null][stepIndex],
      deciderId: `decider-of-step-${stepIndex}`,
      deciderKind: 'body',
      outcome,
      decidedOn: on(decidedOn),
      reasons: 'The plan meets the national conditions.',
      alternativesConsidered: null,
      meeting: { minuteRef: `min-${ratificationId}`, url: null },
      conditions: null,
      conflictsOfInterest: [],
      decidedByPerson: null,
      // Five clear days for call-in after an executive decision; an endorsement has none.
      callInUntil: endorse ? null : new Date(Date.parse(on(decidedOn)) + 5 * 86_400_000).toISOString(),
      authority: null,
    },
  };
}

/** Version 1 approved twice, amended, decided again, a call-in referring one decision back, a rescission, ratified, reopened, withdrawn. */
const stream: ProposalEvent[] = [
  tabled,
  decision('r1', 1, 0, '2017-08-10'),
  decision('r2', 1, 1, '2017-08-11'),
  {
    type: 'ProposalAmended',
    data: { proposalId, version: 2, amendedOn: on('2017-08-20'), reason: 'NHS England asked for a revised plan.', changed: ['valuePence'], title: 'Better Care Fund plan 2017–19', summary: null, scopes: ['adult-social-care'], valuePence: 1_200_000_000, route },
  },
  decision('r3', 2, 0, '2017-09-01'),
  decision('r4', 2, 1, '2017-09-02'),
  { type: 'CallInLodged', data: { proposalId, ratificationId: 'r3', callInId: 'c1', scrutinyBodyId: 'wokingham-overview-and-scrutiny', lodgedOn: on('2017-09-04'), reason: 'The pooled sum was not consulted on.' } },
  { type: 'CallInResolved', data: { proposalId, ratificationId: 'r3', callInId: 'c1', resolvedOn: on('2017-09-12'), outcome: 'referred-back' } },
  decision('r5', 2, 0, '2017-09-20'),
  decision('r6', 2, 2, '2017-09-21'),
  { type: 'ProposalRatified', data: { proposalId, version: 2, ratifiedOn: on('2017-09-21'), ratificationIds: ['r5', 'r4', 'r6'] } },
  { type: 'RatificationRescinded', data: { proposalId, ratificationId: 'r6', rescindedOn: on('2017-10-01'), reason: 'The board was not quorate.' } },
  { type: 'ProposalReopened', data: { proposalId, version: 2, reopenedOn: on('2017-10-01'), previously: 'ratified', cause: 'rescission', ratificationId: 'r6' } },
  { type: 'ProposalWithdrawn', data: { proposalId, version: 2, withdrawnOn: on('2017-10-15'), reason: 'Superseded by the 2017–19 Integration and Better Care Fund plan.' } },
];

/**
 * The record as the queries read it back from the rows the projection wrote: the proposal's row
 * from the fold, and each decision's row — its statement as recorded (without the authority basis,
 * its own column), its standing as folded.
 */
function asRead(fold: ProposalFold): ProposalRecord {
  const statements = new Map(stream.flatMap((event) => (event.type === 'RatificationRecorded' ? [[event.data.ratificationId, event.data] as const] : [])));
  return {
    ...fold,
    ratifications: fold.ratifications.map(({ ratificationId, rescission, setAside, callIns }) => {
      const { authority: _basis, ...statement } = statements.get(ratificationId)!;
      return decisionRecordOf(statement, { rescission, setAside, callIns });
    }),
  };
}

/** Every prefix of the stream, folded both ways; the read model's as the queries read it back. */
function foldedPrefixes(): { seen: number; record: ProposalRecord | null; state: ProposalState }[] {
  const prefixes: { seen: number; record: ProposalRecord | null; state: ProposalState }[] = [];
  let fold: ProposalFold | null = null;
  let state = proposalDecider.initialState;
  stream.forEach((event, index) => {
    fold = foldProposal(fold, event);
    state = proposalDecider.evolve(state, event);
    prefixes.push({ seen: index + 1, record: fold && asRead(fold), state });
  });
  return prefixes;
}

describe('foldProposal: the read model folds a proposal into its own record', () => {
  it('holds nothing until the proposal is tabled', () => {
    expect(foldProposal(null, decision('r0', 1, 0, '2017-08-10'))).toBeNull();
  });

  it('keeps every version, each decision with what became of it, and the status the stream recorded', () => {
    const record = stream.reduce<ProposalFold | null>(foldProposal, null)!;
    expect(record.status).toBe('withdrawn');
    expect(record.withdrawal).toEqual({ withdrawnOn: on('2017-10-15'), reason: 'Superseded by the 2017–19 Integration and Better Care Fund plan.' });
    expect(record.versions.map((version) => [version.version, version.valuePence, version.amendmentReason])).toEqual([
      [1, 1_146_000_000, null],
      [2, 1_200_000_000, 'NHS England asked for a revised plan.'],
    ]);
    const r3 = record.ratifications.find((candidate) => candidate.ratificationId === 'r3')!;
    expect(r3.setAside).toEqual({ callInId: 'c1', resolvedOn: on('2017-09-12') });
    expect(r3.callIns).toEqual([
      { callInId: 'c1', scrutinyBodyId: 'wokingham-overview-and-scrutiny', lodgedOn: on('2017-09-04'), reason: 'The pooled sum was not consulted on.', resolution: { resolvedOn: on('2017-09-12'), outcome: 'referred-back' } },
    ]);
    const r6 = record.ratifications.find((candidate) => candidate.ratificationId === 'r6')!;
    expect(r6.rescission).toEqual({ rescindedOn: on('2017-10-01'), reason: 'The board was not quorate.' });
    // Of a decision, only what the proposal's row and later changes to its standing need: its
    // statement and authority basis are written into its own row once, and never folded again.
    expect(r6).toEqual({ ratificationId: 'r6', organisationId: null, rescission: { rescindedOn: on('2017-10-01'), reason: 'The board was not quorate.' }, setAside: null, callIns: [] });
    expect(record.ratifications.map((candidate) => candidate.organisationId)).toEqual(['wokingham-council', 'wokingham-ccg', 'wokingham-council', 'wokingham-ccg', 'wokingham-council', null]);
  });

  it('leaves the record it was given as it was', () => {
    const before = stream.slice(0, 5).reduce<ProposalFold | null>(foldProposal, null)!;
    const copy = structuredClone(before);
    foldProposal(before, stream[6]);
    expect(before).toEqual(copy);
  });

  it('answers the domain’s rules as the decider’s own state does, after every event', () => {
    for (const { seen, record, state } of foldedPrefixes()) {
      if (state.status === 'untabled') {
        expect(record).toBeNull();
        continue;
      }
      const read = record!;
      const context = `after ${seen} events`;
      expect([context, read.status]).toEqual([context, state.status]);
      expect([context, proposalStatus(read)]).toEqual([context, proposalStatus(state)]);
      expect([context, stepDecisions(read).map(({ decision }) => decision?.ratificationId ?? null)]).toEqual([context, stepDecisions(state).map(({ decision }) => decision?.ratificationId ?? null)]);
      expect([context, proposalImplementableFrom(read)]).toEqual([context, proposalImplementableFrom(state)]);
      expect([context, read.ratifications.map(implementableFrom)]).toEqual([context, state.ratifications.map(implementableFrom)]);
    }
  });
});
