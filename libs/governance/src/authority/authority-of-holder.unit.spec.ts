import { schemeDecider } from '../delegations/scheme.decider.js';
import type { DelegationGranted, SchemeEvent } from '../delegations/scheme.events.js';
import { organisationDecider } from '../organisations/organisation.decider.js';
import type { OrganisationEvent } from '../organisations/organisation.events.js';
import { fold } from '../shared/decider.js';
import { parseInstant } from '../shared/ledger-time.js';
import { authorityOfHolder, intersectScopes } from './authority-of-holder.js';
import type { AuthoritySources } from './delegation-chains.js';

const on = (date: string) => parseInstant(date)!;
const organisation = (...events: OrganisationEvent[]) => fold(organisationDecider, events);
const scheme = (...events: SchemeEvent[]) => fold(schemeDecider, events);

const registered = (organisationId: string, functions: string[], governingBodyId: string, establishedOn: string, ...more: OrganisationEvent[]) =>
  organisation(
    { type: 'OrganisationRegistered', data: { organisationId, name: organisationId, kind: 'other', functions, establishedOn: on(establishedOn) } },
    { type: 'GoverningBodyDesignated', data: { organisationId, bodyId: governingBodyId, from: on(establishedOn) } },
    ...more,
  );

const wiltshireCouncil = registered('wiltshire-council', ['adult-social-care', 'community-services', 'public-health', 'bcf'], 'wiltshire-cabinet', '2009-04-01');
const bswCcg = registered('bsw-ccg', ['commissioning', 'community-services', 'bcf'], 'bsw-ccg-governing-body', '2020-04-01', {
  type: 'OrganisationDissolved',
  data: { organisationId: 'bsw-ccg', dissolvedOn: on('2022-07-01'), successorId: 'bsw-icb', transferDelegations: true },
});
const bswIcb = registered('bsw-icb', ['commissioning', 'community-services', 'bcf', 'primary-care'], 'bsw-icb-board', '2022-07-01');

function delegation(delegationId: string, fromId: string, toId: string, terms: Partial<DelegationGranted['data']> = {}): DelegationGranted {
  return {
    type: 'DelegationGranted',
    data: {
      delegationId,
      organisationId: 'wiltshire-council',
      fromId,
      toId,
      scopes: ['adult-social-care'],
      limitPence: null,
      effectiveFrom: on('2021-04-01'),
      effectiveUntil: null,
      mayRedelegate: true,
      instrument: { title: "Leader's Scheme of Delegation", reference: null, url: null },
      authorisedByProposalId: null,
      ...terms,
    },
  };
}

const councilSources: AuthoritySources = {
  organisation: wiltshireCouncil,
  scheme: scheme(
    delegation('cabinet-to-cabinet-member-asc', 'wiltshire-cabinet', 'cabinet-member-adult-social-care', { limitPence: 500_000_000 }),
    delegation('cabinet-member-to-dass', 'cabinet-member-adult-social-care', 'director-adult-social-services', { limitPence: 100_000_000 }),
    delegation('cabinet-to-dass', 'wiltshire-cabinet', 'director-adult-social-services', { limitPence: 50_000_000, mayRedelegate: false }),
    delegation('dass-to-head-of-commissioning', 'director-adult-social-services', 'head-of-commissioning', {
      scopes: ['adult-social-care/commissioning', 'public-health'],
      limitPence: 25_000_000,
      mayRedelegate: false,
    }),
    delegation('cabinet-to-alliance', 'wiltshire-cabinet', 'wiltshire-alliance-joint-committee', { scopes: ['bcf', 'community-services/children'], effectiveFrom: on('2022-04-01') }),
  ),
};
const icbSources: AuthoritySources = {
  organisation: bswIcb,
  scheme: scheme(),
  predecessors: [
    {
      organisation: bswCcg,
      scheme: scheme(
        delegation('ccg-to-alliance', 'bsw-ccg-governing-body', 'wiltshire-alliance-joint-committee', {
          organisationId: 'bsw-ccg',
          scopes: ['community-services'],
          limitPence: 1_000_000_000,
          effectiveFrom: on('2022-04-01'),
        }),
      ),
    },
  ],
};

