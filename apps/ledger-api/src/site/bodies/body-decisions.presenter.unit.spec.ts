import { aDecision, NAMES } from '../proposals/proposal.fixtures.js';
import { presentBodyDecisions } from './body-decisions.presenter.js';

describe('a body’s decisions register’s presenter', () => {
  it('keeps the filters in the next page, the CSV and the form, and leaves the empty ones out', () => {
    const content = presentBodyDecisions({ id: 'wirral-cabinet', name: 'Cabinet' }, { from: '2017-11-01', outcome: 'approved', keyDecision: true }, { items: [aDecision()], nextCursor: 'abc' }, NAMES);
    expect(content.next).toBe('/bodies/wirral-cabinet/decisions?from=2017-11-01&outcome=approved&keyDecision=true&cursor=abc');
    expect(content.csv).toBe('/bodies/wirral-cabinet/decisions.csv?from=2017-11-01&outcome=approved&keyDecision=true');
    expect(content.feed).toBe('/bodies/wirral-cabinet/decisions.atom');
    expect(content.outcomes.find((option) => option.selected)).toEqual({ value: 'approved', text: 'Approved', selected: true });
    expect(content.keyDecisions.find((option) => option.selected)?.text).toBe('Key decisions');
    expect(content.decisions[0]).toMatchObject({ decidedOn: '9 May 2017', outcome: { text: 'Approved' }, decider: { text: 'Wokingham Borough Council Corporate Team', href: '/bodies/wokingham-corporate-team' } });
  });

  it('has no next page on the last', () => {
    expect(presentBodyDecisions({ id: 'wirral-cabinet', name: 'Cabinet' }, {}, { items: [], nextCursor: null }, {}).next).toBeNull();
  });
});
