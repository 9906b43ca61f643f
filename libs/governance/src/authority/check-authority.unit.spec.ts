import { schemeDecider } from '../delegations/scheme.decider.js';
import type { DelegationGranted, SchemeEvent } from '../delegations/scheme.events.js';
import { organisationDecider } from '../organisations/organisation.decider.js';
import type { OrganisationEvent } from '../organisations/organisation.events.js';
import { fold } from '../shared/decider.js';
import { parseInstant } from '../shared/ledger-time.js';
import type { Scope } from '../shared/scope.js';
import type { AuthorityQuestion } from './authority-answer.js';
import { checkAuthority } from './check-authority.js';
import type { AuthoritySources } from './delegation-chains.js';
import { formatPounds } from './pounds.js';

/** 00:00 Europe/London on the day, as the domain holds it. */
const on = (date: string) => parseInstant(date)!;
/** The last millisecond before 00:00 Europe/London on the day. */
const justBefore = (date: string) => new Date(Date.parse(on(date)) - 1).toISOString();

const organisation = (...events: OrganisationEvent[]) => fold(organisationDecider, events);
const scheme = (...events: SchemeEvent[]) => fold(schemeDecider, events);

const wiltshireCouncil = organisation(
  {
    type: 'OrganisationRegistered',
    data: {
      organisationId: 'wiltshire-council',
      name: 'Wiltshire Council',
      kind: 'local-authority',
      functions: ['adult-social-care', 'community-services', 'public-health', 'bcf'],
      establishedOn: on('2009-04-01'),
    },
  },
  { type: 'GoverningBodyDesignated', data: { organisationId: 'wiltshire-council', bodyId: 'wiltshire-cabinet', from: on('2009-04-01') } },
);

const ccgEvents: OrganisationEvent[] = [
  {
    type: 'OrganisationRegistered',
    data: {
      organisationId: 'bsw-ccg',
      name: 'Bath and North East Somerset, Swindon and Wiltshire CCG',
      kind: 'ccg',
      functions: ['commissioning', 'community-services', 'bcf'],
      establishedOn: on('2020-04-01'),
    },
  },
  { type: 'GoverningBodyDesignated', data: { organisationId: 'bsw-ccg', bodyId: 'bsw-ccg-governing-body', from: on('2020-04-01') } },
];
/** Every CCG was dissolved at the end of 30 June 2022 and its functions passed to an ICB. */
const dissolvedCcg = (transferDelegations: boolean) =>
  organisation(...ccgEvents, {
    type: 'OrganisationDissolved',
    data: { organisationId: 'bsw-ccg', dissolvedOn: on('2022-07-01'), successorId: 'bsw-icb', transferDelegations },
  });

const bswIcb = organisation(
  {
    type: 'OrganisationRegistered',
    data: {
      organisationId: 'bsw-icb',
      name: 'Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board',
      kind: 'icb',
      functions: ['commissioning', 'community-services', 'bcf', 'primary-care'],
      establishedOn: on('2022-07-01'),
    },
  },
  { type: 'GoverningBodyDesignated', data: { organisationId: 'bsw-icb', bodyId: 'bsw-icb-board', from: on('2022-07-01') } },
);

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
      instrument: { title: "Leader's Scheme of Delegation", reference: 'Part 3 of the Constitution', url: null },
      authorisedByProposalId: null,
      ...terms,
    },
  };
}

const change = (type: 'DelegationSuspended' | 'DelegationReinstated' | 'DelegationRevoked', delegationId: string, from: string): SchemeEvent => ({
  type,
  data: { delegationId, organisationId: 'wiltshire-council', effectiveFrom: on(from), reason: 'Cabinet decision' },
});

const varied = (delegationId: string, from: string, changes: Extract<SchemeEvent, { type: 'DelegationVaried' }>['data']['changes']): SchemeEvent => ({
  type: 'DelegationVaried',
  data: { delegationId, organisationId: 'wiltshire-council', effectiveFrom: on(from), reason: 'Scheme of delegation revised', changes },
});