const scopesOf = (holderId: string, date: string, sources: AuthoritySources[] = [councilSources, icbSources]) =>
  authorityOfHolder({ holderId, at: on(date) }, sources).organisations.map(({ organisationId, scopes }) => ({
    organisationId,
    scopes: scopes.map(({ scope, limitPence, chain }) => [scope, limitPence, chain.map((link) => link.delegationId).join(' > ')]),
  }));

describe("a holder's authority: every scope it may decide at T, per organisation", () => {
  it('is every function without limit for a governing body', () => {
    expect(authorityOfHolder({ holderId: 'wiltshire-cabinet', at: on('2022-01-10') }, [councilSources, icbSources])).toEqual({
      holderId: 'wiltshire-cabinet',
      at: on('2022-01-10'),
      organisations: [
        {
          organisationId: 'wiltshire-council',
          governingBody: true,
          scopes: ['adult-social-care', 'bcf', 'community-services', 'public-health'].map((scope) => ({ scope, limitPence: null, chain: [] })),
        },
      ],
    });
  });

  it('lists each granting chain with the smallest limit on it, highest limit first', () => {
    expect(scopesOf('director-adult-social-services', '2022-01-10')).toEqual([
      {
        organisationId: 'wiltshire-council',
        scopes: [
          ['adult-social-care', 100_000_000, 'cabinet-to-cabinet-member-asc > cabinet-member-to-dass'],
          ['adult-social-care', 50_000_000, 'cabinet-to-dass'],
        ],
      },
    ]);
  });

  it('grants only what every link covers, read hierarchically, and what the links allow to be passed on', () => {
    expect(scopesOf('head-of-commissioning', '2022-01-10')).toEqual([
      {
        organisationId: 'wiltshire-council',
        scopes: [['adult-social-care/commissioning', 25_000_000, 'cabinet-to-cabinet-member-asc > cabinet-member-to-dass > dass-to-head-of-commissioning']],
      },
    ]);
  });

  it('covers every organisation, including delegations transferred from a dissolved CCG', () => {
    expect(scopesOf('wiltshire-alliance-joint-committee', '2022-07-01')).toEqual([
      { organisationId: 'bsw-icb', scopes: [['community-services', 1_000_000_000, 'ccg-to-alliance']] },
      {
        organisationId: 'wiltshire-council',
        scopes: [
          ['bcf', null, 'cabinet-to-alliance'],
          ['community-services/children', null, 'cabinet-to-alliance'],
        ],
      },
    ]);
  });

  it('is nothing for an organisation that does not exist at T', () => {
    expect(scopesOf('wiltshire-alliance-joint-committee', '2022-06-30', [{ organisation: bswCcg, scheme: icbSources.predecessors![0].scheme }, icbSources])).toEqual([
      { organisationId: 'bsw-ccg', scopes: [['community-services', 1_000_000_000, 'ccg-to-alliance']] },
    ]);
  });

  it('is nothing once the chain is revoked', () => {
    const revoked: AuthoritySources = {
      ...councilSources,
      scheme: schemeDecider.evolve(councilSources.scheme, {
        type: 'DelegationRevoked',
        data: { delegationId: 'cabinet-to-alliance', organisationId: 'wiltshire-council', effectiveFrom: on('2022-06-01'), reason: 'Section 75 agreement ended' },
      }),
    };
    expect(scopesOf('wiltshire-alliance-joint-committee', '2022-07-01', [revoked])).toEqual([]);
  });
});

describe('scopes two delegations both cover', () => {
  it.each([
    [['adult-social-care'], ['adult-social-care/commissioning'], ['adult-social-care/commissioning']],
    [['adult-social-care/commissioning'], ['adult-social-care'], ['adult-social-care/commissioning']],
    [['bcf', 'public-health'], ['public-health', 'community-services'], ['public-health']],
    [['community-services'], ['community-services/children', 'community-services'], ['community-services']],
    [['bcf'], ['bcf-extra'], []],
  ])('%j and %j share %j', (left, right, shared) => expect(intersectScopes(left, right)).toEqual(shared));
});
