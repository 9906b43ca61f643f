import { aDecision, aProposal, aStep, NAMES } from './proposal.fixtures.js';
import { presentProposal, statusSentence } from './proposal.presenter.js';

describe('the proposal page’s presenter', () => {
  it('says an open proposal’s status with the steps still waiting, by name', () => {
    expect(statusSentence(aProposal(), NAMES)).toBe('Open: 1 of 2 steps decided; waiting for Wokingham Health and Wellbeing Board to endorse.');
  });

  it('says when a proposal was ratified: the date of the last step decided', () => {
    const last = aDecision({ id: 'hwb', stepIndex: 1, requirement: 'endorse', deciderId: 'wokingham-hwb', decidedOn: '2017-12-20T00:00:00+00:00' });
    const proposal = aProposal({ status: 'ratified', route: [aProposal().route[0], aStep(1, { bodyId: 'wokingham-hwb', requirement: 'endorse', decision: last })] });
    expect(statusSentence(proposal, NAMES)).toBe('Ratified on 20 December 2017 when the last of 2 steps approved.');
  });

  it('says who rejected a proposal, and why one was withdrawn', () => {
    const rejection = aDecision({ outcome: 'rejected', decidedOn: '2018-01-10T00:00:00+00:00' });
    expect(statusSentence(aProposal({ status: 'rejected', route: [aStep(0, { decision: rejection })] }), NAMES)).toBe('Rejected on 10 January 2018 by Wokingham Borough Council Corporate Team.');
    expect(statusSentence(aProposal({ status: 'withdrawn', withdrawal: { withdrawnOn: '2018-03-01T00:00:00+00:00', reason: 'Superseded by the BW10 plan.' } }), NAMES)).toBe(
      'Withdrawn on 1 March 2018: Superseded by the BW10 plan.',
    );
  });

  it('lays out the route as ordered steps, each with its tag, what it covers and its decision', () => {
    const { route } = presentProposal(aProposal(), [], NAMES);
    expect(route).toEqual([
      {
        heading: 'Wokingham Borough Council to approve',
        forum: { text: 'Wokingham Borough Council Corporate Team', href: '/bodies/wokingham-corporate-team' },
        covers: 'adult social care; up to £500,000',
        tag: { text: 'Approved', classes: 'govuk-tag--green' },
        decision: { link: { text: 'Decided on 9 May 2017', href: '/proposals/wokingham-s75/decisions/wbc-corporate-team-2017-05-09' }, by: 'Wokingham Borough Council Corporate Team' },
      },
      { heading: 'Wokingham Health and Wellbeing Board to endorse', forum: null, covers: null, tag: { text: 'Waiting', classes: 'govuk-tag--grey' }, decision: null },
    ]);
  });

  it('shows approvals of an earlier version as not counting, newest version first', () => {
    const earlier = aDecision({ id: 'v1-approval', version: 1, counts: false });
    const proposal = aProposal({
      version: 2,
      versions: [...aProposal().versions, { ...aProposal().versions[0], version: 2, madeOn: '2017-06-01T00:00:00+01:00', amendmentReason: 'Value raised' }],
      ratifications: [earlier],
      route: [aStep(0, { organisationId: 'wokingham-borough-council' })],
    });
    const { versions } = presentProposal(proposal, [], NAMES);
    expect(versions.map((version) => [version.heading, version.madeOn, version.reason, version.decisions.map((decision) => [decision.counts, decision.note])])).toEqual([
      ['Version 2 (current)', 'Amended on 1 June 2017', 'Value raised', []],
      ['Version 1', 'Tabled on 2 May 2017', null, [[false, 'On an earlier version: it does not count for the current one.']]],
    ]);
  });

  it('reads exempt detail as words, and the history in English with London times', () => {
    const content = presentProposal(
      aProposal({ summary: '[exempt: Schedule 12A paragraph 3]', exempt: { paragraph: 3, reason: '[exempt: Schedule 12A paragraph 3]' } }),
      [{ proposalId: 'wokingham-s75', position: '1:1', streamVersion: 1, type: 'ProposalTabled', recordedAt: '2017-05-02T09:30:00+01:00', actor: 'clerk:x', data: {}, summary: 'tabled on 2 May 2017', exemptParagraph: 3 }],
      NAMES,
    );
    expect(content.summary).toBe('Exempt: Schedule 12A, paragraph 3');
    expect(content.facts).toContainEqual({ key: { text: 'Exempt information' }, value: { text: 'Schedule 12A, paragraph 3: Exempt: Schedule 12A, paragraph 3' } });
    expect(content.history).toEqual([{ when: '2 May 2017 at 9:30am', text: 'tabled on 2 May 2017' }]);
  });
});
