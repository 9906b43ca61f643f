import { summarise, writtenDate } from './event-summary.js';

describe('the audit trail’s lines of English', () => {
  it('write dates as a clerk does, in London time', () => {
    expect(writtenDate('2017-05-15T23:00:00.000Z')).toBe('16 May 2017');
    expect(writtenDate('2017-11-27T00:00:00.000Z')).toBe('27 November 2017');
  });

  it.each([
    [
      'RatificationRecorded',
      { deciderId: 'wirral-cabinet', outcome: 'approved-with-conditions', version: 2, proposalId: 'wirral-jscb', decidedOn: '2017-11-27T00:00:00.000Z' },
      'wirral-cabinet approved with conditions version 2 of wirral-jscb on 27 November 2017',
    ],
    [
      'DelegationGranted',
      { fromId: 'wiltshire-cabinet', toId: 'wiltshire-alliance-joint-committee', scopes: ['bcf'], limitPence: 2_500_000_000, effectiveFrom: '2022-06-30T23:00:00.000Z', delegationId: 'cabinet-to-alliance-bcf' },
      'wiltshire-cabinet delegated bcf to wiltshire-alliance-joint-committee up to £25,000,000.00 from 1 July 2022 (cabinet-to-alliance-bcf)',
    ],
    [
      'OrganisationDissolved',
      { organisationId: 'bsw-ccg', dissolvedOn: '2022-06-30T23:00:00.000Z', successorId: 'bsw-icb', transferDelegations: true },
      'bsw-ccg dissolved on 1 July 2022, succeeded by bsw-icb (delegations transfer)',
    ],
    ['SomethingNew', {}, 'SomethingNew in proposal-x'],
  ])('describe %s', (type, data, line) => {
    expect(summarise({ type, data, streamId: 'proposal-x' })).toBe(line);
  });

  it('stay one line when a name holds line breaks of its own', () => {
    const line = summarise({ type: 'OrganisationRegistered', data: { name: 'Wirral\r\nCouncil\u2028(forged line)\n', organisationId: 'wirral-council', kind: 'local-authority', establishedOn: '1974-04-01' }, streamId: 'organisation-wirral-council' });
    expect(line).toBe('Wirral Council (forged line)  (wirral-council) registered as local-authority, established 1 April 1974');
    expect(line).not.toMatch(/[\r\n\u2028]/);
  });
});