const cabinetToCabinetMember = delegation('cabinet-to-cabinet-member-asc', 'wiltshire-cabinet', 'cabinet-member-adult-social-care', { limitPence: 500_000_000 });
const cabinetMemberToDass = delegation('cabinet-member-to-dass', 'cabinet-member-adult-social-care', 'director-adult-social-services', {
  limitPence: 100_000_000,
  effectiveFrom: on('2021-06-01'),
});
const dassToHeadOfCommissioning = delegation('dass-to-head-of-commissioning', 'director-adult-social-services', 'head-of-commissioning', {
  scopes: ['adult-social-care/commissioning'],
  limitPence: 25_000_000,
  effectiveFrom: on('2021-07-01'),
  mayRedelegate: false,
});
const cabinetToDass = delegation('cabinet-to-dass', 'wiltshire-cabinet', 'director-adult-social-services', { limitPence: 50_000_000, mayRedelegate: false });
const cabinetToAlliance = delegation('cabinet-to-alliance', 'wiltshire-cabinet', 'wiltshire-alliance-joint-committee', {
  scopes: ['bcf', 'community-services'],
  effectiveFrom: on('2022-04-01'),
  mayRedelegate: false,
  instrument: { title: 'Wiltshire Section 75 Agreement', reference: 'cl. 5', url: null },
});

const wiltshireScheme = [cabinetToCabinetMember, cabinetMemberToDass, dassToHeadOfCommissioning, cabinetToAlliance];
const council = (...events: SchemeEvent[]): AuthoritySources => ({ organisation: wiltshireCouncil, scheme: scheme(...events) });

const ask = (holderId: string, at: string, scopes: Scope[] = ['adult-social-care'], amountPence: number | null = null): AuthorityQuestion => ({
  holderId,
  organisationId: 'wiltshire-council',
  scopes,
  amountPence,
  at: at.includes('T') ? at : on(at),
});

const chainIds = (sources: AuthoritySources, question: AuthorityQuestion) => checkAuthority(question, sources).chains.map((chain) => chain.map((link) => link.delegationId));

