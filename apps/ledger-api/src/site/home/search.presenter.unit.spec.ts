import { presentSearch } from './search.presenter.js';

describe('the search page’s presenter', () => {
  it('links each result to its page, and counts them', () => {
    const content = presentSearch('wirral', {
      organisations: [{ id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority' }],
      bodies: [{ id: 'wirral-cabinet', name: 'Cabinet', kind: 'governing-body' }],
      proposals: [{ id: 'wirral-integrated-commissioning', title: 'Integrated Commissioning for Wirral', status: 'open', tabledOn: '2017-11-17T00:00:00.000Z' }],
    });
    expect(content.summary).toBe('3 results for “wirral”');
    expect(content.proposals).toEqual([{ text: 'Integrated Commissioning for Wirral', href: '/proposals/wirral-integrated-commissioning', status: { text: 'Open', classes: 'govuk-tag--blue' }, tabledOn: '17 November 2017' }]);
    expect(content.organisations[0]).toEqual({ text: 'Wirral Council', href: '/organisations/wirral-council', kind: 'Local authority' });
  });

  it('says what to do when nothing matched, or nothing was asked', () => {
    expect(presentSearch('zz', { organisations: [], bodies: [], proposals: [] }).summary).toBe('Nothing in the ledger matches “zz”. Try fewer words, or part of a name.');
    expect(presentSearch('', { organisations: [], bodies: [], proposals: [] }).page.title).toBe('Search');
  });
});
