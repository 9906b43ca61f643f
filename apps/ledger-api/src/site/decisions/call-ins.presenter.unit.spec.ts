import { aDecision, NAMES } from '../proposals/proposal.fixtures.js';
import { presentCallIns } from './call-ins.presenter.js';

describe('the call-ins page’s presenter', () => {
  it('lists decisions open to call-in closing soonest first, and call-ins lodged newest first with their outcomes', () => {
    const later = aDecision({ id: 'later', callInUntil: '2030-06-10T16:00:00Z' });
    const sooner = aDecision({ id: 'sooner', callInUntil: '2030-06-03T16:00:00Z' });
    const calledIn = aDecision({
      id: 'called-in',
      callIns: [
        { callInId: 'a', scrutinyBodyId: 'wokingham-hwb', lodgedOn: '2030-01-02T00:00:00Z', reason: 'Risk share', resolution: { resolvedOn: '2030-01-20T00:00:00Z', outcome: 'referred-back' } },
        { callInId: 'b', scrutinyBodyId: 'wokingham-hwb', lodgedOn: '2030-02-02T00:00:00Z', reason: 'Consultation', resolution: null },
      ],
    });
    const content = presentCallIns([later, sooner], [calledIn], NAMES);
    expect(content.open.map((line) => [line.decision.href.split('/').pop(), line.closes])).toEqual([
      ['sooner', '3 June 2030 at 5:00pm'],
      ['later', '10 June 2030 at 5:00pm'],
    ]);
    expect(content.lodged.map((entry) => [entry.lodgedOn, entry.outcome])).toEqual([
      ['2 February 2030', 'Not yet resolved'],
      ['2 January 2030', 'Referred back: the decision was set aside (20 January 2030)'],
    ]);
  });
});