describe('authority: holder H may decide scopes S, amount A, for organisation O, at instant T', () => {
  describe('the governing body', () => {
    it('holds all of the organisation’s functions without limit (one empty chain)', () => {
      expect(checkAuthority(ask('wiltshire-cabinet', '2022-01-10', ['adult-social-care', 'bcf'], 9_000_000_000), council())).toEqual({
        allowed: true,
        chains: [[]],
        reasons: [],
      });
    });

    it('holds nothing outside the organisation’s functions', () => {
      expect(checkAuthority(ask('wiltshire-cabinet', '2022-01-10', ['primary-care']), council())).toEqual({
        allowed: false,
        chains: [],
        reasons: ['organisation wiltshire-council does not hold the function primary-care'],
      });
    });

    it('is the governing body at T: an organisation without one on that date grants nothing', () => {
      const councilWithoutCabinet = organisation(
        { type: 'OrganisationRegistered', data: { organisationId: 'wiltshire-council', name: 'Wiltshire Council', kind: 'local-authority', functions: ['bcf'], establishedOn: on('2009-04-01') } },
        { type: 'GoverningBodyDesignated', data: { organisationId: 'wiltshire-council', bodyId: 'wiltshire-cabinet', from: on('2012-05-21') } },
      );
      expect(checkAuthority(ask('wiltshire-cabinet', '2010-01-10', ['bcf']), { organisation: councilWithoutCabinet, scheme: scheme() }).reasons).toEqual([
        'organisation wiltshire-council has no governing body on 2010-01-10',
      ]);
    });
  });

  describe('a chain of delegations', () => {
    it('grants when every link is in force, covers the scopes and allows the amount, with the chain as proof', () => {
      expect(checkAuthority(ask('director-adult-social-services', '2022-01-10', ['adult-social-care'], 75_000_000), council(...wiltshireScheme))).toEqual({
        allowed: true,
        chains: [
          [
            {
              delegationId: 'cabinet-to-cabinet-member-asc',
              fromId: 'wiltshire-cabinet',
              toId: 'cabinet-member-adult-social-care',
              scopes: ['adult-social-care'],
              limitPence: 500_000_000,
              effectiveFrom: on('2021-04-01'),
              effectiveUntil: null,
              mayRedelegate: true,
              organisationId: 'wiltshire-council',
            },
            {
              delegationId: 'cabinet-member-to-dass',
              fromId: 'cabinet-member-adult-social-care',
              toId: 'director-adult-social-services',
              scopes: ['adult-social-care'],
              limitPence: 100_000_000,
              effectiveFrom: on('2021-06-01'),
              effectiveUntil: null,
              mayRedelegate: true,
              organisationId: 'wiltshire-council',
            },
          ],
        ],
        reasons: [],
      });
    });

    it('is only as strong as its smallest limit', () => {
      const answer = checkAuthority(ask('director-adult-social-services', '2022-01-10', ['adult-social-care'], 200_000_000), council(...wiltshireScheme));
      expect(answer).toEqual({ allowed: false, chains: [], reasons: ['delegation cabinet-member-to-dass limit £1,000,000.00 is below £2,000,000.00'] });
    });

    it('allows an amount equal to the limit', () => {
      expect(checkAuthority(ask('director-adult-social-services', '2022-01-10', ['adult-social-care'], 100_000_000), council(...wiltshireScheme)).allowed).toBe(true);
    });

    it('ignores limits when the matter has no value', () => {
      expect(checkAuthority(ask('head-of-commissioning', '2022-01-10', ['adult-social-care/commissioning'], null), council(...wiltshireScheme)).allowed).toBe(true);
    });

    it('reads scopes hierarchically: authority over adult-social-care covers adult-social-care/reablement', () => {
      expect(checkAuthority(ask('director-adult-social-services', '2022-01-10', ['adult-social-care/reablement']), council(...wiltshireScheme)).allowed).toBe(true);
    });

    it('does not stretch a narrower scope to its parent', () => {
      expect(checkAuthority(ask('head-of-commissioning', '2022-01-10', ['adult-social-care']), council(...wiltshireScheme))).toEqual({
        allowed: false,
        chains: [],
        reasons: ['scope adult-social-care is not delegated to holder head-of-commissioning'],
      });
    });

    it('needs every link to cover every scope asked about', () => {
      const answer = checkAuthority(ask('wiltshire-alliance-joint-committee', '2022-05-10', ['bcf', 'adult-social-care']), council(...wiltshireScheme));
      expect(answer.allowed).toBe(false);
      expect(answer.reasons).toEqual(['scope adult-social-care is not delegated to holder wiltshire-alliance-joint-committee']);
    });

    it('says which link misses a scope when the scopes arrive by different delegations', () => {
      const events = [cabinetToAlliance, delegation('cabinet-to-alliance-asc', 'wiltshire-cabinet', 'wiltshire-alliance-joint-committee', { effectiveFrom: on('2022-04-01') })];
      expect(checkAuthority(ask('wiltshire-alliance-joint-committee', '2022-05-10', ['bcf', 'adult-social-care']), council(...events)).reasons).toEqual([
        'delegation cabinet-to-alliance does not cover scope adult-social-care',
        'delegation cabinet-to-alliance-asc does not cover scope bcf',
      ]);
    });

    it('needs every link but the last to allow further delegation', () => {
      const events = [cabinetToCabinetMember, { ...cabinetMemberToDass, data: { ...cabinetMemberToDass.data, mayRedelegate: false } }, dassToHeadOfCommissioning];
      expect(checkAuthority(ask('head-of-commissioning', '2022-01-10', ['adult-social-care/commissioning']), council(...events))).toEqual({
        allowed: false,
        chains: [],
        reasons: ['delegation cabinet-member-to-dass does not allow director-adult-social-services to delegate further'],
      });
    });

    it('does not need the last link to allow further delegation', () => {
      expect(chainIds(council(...wiltshireScheme), ask('head-of-commissioning', '2022-01-10', ['adult-social-care/commissioning'], 25_000_000))).toEqual([
        ['cabinet-to-cabinet-member-asc', 'cabinet-member-to-dass', 'dass-to-head-of-commissioning'],
      ]);
    });

    it('returns every granting chain, shortest first', () => {
      expect(chainIds(council(...wiltshireScheme, cabinetToDass), ask('director-adult-social-services', '2022-01-10', ['adult-social-care'], 40_000_000))).toEqual([
        ['cabinet-to-dass'],
        ['cabinet-to-cabinet-member-asc', 'cabinet-member-to-dass'],
      ]);
    });

    it('returns only the chains whose limits reach the amount', () => {
      expect(chainIds(council(...wiltshireScheme, cabinetToDass), ask('director-adult-social-services', '2022-01-10', ['adult-social-care'], 60_000_000))).toEqual([
        ['cabinet-to-cabinet-member-asc', 'cabinet-member-to-dass'],
      ]);
    });

    it('starts at the governing body: a holder no chain reaches has no authority', () => {
      expect(checkAuthority(ask('director-public-health', '2022-01-10', ['public-health']), council(...wiltshireScheme))).toEqual({
        allowed: false,
        chains: [],
        reasons: ['no chain of delegations from the governing body wiltshire-cabinet reaches director-public-health'],
      });
    });

    it('does not count delegations between holders the governing body never reached, and does not go round in circles', () => {
      const events = [
        delegation('dph-to-consultant', 'director-public-health', 'consultant-public-health', { scopes: ['public-health'] }),
        delegation('consultant-to-dph', 'consultant-public-health', 'director-public-health', { scopes: ['public-health'] }),
      ];
      expect(checkAuthority(ask('director-public-health', '2022-01-10', ['public-health']), council(...events))).toEqual({
        allowed: false,
        chains: [],
        reasons: ['no chain of delegations from the governing body wiltshire-cabinet reaches director-public-health'],
      });
    });

    it('never lists a chain that passes a holder twice', () => {
      const events = [
        cabinetToCabinetMember,
        cabinetMemberToDass,
        delegation('dass-to-cabinet-member', 'director-adult-social-services', 'cabinet-member-adult-social-care'),
      ];
      expect(chainIds(council(...events), ask('director-adult-social-services', '2022-01-10'))).toEqual([['cabinet-to-cabinet-member-asc', 'cabinet-member-to-dass']]);
    });
  });

  describe('chains are at most 8 links', () => {
    const ladder = (links: number) =>
      Array.from({ length: links }, (_, index) =>
        delegation(`rung-${index + 1}`, index === 0 ? 'wiltshire-cabinet' : `officer-${index}`, `officer-${index + 1}`, { scopes: ['bcf'] }),
      );

    it('grants through 8 links', () => {
      expect(chainIds(council(...ladder(8)), ask('officer-8', '2022-01-10', ['bcf']))).toEqual([['rung-1', 'rung-2', 'rung-3', 'rung-4', 'rung-5', 'rung-6', 'rung-7', 'rung-8']]);
    });

    it('does not grant through 9', () => {
      expect(checkAuthority(ask('officer-9', '2022-01-10', ['bcf']), council(...ladder(9)))).toEqual({
        allowed: false,
        chains: [],
        reasons: ['a chain from the governing body wiltshire-cabinet to officer-9 through officer-1 would be longer than 8 links'],
      });
    });

    it('still finds a short chain when a long one leads to the same holder', () => {
      const events = [...ladder(9), delegation('cabinet-to-officer-9', 'wiltshire-cabinet', 'officer-9', { scopes: ['bcf'] })];
      expect(chainIds(council(...events), ask('officer-9', '2022-01-10', ['bcf']))).toEqual([['cabinet-to-officer-9']]);
    });
  });

  describe('each link must be in force at T', () => {
    const fixedTerm = delegation('cabinet-to-alliance-2022-23', 'wiltshire-cabinet', 'wiltshire-alliance-joint-committee', {
      scopes: ['bcf'],
      effectiveFrom: on('2022-04-01'),
      effectiveUntil: on('2023-04-01'),
    });

    it('from the first instant of effectiveFrom', () => {
      expect(checkAuthority(ask('wiltshire-alliance-joint-committee', on('2022-04-01'), ['bcf']), council(fixedTerm)).allowed).toBe(true);
    });

    it('not before effectiveFrom', () => {
      expect(checkAuthority(ask('wiltshire-alliance-joint-committee', justBefore('2022-04-01'), ['bcf']), council(fixedTerm)).reasons).toEqual([
        'delegation cabinet-to-alliance-2022-23 is not in force until 2022-04-01',
      ]);
    });

    it('until the last instant before effectiveUntil', () => {
      expect(checkAuthority(ask('wiltshire-alliance-joint-committee', justBefore('2023-04-01'), ['bcf']), council(fixedTerm)).allowed).toBe(true);
    });

    it('not from effectiveUntil (the window is [effectiveFrom, effectiveUntil))', () => {
      expect(checkAuthority(ask('wiltshire-alliance-joint-committee', on('2023-04-01'), ['bcf']), council(fixedTerm)).reasons).toEqual([
        'delegation cabinet-to-alliance-2022-23 expired with effect from 2023-04-01',
      ]);
    });

    describe('suspended from X until reinstated from Y', () => {
      const events = [
        ...wiltshireScheme,
        change('DelegationSuspended', 'cabinet-member-to-dass', '2021-10-01'),
        change('DelegationReinstated', 'cabinet-member-to-dass', '2021-12-01'),
      ];

      it.each([
        ['2021-09-30', true],
        ['2021-10-01', false],
        ['2021-11-30', false],
        ['2021-12-01', true],
      ])('on %s the director may decide: %p', (date, allowed) => {
        expect(checkAuthority(ask('director-adult-social-services', date), council(...events)).allowed).toBe(allowed);
      });

      it('says when the suspension began and ended', () => {
        expect(checkAuthority(ask('director-adult-social-services', '2021-11-01'), council(...events)).reasons).toEqual([
          'delegation cabinet-member-to-dass suspended from 2021-10-01 until 2021-12-01',
        ]);
      });

      it('says an open suspension took effect', () => {
        const open = [...wiltshireScheme, change('DelegationSuspended', 'cabinet-member-to-dass', '2021-10-01')];
        expect(checkAuthority(ask('director-adult-social-services', '2022-11-01'), council(...open)).reasons).toEqual([
          'delegation cabinet-member-to-dass suspended with effect from 2021-10-01',
        ]);
      });

      it('breaks every chain below a suspended link', () => {
        expect(checkAuthority(ask('head-of-commissioning', '2021-11-01', ['adult-social-care/commissioning']), council(...events)).reasons).toEqual([
          'delegation cabinet-member-to-dass suspended from 2021-10-01 until 2021-12-01',
        ]);
      });
    });

    describe('revoked from Z', () => {
      const scheme = [cabinetToCabinetMember, cabinetMemberToDass, cabinetToDass];

      it('a backdated revocation recorded later changes the answer for the past it reaches', () => {
        const question = ask('director-adult-social-services', '2021-05-10');
        expect(checkAuthority(question, council(...scheme)).allowed).toBe(true);
        expect(checkAuthority(question, council(...scheme, change('DelegationRevoked', 'cabinet-to-dass', '2021-04-01')))).toEqual({
          allowed: false,
          chains: [],
          reasons: ['delegation cabinet-member-to-dass is not in force until 2021-06-01', 'delegation cabinet-to-dass revoked with effect from 2021-04-01'],
        });
      });

      it('leaves the answer before the revocation unchanged', () => {
        const revoked = council(...scheme, change('DelegationRevoked', 'cabinet-to-dass', '2021-05-01'));
        expect(checkAuthority(ask('director-adult-social-services', '2021-04-30'), revoked).allowed).toBe(true);
      });

      it('breaks chains further down, and says which link broke', () => {
        const revoked = council(...wiltshireScheme, change('DelegationRevoked', 'cabinet-to-cabinet-member-asc', '2022-01-01'));
        expect(checkAuthority(ask('head-of-commissioning', '2022-02-01', ['adult-social-care/commissioning']), revoked).reasons).toEqual([
          'delegation cabinet-to-cabinet-member-asc revoked with effect from 2022-01-01',
        ]);
      });
    });
  });

  describe('each link on its terms as varied up to T', () => {
    it('a raised limit counts from the variation’s date only', () => {
      const events = [...wiltshireScheme, varied('cabinet-member-to-dass', '2022-04-01', [{ term: 'limitPence', to: 300_000_000 }])];
      const question = (date: string) => ask('director-adult-social-services', date, ['adult-social-care'], 250_000_000);
      expect(checkAuthority(question('2022-03-31'), council(...events)).reasons).toEqual(['delegation cabinet-member-to-dass limit £1,000,000.00 is below £2,500,000.00']);
      const answer = checkAuthority(question('2022-04-01'), council(...events));
      expect(answer.allowed).toBe(true);
      expect(answer.chains[0][1].limitPence).toBe(300_000_000);
    });

    it('a backdated variation recorded after a later one applies from its own date', () => {
      const events = [
        ...wiltshireScheme,
        varied('cabinet-member-to-dass', '2022-04-01', [{ term: 'limitPence', to: 300_000_000 }]),
        varied('cabinet-member-to-dass', '2021-09-01', [{ term: 'scopes', to: ['adult-social-care/reablement'] }]),
      ];
      expect(checkAuthority(ask('director-adult-social-services', '2021-08-31', ['adult-social-care/safeguarding']), council(...events)).allowed).toBe(true);
      expect(checkAuthority(ask('director-adult-social-services', '2022-05-01', ['adult-social-care/safeguarding']), council(...events)).reasons).toEqual([
        'scope adult-social-care/safeguarding is not delegated to holder director-adult-social-services',
      ]);
      expect(checkAuthority(ask('director-adult-social-services', '2022-05-01', ['adult-social-care/reablement'], 250_000_000), council(...events)).allowed).toBe(true);
    });

    it('a variation can withdraw the right to delegate further from a date', () => {
      const events = [...wiltshireScheme, varied('cabinet-member-to-dass', '2022-04-01', [{ term: 'mayRedelegate', to: false }])];
      const question = (date: string) => ask('head-of-commissioning', date, ['adult-social-care/commissioning']);
      expect(checkAuthority(question('2022-03-31'), council(...events)).allowed).toBe(true);
      expect(checkAuthority(question('2022-04-01'), council(...events)).reasons).toEqual([
        'delegation cabinet-member-to-dass does not allow director-adult-social-services to delegate further',
      ]);
    });

    it('a variation can set an end date', () => {
      const events = [...wiltshireScheme, varied('cabinet-to-alliance', '2022-06-01', [{ term: 'effectiveUntil', to: on('2023-04-01') }])];
      const answer = checkAuthority(ask('wiltshire-alliance-joint-committee', '2022-07-01', ['bcf']), council(...events));
      expect(answer.chains[0][0].effectiveUntil).toBe(on('2023-04-01'));
      expect(checkAuthority(ask('wiltshire-alliance-joint-committee', '2023-04-01', ['bcf']), council(...events)).reasons).toEqual([
        'delegation cabinet-to-alliance expired with effect from 2023-04-01',
      ]);
    });
  });

  describe('the organisation must exist at T', () => {
    const ccgScheme = scheme(
      delegation('ccg-to-alliance', 'bsw-ccg-governing-body', 'wiltshire-alliance-joint-committee', {
        organisationId: 'bsw-ccg',
        scopes: ['community-services'],
        limitPence: 1_000_000_000,
        effectiveFrom: on('2022-04-01'),
        mayRedelegate: false,
      }),
    );
    const ccg = (transfer: boolean): AuthoritySources => ({ organisation: dissolvedCcg(transfer), scheme: ccgScheme });
    const icb = (transfer: boolean): AuthoritySources => ({ organisation: bswIcb, scheme: scheme(), predecessors: [ccg(transfer)] });
    const askFor = (organisationId: string, date: string): AuthorityQuestion => ({
      holderId: 'wiltshire-alliance-joint-committee',
      organisationId,
      scopes: ['community-services/children'],
      amountPence: 50_000_000,
      at: on(date),
    });

    it('a CCG’s delegation counts for the CCG while it exists', () => {
      expect(chainIds(ccg(true), askFor('bsw-ccg', '2022-06-30'))).toEqual([['ccg-to-alliance']]);
    });

    it('a dissolved organisation grants nothing, and its successor is named', () => {
      expect(checkAuthority(askFor('bsw-ccg', '2022-07-01'), ccg(true))).toEqual({
        allowed: false,
        chains: [],
        reasons: ['organisation bsw-ccg was dissolved on 2022-07-01', 'its successor is bsw-icb'],
      });
    });

    it('an organisation grants nothing before it is established', () => {
      expect(checkAuthority(askFor('bsw-icb', '2022-06-30'), icb(true)).reasons).toEqual(['organisation bsw-icb was not established until 2022-07-01']);
    });

    it('an unregistered organisation grants nothing', () => {
      expect(checkAuthority(askFor('bsw-icb', '2022-07-01'), { organisation: { status: 'unregistered' }, scheme: scheme() }).reasons).toEqual([
        'organisation bsw-icb is not registered',
      ]);
    });

    it('delegations that transfer count for the successor from the dissolution, its governing body standing for the predecessor’s', () => {
      expect(checkAuthority(askFor('bsw-icb', '2022-07-01'), icb(true))).toEqual({
        allowed: true,
        chains: [
          [
            {
              delegationId: 'ccg-to-alliance',
              fromId: 'bsw-ccg-governing-body',
              toId: 'wiltshire-alliance-joint-committee',
              scopes: ['community-services'],
              limitPence: 1_000_000_000,
              effectiveFrom: on('2022-04-01'),
              effectiveUntil: null,
              mayRedelegate: false,
              organisationId: 'bsw-ccg',
            },
          ],
        ],
        reasons: [],
      });
    });

    it('delegations that do not transfer lapse at the dissolution', () => {
      expect(checkAuthority(askFor('bsw-icb', '2022-07-01'), icb(false))).toEqual({
        allowed: false,
        chains: [],
        reasons: ['delegation ccg-to-alliance lapsed when bsw-ccg was dissolved on 2022-07-01 without transferring its delegations'],
      });
    });

    it('transferred delegations combine with the successor’s own', () => {
      const alliance = 'wiltshire-alliance-joint-committee';
      const icbScheme = scheme(
        delegation('alliance-to-place-director', alliance, 'bsw-director-of-place-wiltshire', {
          organisationId: 'bsw-icb',
          scopes: ['community-services/children'],
          limitPence: 20_000_000,
          effectiveFrom: on('2022-09-01'),
          mayRedelegate: false,
        }),
      );
      const ccgAllowingRedelegation = scheme(
        delegation('ccg-to-alliance', 'bsw-ccg-governing-body', alliance, { organisationId: 'bsw-ccg', scopes: ['community-services'], effectiveFrom: on('2022-04-01') }),
      );
      const sources: AuthoritySources = { organisation: bswIcb, scheme: icbScheme, predecessors: [{ organisation: dissolvedCcg(true), scheme: ccgAllowingRedelegation }] };
      const question = { ...askFor('bsw-icb', '2022-10-01'), holderId: 'bsw-director-of-place-wiltshire', amountPence: 15_000_000 };
      expect(chainIds(sources, question)).toEqual([['ccg-to-alliance', 'alliance-to-place-director']]);
    });

    it('a predecessor’s delegations count through a chain of successions', () => {
      const pctEvents: OrganisationEvent[] = [
        { type: 'OrganisationRegistered', data: { organisationId: 'wiltshire-pct', name: 'Wiltshire PCT', kind: 'other', functions: ['community-services'], establishedOn: on('2006-10-01') } },
        { type: 'GoverningBodyDesignated', data: { organisationId: 'wiltshire-pct', bodyId: 'wiltshire-pct-board', from: on('2006-10-01') } },
        { type: 'OrganisationDissolved', data: { organisationId: 'wiltshire-pct', dissolvedOn: on('2013-04-01'), successorId: 'bsw-ccg', transferDelegations: true } },
      ];
      const pctScheme = scheme(
        delegation('pct-to-alliance', 'wiltshire-pct-board', 'wiltshire-alliance-joint-committee', { organisationId: 'wiltshire-pct', scopes: ['community-services'], effectiveFrom: on('2012-04-01') }),
      );
      const sources: AuthoritySources = {
        organisation: bswIcb,
        scheme: scheme(),
        predecessors: [{ organisation: organisation(...pctEvents), scheme: pctScheme }, ccg(true)],
      };
      expect(chainIds(sources, askFor('bsw-icb', '2022-07-01'))).toEqual([['ccg-to-alliance'], ['pct-to-alliance']]);
      const lapsedAtCcg: AuthoritySources = { ...sources, predecessors: [sources.predecessors![0], ccg(false)] };
      expect(checkAuthority(askFor('bsw-icb', '2022-07-01'), lapsedAtCcg).reasons).toEqual([
        'delegation ccg-to-alliance lapsed when bsw-ccg was dissolved on 2022-07-01 without transferring its delegations',
        'delegation pct-to-alliance lapsed when bsw-ccg was dissolved on 2022-07-01 without transferring its delegations',
      ]);
    });
  });

  it('answers quickly enough from a scheme of 600 delegations (shown by the answer, not timed)', () => {
    const events: SchemeEvent[] = [];
    for (let team = 1; team <= 100; team++) {
      events.push(delegation(`cabinet-to-director-${team}`, 'wiltshire-cabinet', `director-${team}`, { scopes: ['community-services'], limitPence: 100_000_000 }));
      for (let officer = 1; officer <= 5; officer++) {
        events.push(
          delegation(`director-${team}-to-officer-${team}-${officer}`, `director-${team}`, `officer-${team}-${officer}`, {
            scopes: [officer % 2 === 0 ? 'community-services/children' : 'community-services/adults'],
            limitPence: officer * 1_000_000,
            mayRedelegate: false,
          }),
        );
      }
    }
    const sources = council(...events);
    expect(chainIds(sources, ask('officer-42-4', '2022-01-10', ['community-services/children'], 4_000_000))).toEqual([['cabinet-to-director-42', 'director-42-to-officer-42-4']]);
    expect(checkAuthority(ask('officer-42-4', '2022-01-10', ['community-services/children'], 5_000_000), sources).reasons).toEqual([
      'delegation director-42-to-officer-42-4 limit £40,000.00 is below £50,000.00',
    ]);
  });
});

describe('money in reasons', () => {
  it.each([
    [0, '£0.00'],
    [5, '£0.05'],
    [25_000_000, '£250,000.00'],
    [123_456_789, '£1,234,567.89'],
  ])('%p pence reads %s', (pence, text) => expect(formatPounds(pence)).toBe(text));
});
