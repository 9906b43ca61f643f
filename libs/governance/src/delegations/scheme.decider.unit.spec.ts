import { given } from '../../test/given-when-then.js';
import { NoAuthorityError } from '../authority/no-authority-error.js';
import { organisationDecider } from '../organisations/organisation.decider.js';
import type { OrganisationEvent } from '../organisations/organisation.events.js';
import { fold } from '../shared/decider.js';
import { AlreadyExistsError, InvalidCommandError, InvalidTransitionError, NotFoundError } from '../shared/domain-error.js';
import { parseInstant } from '../shared/ledger-time.js';
import type { GrantDelegation, HolderFacts } from './scheme.commands.js';
import { schemeDecider } from './scheme.decider.js';
import type { DelegationGranted, SchemeEvent } from './scheme.events.js';
import { schemeStreamId } from './scheme.events.js';
import { delegationsTo, standingAt, termsAt } from './scheme.state.js';

/** 00:00 Europe/London on the day, as the domain holds it. */
const on = (date: string) => parseInstant(date)!;

const wiltshireCouncil = fold(organisationDecider, [
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
] satisfies OrganisationEvent[]);

const holders: HolderFacts[] = [
  { id: 'wiltshire-cabinet', kind: 'body', exists: true, establishedOn: on('2009-04-01') },
  { id: 'cabinet-member-adult-social-care', kind: 'post', exists: true },
  { id: 'director-adult-social-services', kind: 'post', exists: true },
  { id: 'head-of-commissioning', kind: 'post', exists: true },
  { id: 'wiltshire-alliance-joint-committee', kind: 'body', exists: true, establishedOn: on('2022-04-01') },
];

/** Cabinet → Cabinet Member for Adult Social Care: adult social care up to £5m, which the member may pass on. */
const cabinetToCabinetMember: DelegationGranted = {
  type: 'DelegationGranted',
  data: {
    delegationId: 'cabinet-to-cabinet-member-asc',
    organisationId: 'wiltshire-council',
    fromId: 'wiltshire-cabinet',
    toId: 'cabinet-member-adult-social-care',
    scopes: ['adult-social-care'],
    limitPence: 500_000_000,
    effectiveFrom: on('2021-04-01'),
    effectiveUntil: null,
    mayRedelegate: true,
    instrument: { title: "Leader's Scheme of Delegation", reference: 'Part 3 of the Constitution', url: null },
    authorisedByProposalId: null,
  },
};

const grant = (overrides: Partial<GrantDelegation> = {}): GrantDelegation => ({
  type: 'GrantDelegation',
  ...cabinetToCabinetMember.data,
  organisation: wiltshireCouncil,
  holders,
  ...overrides,
});

/** The Cabinet Member passes adult social care up to £1m to the Director of Adult Social Services. */
const memberToDass = grant({
  delegationId: 'cabinet-member-to-dass',
  fromId: 'cabinet-member-adult-social-care',
  toId: 'director-adult-social-services',
  limitPence: 100_000_000,
  effectiveFrom: on('2021-06-01'),
  mayRedelegate: false,
});

const revoked = (delegationId: string, from: string): SchemeEvent => ({
  type: 'DelegationRevoked',
  data: { delegationId, organisationId: 'wiltshire-council', effectiveFrom: on(from), reason: 'Scheme of delegation revised' },
});

