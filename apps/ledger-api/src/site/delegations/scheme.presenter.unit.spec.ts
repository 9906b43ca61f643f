import type { DelegationView, OrganisationView } from '@ledger/read-models';
import { presentScheme } from './scheme.presenter.js';

const organisation = {
  id: 'wiltshire-council',
  name: 'Wiltshire Council',
  governingBodies: [{ bodyId: 'wiltshire-cabinet', name: 'Cabinet', from: '2009-04-01T00:00:00+01:00', until: null }],
} as unknown as OrganisationView;

const delegation = (delegationId: string, fromId: string, toId: string): DelegationView =>
  ({
    delegationId,
    organisationId: 'wiltshire-council',
    fromId,
    toId,
    scopes: ['bcf'],
    limitPence: 50_000_000,
    effectiveUntil: null,
    mayRedelegate: true,
    effectiveFrom: '2022-07-01T00:00:00+01:00',
    instrument: { title: 'Constitution, Part 3', reference: null, url: null },
    organisationDissolution: null,
  }) as unknown as DelegationView;

describe('the scheme of delegation’s presenter', () => {
  it('nests each delegation under the one its delegator holds from, from the governing body down; the rest apart', () => {
    const content = presentScheme(
      organisation,
      '2022-08-01T00:00:00+01:00',
      [delegation('to-officer', 'wajc', 'director'), delegation('cabinet-to-wajc', 'wiltshire-cabinet', 'wajc'), delegation('orphan', 'old-board', 'someone')],
      { wajc: 'Wiltshire Alliance Joint Committee', director: 'Director of Adult Services' },
    );
    expect(content.top).toBe('Cabinet');
    expect(content.entries.map((entry) => [entry.to, entry.terms, entry.below.map((below) => below.to)])).toEqual([
      ['Wiltshire Alliance Joint Committee', 'bcf; up to £500,000; may delegate further', ['Director of Adult Services']],
    ]);
    expect(content.apart.map((entry) => entry.delegation.text)).toEqual(['orphan']);
    expect(content.at).toEqual({ text: '1 August 2022', value: '2022-08-01' });
  });

  it('says when the organisation had no governing body on the date', () => {
    expect(presentScheme(organisation, '2001-01-01T00:00:00Z', [], {}).top).toBeNull();
  });
});
