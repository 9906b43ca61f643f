import type { DelegationView, OrganisationView } from '@ledger/read-models';
import { presentOrganisation } from './organisation.presenter.js';

const ccg = {
  id: 'bsw-ccg',
  name: 'NHS BSW CCG',
  kind: 'ccg',
  functions: ['bcf', 'primary-care'],
  establishedOn: '2020-04-01T00:00:00+01:00',
  dissolution: { dissolvedOn: '2022-07-01T00:00:00+01:00', successorId: 'bsw-icb', transferDelegations: true },
  successor: { id: 'bsw-icb', name: 'NHS BSW ICB' },
  predecessors: [],
  governingBodies: [{ bodyId: 'bsw-ccg-governing-body', name: 'BSW CCG Governing Body', from: '2020-04-01T00:00:00+01:00', until: '2022-07-01T00:00:00+01:00' }],
  bodies: [],
  posts: [{ id: 'bsw-ccg-accountable-officer', title: 'Accountable Officer', organisationId: 'bsw-ccg' }],
} as OrganisationView;

describe('the organisation page’s presenter', () => {
  it('says plainly that a dissolved CCG’s successor took over, and what became of each delegation', () => {
    const transferred = { delegationId: 'ccg-to-lcg', fromId: 'bsw-ccg-governing-body', toId: 'wiltshire-lcg', organisationDissolution: { dissolvedOn: '2022-07-01T00:00:00+01:00', successorId: 'bsw-icb', effect: 'transferred' } } as DelegationView;
    const content = presentOrganisation(ccg, [transferred], { 'bsw-ccg-governing-body': 'BSW CCG Governing Body', 'wiltshire-lcg': 'Wiltshire LCG' });
    expect(content.dissolution?.sentences).toEqual(['NHS BSW CCG was dissolved at the end of 30 June 2022.', 'NHS BSW ICB took over on 1 July 2022, and the delegations made for it transferred to its successor.']);
    expect(content.delegationsOnDissolution).toEqual([
      { delegation: { text: 'ccg-to-lcg', href: '/organisations/bsw-ccg/delegations/ccg-to-lcg' }, from: 'BSW CCG Governing Body', to: 'Wiltshire LCG', effect: 'Transferred to NHS BSW ICB' },
    ]);
    expect(content.governingBodies).toEqual([{ body: { text: 'BSW CCG Governing Body', href: '/bodies/bsw-ccg-governing-body' }, term: '1 April 2020 to 30 June 2022' }]);
    expect(content.facts[0]).toEqual({ key: { text: 'Kind' }, value: { text: 'Clinical commissioning group (CCG)' } });
  });

  it('says nothing of a dissolution while the organisation exists', () => {
    const content = presentOrganisation({ ...ccg, dissolution: null, successor: null }, [], {});
    expect([content.dissolution, content.delegationsOnDissolution]).toEqual([null, []]);
  });
});