describe('a scheme of delegation', () => {
  it('is the stream scheme-{organisationId}', () => {
    expect(schemeStreamId('wiltshire-council')).toBe('scheme-wiltshire-council');
  });

  describe('granting a delegation', () => {
    it('records a delegation from the governing body with its instrument', () => {
      given(schemeDecider).when(grant()).then([cabinetToCabinetMember]);
    });

    it('records a missing instrument reference and url as null', () => {
      const command = grant({ instrument: { title: 'Section 75 Agreement cl. 5' } });
      const [event] = schemeDecider.decide(command, schemeDecider.initialState);
      expect(event.type === 'DelegationGranted' && event.data.instrument).toEqual({ title: 'Section 75 Agreement cl. 5', reference: null, url: null });
    });

    it('happens once per id', () => {
      given(schemeDecider, [cabinetToCabinetMember]).when(grant()).thenThrows(AlreadyExistsError, 'A delegation with id cabinet-to-cabinet-member-asc already exists.');
    });

    it('passes authority to another holder', () => {
      given(schemeDecider).when(grant({ toId: 'wiltshire-cabinet' })).thenThrows(InvalidCommandError, /fromId and toId must differ/);
    });

    it('covers at least one scope', () => {
      given(schemeDecider).when(grant({ scopes: [] })).thenThrows(InvalidCommandError, /at least one scope/);
    });

    it('lists each scope once', () => {
      given(schemeDecider)
        .when(grant({ scopes: ['bcf', 'bcf'] }))
        .thenThrows(InvalidCommandError, /bcf more than once/);
    });

    it('delegates only functions the organisation holds', () => {
      given(schemeDecider)
        .when(grant({ scopes: ['primary-care'] }))
        .thenThrows(InvalidCommandError, 'primary-care is not a function of wiltshire-council.');
    });

    it('may delegate part of a function (scopes are hierarchical)', () => {
      const command = grant({ scopes: ['community-services/children'] });
      expect(schemeDecider.decide(command, schemeDecider.initialState)).toHaveLength(1);
    });

    it.each([-1, 12.5, Number.NaN])('refuses the limit %p (limits are whole pence, 0 or more)', (limitPence) => {
      given(schemeDecider).when(grant({ limitPence })).thenThrows(InvalidCommandError, /whole number of pence/);
    });

    it('ends after it begins (effectiveUntil is exclusive)', () => {
      given(schemeDecider)
        .when(grant({ effectiveUntil: on('2021-04-01') }))
        .thenThrows(InvalidCommandError, /effectiveUntil must be after effectiveFrom/);
    });

    it('is made on behalf of a registered organisation', () => {
      given(schemeDecider)
        .when(grant({ organisation: { status: 'unregistered' } }))
        .thenThrows(NotFoundError, 'There is no organisation wiltshire-council.');
    });

    it('is made while the organisation exists', () => {
      given(schemeDecider)
        .when(grant({ effectiveFrom: on('2001-04-01') }))
        .thenThrows(InvalidTransitionError, 'Organisation wiltshire-council does not exist on 2001-04-01.');
    });

    it('names a body or post that exists as giver and receiver', () => {
      given(schemeDecider)
        .when(grant({ toId: 'director-of-nowhere' }))
        .thenThrows(NotFoundError, 'There is no body or post director-of-nowhere.');
    });

    it('is made to a body only once it is established', () => {
      given(schemeDecider)
        .when(grant({ toId: 'wiltshire-alliance-joint-committee', scopes: ['bcf'], effectiveFrom: on('2022-01-01') }))
        .thenThrows(InvalidTransitionError, 'Body wiltshire-alliance-joint-committee (toId) is not established until 2022-04-01.');
    });

    it('is not made to a body dissolved by then', () => {
      const dissolvedHolders = holders.map((holder) => (holder.id === 'wiltshire-alliance-joint-committee' ? { ...holder, dissolvedOn: on('2023-04-01') } : holder));
      given(schemeDecider)
        .when(grant({ toId: 'wiltshire-alliance-joint-committee', scopes: ['bcf'], effectiveFrom: on('2023-04-01'), holders: dissolvedHolders }))
        .thenThrows(InvalidTransitionError, /was dissolved on 2023-04-01/);
    });
  });

  describe('passing on delegated authority', () => {
    it('lets a delegate allowed to redelegate pass on what it holds', () => {
      given(schemeDecider, [cabinetToCabinetMember])
        .when(memberToDass)
        .then([
          {
            type: 'DelegationGranted',
            data: {
              ...cabinetToCabinetMember.data,
              delegationId: 'cabinet-member-to-dass',
              fromId: 'cabinet-member-adult-social-care',
              toId: 'director-adult-social-services',
              limitPence: 100_000_000,
              effectiveFrom: on('2021-06-01'),
              mayRedelegate: false,
            },
          },
        ]);
    });

    it('does not let a delegate pass on more than its own limit', () => {
      given(schemeDecider, [cabinetToCabinetMember])
        .when({ ...memberToDass, limitPence: 600_000_000 })
        .thenThrows(NoAuthorityError, /delegation cabinet-to-cabinet-member-asc limit £5,000,000.00 is below £6,000,000.00/);
    });

    it('does not let a limited delegate pass on unlimited authority', () => {
      given(schemeDecider, [cabinetToCabinetMember])
        .when({ ...memberToDass, limitPence: null })
        .thenThrows(NoAuthorityError, /limit £5,000,000.00 cannot carry unlimited authority/);
    });

    it('does not let a delegate pass on a scope it does not hold', () => {
      given(schemeDecider, [cabinetToCabinetMember])
        .when({ ...memberToDass, scopes: ['public-health'] })
        .thenThrows(NoAuthorityError, /scope public-health is not delegated to holder cabinet-member-adult-social-care/);
    });

    it('does not let a delegate pass authority on unless its delegation allows it', () => {
      given(schemeDecider, [cabinetToCabinetMember, schemeDecider.decide(memberToDass, fold(schemeDecider, [cabinetToCabinetMember]))[0]])
        .when(grant({ delegationId: 'dass-to-head-of-commissioning', fromId: 'director-adult-social-services', toId: 'head-of-commissioning', limitPence: 25_000_000, effectiveFrom: on('2021-07-01') }))
        .thenThrows(NoAuthorityError, /delegation cabinet-member-to-dass does not allow director-adult-social-services to delegate further/);
    });

    it('judges the delegate at the date the new delegation takes effect', () => {
      given(schemeDecider, [cabinetToCabinetMember, revoked('cabinet-to-cabinet-member-asc', '2021-05-01')])
        .when(memberToDass)
        .thenThrows(NoAuthorityError, /delegation cabinet-to-cabinet-member-asc revoked with effect from 2021-05-01/);
    });

    it('lets a holder pass on authority transferred from a dissolved CCG to its ICB', () => {
      const ccg = fold(organisationDecider, [
        { type: 'OrganisationRegistered', data: { organisationId: 'bsw-ccg', name: 'BSW CCG', kind: 'ccg', functions: ['community-services'], establishedOn: on('2020-04-01') } },
        { type: 'GoverningBodyDesignated', data: { organisationId: 'bsw-ccg', bodyId: 'bsw-ccg-governing-body', from: on('2020-04-01') } },
        { type: 'OrganisationDissolved', data: { organisationId: 'bsw-ccg', dissolvedOn: on('2022-07-01'), successorId: 'bsw-icb', transferDelegations: true } },
      ] satisfies OrganisationEvent[]);
      const icb = fold(organisationDecider, [
        { type: 'OrganisationRegistered', data: { organisationId: 'bsw-icb', name: 'BSW ICB', kind: 'icb', functions: ['community-services', 'primary-care'], establishedOn: on('2022-07-01') } },
        { type: 'GoverningBodyDesignated', data: { organisationId: 'bsw-icb', bodyId: 'bsw-icb-board', from: on('2022-07-01') } },
      ] satisfies OrganisationEvent[]);
      const ccgScheme = fold(schemeDecider, [
        {
          type: 'DelegationGranted',
          data: {
            ...cabinetToCabinetMember.data,
            delegationId: 'ccg-to-alliance',
            organisationId: 'bsw-ccg',
            fromId: 'bsw-ccg-governing-body',
            toId: 'wiltshire-alliance-joint-committee',
            scopes: ['community-services'],
            limitPence: null,
            effectiveFrom: on('2022-04-01'),
          },
        },
      ]);
      const command = grant({
        delegationId: 'alliance-to-director-of-place',
        organisationId: 'bsw-icb',
        fromId: 'wiltshire-alliance-joint-committee',
        toId: 'director-adult-social-services',
        scopes: ['community-services/children'],
        limitPence: 20_000_000,
        effectiveFrom: on('2022-09-01'),
        organisation: icb,
      });
      given(schemeDecider).when(command).thenThrows(NoAuthorityError, /no chain of delegations from the governing body bsw-icb-board reaches wiltshire-alliance-joint-committee/);
      const [event] = schemeDecider.decide({ ...command, predecessors: [{ organisation: ccg, scheme: ccgScheme }] }, schemeDecider.initialState);
      expect(event.type).toBe('DelegationGranted');
    });

    it('carries the reasons as the authority answer (422 no_authority)', () => {
      let thrown: unknown;
      try {
        schemeDecider.decide({ ...memberToDass, fromId: 'head-of-commissioning' }, fold(schemeDecider, [cabinetToCabinetMember]));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(NoAuthorityError);
      expect((thrown as NoAuthorityError).code).toBe('no_authority');
      expect((thrown as NoAuthorityError).authority).toEqual({
        allowed: false,
        chains: [],
        reasons: ['no chain of delegations from the governing body wiltshire-cabinet reaches head-of-commissioning'],
      });
    });
  });

  describe('varying a delegation', () => {
    const vary = { type: 'VaryDelegation', delegationId: 'cabinet-to-cabinet-member-asc', organisationId: 'wiltshire-council', organisation: wiltshireCouncil } as const;

    it('changes only the terms named, from its effective date', () => {
      given(schemeDecider, [cabinetToCabinetMember])
        .when({ ...vary, effectiveFrom: on('2022-04-01'), reason: 'Budget 2022/23', limitPence: 750_000_000 })
        .then([
          {
            type: 'DelegationVaried',
            data: {
              delegationId: 'cabinet-to-cabinet-member-asc',
              organisationId: 'wiltshire-council',
              effectiveFrom: on('2022-04-01'),
              reason: 'Budget 2022/23',
              changes: [{ term: 'limitPence', to: 750_000_000 }],
            },
          },
        ]);
    });

    it('records removing the limit as a change to no limit', () => {
      const [event] = schemeDecider.decide({ ...vary, effectiveFrom: on('2022-04-01'), reason: 'Unlimited', limitPence: null }, fold(schemeDecider, [cabinetToCabinetMember]));
      expect(event.type === 'DelegationVaried' && event.data.changes).toEqual([{ term: 'limitPence', to: null }]);
    });

    it('changes something', () => {
      given(schemeDecider, [cabinetToCabinetMember])
        .when({ ...vary, effectiveFrom: on('2022-04-01'), reason: 'Nothing' })
        .thenThrows(InvalidCommandError, /changes at least one/);
    });

    it('is of a delegation in the scheme', () => {
      given(schemeDecider)
        .when({ ...vary, effectiveFrom: on('2022-04-01'), reason: 'Budget', limitPence: 1 })
        .thenThrows(NotFoundError, 'There is no delegation cabinet-to-cabinet-member-asc.');
    });

    it('takes effect no earlier than the delegation', () => {
      given(schemeDecider, [cabinetToCabinetMember])
        .when({ ...vary, effectiveFrom: on('2020-04-01'), reason: 'Budget', limitPence: 1 })
        .thenThrows(InvalidCommandError, /took effect on 2021-04-01/);
    });

    it('cannot take effect once the delegation is revoked', () => {
      given(schemeDecider, [cabinetToCabinetMember, revoked('cabinet-to-cabinet-member-asc', '2022-01-01')])
        .when({ ...vary, effectiveFrom: on('2022-04-01'), reason: 'Budget', limitPence: 1 })
        .thenThrows(InvalidTransitionError, /revoked with effect from 2022-01-01/);
    });

    it('may vary the past before a later revocation', () => {
      const events = schemeDecider.decide(
        { ...vary, effectiveFrom: on('2021-09-01'), reason: 'Correction', limitPence: 1 },
        fold(schemeDecider, [cabinetToCabinetMember, revoked('cabinet-to-cabinet-member-asc', '2022-01-01')]),
      );
      expect(events.map((event) => event.type)).toEqual(['DelegationVaried']);
    });

    it('keeps scopes among the organisation’s functions', () => {
      given(schemeDecider, [cabinetToCabinetMember])
        .when({ ...vary, effectiveFrom: on('2022-04-01'), reason: 'Widen', scopes: ['primary-care'] })
        .thenThrows(InvalidCommandError, /primary-care is not a function/);
    });

    it('sets an end date no earlier than the variation takes effect', () => {
      given(schemeDecider, [cabinetToCabinetMember])
        .when({ ...vary, effectiveFrom: on('2022-04-01'), reason: 'Sunset', effectiveUntil: on('2022-03-01') })
        .thenThrows(InvalidCommandError, /backdate the variation instead/);
    });

    it('does not let a delegate widen what it passed on beyond what it holds', () => {
      const history = [cabinetToCabinetMember, ...schemeDecider.decide(memberToDass, fold(schemeDecider, [cabinetToCabinetMember]))];
      given(schemeDecider, history)
        .when({ ...vary, delegationId: 'cabinet-member-to-dass', effectiveFrom: on('2022-04-01'), reason: 'Raise', limitPence: 900_000_000 })
        .thenThrows(NoAuthorityError, /limit £5,000,000.00 is below £9,000,000.00/);
    });

    it('does not let a delegate extend what it passed on once its own authority has gone', () => {
      const history = [cabinetToCabinetMember, ...schemeDecider.decide(memberToDass, fold(schemeDecider, [cabinetToCabinetMember])), revoked('cabinet-to-cabinet-member-asc', '2022-01-01')];
      given(schemeDecider, history)
        .when({ ...vary, delegationId: 'cabinet-member-to-dass', effectiveFrom: on('2022-04-01'), reason: 'Allow sub-delegation', mayRedelegate: true })
        .thenThrows(NoAuthorityError, /cabinet-member-adult-social-care may not delegate adult-social-care for wiltshire-council on 2022-04-01: delegation cabinet-to-cabinet-member-asc revoked with effect from 2022-01-01/);
    });

    it('lets a delegate narrow what it passed on even after losing its own authority', () => {
      const history = [cabinetToCabinetMember, ...schemeDecider.decide(memberToDass, fold(schemeDecider, [cabinetToCabinetMember])), revoked('cabinet-to-cabinet-member-asc', '2022-01-01')];
      const events = schemeDecider.decide(
        { ...vary, delegationId: 'cabinet-member-to-dass', effectiveFrom: on('2022-04-01'), reason: 'Reduce', limitPence: 10_000_000 },
        fold(schemeDecider, history),
      );
      expect(events.map((event) => event.type)).toEqual(['DelegationVaried']);
    });
  });

  describe('suspending and reinstating a delegation', () => {
    const suspend = { type: 'SuspendDelegation', delegationId: 'cabinet-to-cabinet-member-asc', organisationId: 'wiltshire-council', reason: 'Investigation' } as const;
    const reinstate = { type: 'ReinstateDelegation', delegationId: 'cabinet-to-cabinet-member-asc', organisationId: 'wiltshire-council', reason: 'Investigation closed' } as const;
    const suspended: SchemeEvent = { type: 'DelegationSuspended', data: { delegationId: 'cabinet-to-cabinet-member-asc', organisationId: 'wiltshire-council', effectiveFrom: on('2021-10-01'), reason: 'Investigation' } };
    const reinstated: SchemeEvent = { type: 'DelegationReinstated', data: { delegationId: 'cabinet-to-cabinet-member-asc', organisationId: 'wiltshire-council', effectiveFrom: on('2021-12-01'), reason: 'Investigation closed' } };

    it('suspends from a date', () => {
      given(schemeDecider, [cabinetToCabinetMember]).when({ ...suspend, effectiveFrom: on('2021-10-01') }).then([suspended]);
    });

    it('does not suspend a suspended delegation', () => {
      given(schemeDecider, [cabinetToCabinetMember, suspended])
        .when({ ...suspend, effectiveFrom: on('2021-11-01') })
        .thenThrows(InvalidTransitionError, 'Delegation cabinet-to-cabinet-member-asc is already suspended with effect from 2021-10-01.');
    });

    it('reinstates a suspended delegation from a later date', () => {
      given(schemeDecider, [cabinetToCabinetMember, suspended]).when({ ...reinstate, effectiveFrom: on('2021-12-01') }).then([reinstated]);
    });

    it('does not reinstate a delegation that is not suspended', () => {
      given(schemeDecider, [cabinetToCabinetMember]).when({ ...reinstate, effectiveFrom: on('2021-12-01') }).thenThrows(InvalidTransitionError, /is not suspended/);
    });

    it('reinstates only after the suspension took effect', () => {
      given(schemeDecider, [cabinetToCabinetMember, suspended])
        .when({ ...reinstate, effectiveFrom: on('2021-10-01') })
        .thenThrows(InvalidCommandError, /after the suspension did \(2021-10-01\)/);
    });

    it('may suspend again after a reinstatement, but not within the earlier suspension', () => {
      given(schemeDecider, [cabinetToCabinetMember, suspended, reinstated])
        .when({ ...suspend, effectiveFrom: on('2021-11-01') })
        .thenThrows(InvalidTransitionError, /suspended from 2021-10-01 until 2021-12-01/);
      const events = schemeDecider.decide({ ...suspend, effectiveFrom: on('2022-02-01') }, fold(schemeDecider, [cabinetToCabinetMember, suspended, reinstated]));
      expect(events.map((event) => event.type)).toEqual(['DelegationSuspended']);
    });

    it('does not suspend from the date of a revocation on', () => {
      given(schemeDecider, [cabinetToCabinetMember, revoked('cabinet-to-cabinet-member-asc', '2021-09-01')])
        .when({ ...suspend, effectiveFrom: on('2021-10-01') })
        .thenThrows(InvalidTransitionError, /revoked with effect from 2021-09-01/);
    });
  });

  describe('revoking a delegation', () => {
    const revoke = { type: 'RevokeDelegation', delegationId: 'cabinet-to-cabinet-member-asc', organisationId: 'wiltshire-council', reason: 'Scheme of delegation revised' } as const;

    it('revokes from a date, which may be in the past', () => {
      given(schemeDecider, [cabinetToCabinetMember]).when({ ...revoke, effectiveFrom: on('2021-05-01') }).then([revoked('cabinet-to-cabinet-member-asc', '2021-05-01')]);
    });

    it('does not revoke a revoked delegation', () => {
      given(schemeDecider, [cabinetToCabinetMember, revoked('cabinet-to-cabinet-member-asc', '2021-05-01')])
        .when({ ...revoke, effectiveFrom: on('2021-06-01') })
        .thenThrows(InvalidTransitionError, 'Delegation cabinet-to-cabinet-member-asc was already revoked with effect from 2021-05-01.');
    });

    it('does not revoke from before the delegation took effect', () => {
      given(schemeDecider, [cabinetToCabinetMember]).when({ ...revoke, effectiveFrom: on('2020-05-01') }).thenThrows(InvalidCommandError, /took effect on 2021-04-01/);
    });

    it('is of a delegation in the scheme', () => {
      given(schemeDecider).when({ ...revoke, effectiveFrom: on('2021-05-01') }).thenThrows(NotFoundError, 'There is no delegation cabinet-to-cabinet-member-asc.');
    });
  });

  describe('the timeline kept for each delegation', () => {
    const varied = (from: string, changes: Extract<SchemeEvent, { type: 'DelegationVaried' }>['data']['changes']): SchemeEvent => ({
      type: 'DelegationVaried',
      data: { delegationId: 'cabinet-to-cabinet-member-asc', organisationId: 'wiltshire-council', effectiveFrom: on(from), reason: 'Variation', changes },
    });

    it('applies a variation only from its effective date', () => {
      const delegation = fold(schemeDecider, [cabinetToCabinetMember, varied('2022-04-01', [{ term: 'limitPence', to: 750_000_000 }])]).delegations.get('cabinet-to-cabinet-member-asc')!;
      expect(termsAt(delegation, on('2022-03-31')).limitPence).toBe(500_000_000);
      expect(termsAt(delegation, on('2022-04-01')).limitPence).toBe(750_000_000);
    });

    it('orders a backdated variation by its effective date, not when it was recorded', () => {
      const delegation = fold(schemeDecider, [
        cabinetToCabinetMember,
        varied('2022-04-01', [{ term: 'limitPence', to: 750_000_000 }]),
        varied('2021-10-01', [{ term: 'limitPence', to: 600_000_000 }, { term: 'scopes', to: ['adult-social-care', 'bcf'] }]),
      ]).delegations.get('cabinet-to-cabinet-member-asc')!;
      expect(termsAt(delegation, on('2021-09-30'))).toEqual({ scopes: ['adult-social-care'], limitPence: 500_000_000, effectiveUntil: null, mayRedelegate: true });
      expect(termsAt(delegation, on('2021-10-01'))).toEqual({ scopes: ['adult-social-care', 'bcf'], limitPence: 600_000_000, effectiveUntil: null, mayRedelegate: true });
      expect(termsAt(delegation, on('2022-04-01'))).toEqual({ scopes: ['adult-social-care', 'bcf'], limitPence: 750_000_000, effectiveUntil: null, mayRedelegate: true });
    });

    it('knows at any instant whether the delegation was in force, and if not why', () => {
      const delegation = fold(schemeDecider, [
        cabinetToCabinetMember,
        { type: 'DelegationSuspended', data: { delegationId: 'cabinet-to-cabinet-member-asc', organisationId: 'wiltshire-council', effectiveFrom: on('2021-10-01'), reason: 'x' } },
        { type: 'DelegationReinstated', data: { delegationId: 'cabinet-to-cabinet-member-asc', organisationId: 'wiltshire-council', effectiveFrom: on('2021-12-01'), reason: 'y' } },
        varied('2022-01-01', [{ term: 'effectiveUntil', to: on('2023-04-01') }]),
        revoked('cabinet-to-cabinet-member-asc', '2022-06-01'),
      ]).delegations.get('cabinet-to-cabinet-member-asc')!;
      expect(standingAt(delegation, on('2021-03-31')).status).toBe('not-yet-in-force');
      expect(standingAt(delegation, on('2021-04-01')).status).toBe('in-force');
      expect(standingAt(delegation, on('2021-11-01'))).toEqual({ status: 'suspended', from: on('2021-10-01'), until: on('2021-12-01') });
      expect(standingAt(delegation, on('2021-12-01')).status).toBe('in-force');
      expect(standingAt(delegation, on('2022-06-01'))).toEqual({ status: 'revoked', from: on('2022-06-01') });
    });

    it('finds the delegations each holder received', () => {
      const scheme = fold(schemeDecider, [cabinetToCabinetMember, ...schemeDecider.decide(memberToDass, fold(schemeDecider, [cabinetToCabinetMember]))]);
      expect(delegationsTo(scheme, 'director-adult-social-services').map((delegation) => delegation.delegationId)).toEqual(['cabinet-member-to-dass']);
      expect(delegationsTo(scheme, 'wiltshire-cabinet')).toEqual([]);
    });

    it('ignores events about delegations it never granted', () => {
      const scheme = fold(schemeDecider, [revoked('never-granted', '2021-05-01')]);
      expect(scheme.delegations.size).toBe(0);
    });
  });
});
