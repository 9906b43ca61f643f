import { given } from '../../test/given-when-then.js';
import { AlreadyExistsError, InvalidCommandError, InvalidTransitionError, NotFoundError } from '../shared/domain-error.js';
import { organisationDecider } from './organisation.decider.js';
import type { OrganisationEvent } from './organisation.events.js';
import { governingBodyAt, organisationExistsAt } from './organisation.state.js';
import { fold } from '../shared/decider.js';

const ccgRegistered: OrganisationEvent = {
  type: 'OrganisationRegistered',
  data: {
    organisationId: 'bsw-ccg',
    name: 'Bath and North East Somerset, Swindon and Wiltshire CCG',
    kind: 'ccg',
    functions: ['commissioning', 'bcf'],
    establishedOn: '2020-03-31T23:00:00.000Z',
  },
};
const governingBody: OrganisationEvent = {
  type: 'GoverningBodyDesignated',
  data: { organisationId: 'bsw-ccg', bodyId: 'bsw-ccg-governing-body', from: '2020-03-31T23:00:00.000Z' },
};
const icb = { organisationId: 'bsw-icb', registered: true, establishedOn: '2022-06-30T23:00:00.000Z' };

describe('an organisation', () => {
  it('is registered with its kind and statutory functions', () => {
    given(organisationDecider)
      .when({ type: 'RegisterOrganisation', ...ccgRegistered.data })
      .then([ccgRegistered]);
  });

  it('is registered only once', () => {
    given(organisationDecider, [ccgRegistered])
      .when({ type: 'RegisterOrganisation', ...ccgRegistered.data })
      .thenThrows(AlreadyExistsError, 'A organisation with id bsw-ccg already exists.');
  });

  it('lists each function once', () => {
    given(organisationDecider)
      .when({ type: 'RegisterOrganisation', ...ccgRegistered.data, functions: ['bcf', 'bcf'] })
      .thenThrows(InvalidCommandError, /bcf more than once/);
  });

  describe('dissolution', () => {
    it('names its successor and whether its delegations transfer (every CCG passed to an ICB on 1 July 2022)', () => {
      given(organisationDecider, [ccgRegistered])
        .when({ type: 'DissolveOrganisation', organisationId: 'bsw-ccg', dissolvedOn: '2022-06-30T23:00:00.000Z', transferDelegations: true, successor: icb })
        .then([
          {
            type: 'OrganisationDissolved',
            data: { organisationId: 'bsw-ccg', dissolvedOn: '2022-06-30T23:00:00.000Z', successorId: 'bsw-icb', transferDelegations: true },
          },
        ]);
    });

    it('may have no successor, and then its delegations lapse', () => {
      given(organisationDecider, [ccgRegistered])
        .when({ type: 'DissolveOrganisation', organisationId: 'bsw-ccg', dissolvedOn: '2022-06-30T23:00:00.000Z', transferDelegations: false })
        .then([
          {
            type: 'OrganisationDissolved',
            data: { organisationId: 'bsw-ccg', dissolvedOn: '2022-06-30T23:00:00.000Z', successorId: null, transferDelegations: false },
          },
        ]);
    });

    it('cannot transfer delegations to no one', () => {
      given(organisationDecider, [ccgRegistered])
        .when({ type: 'DissolveOrganisation', organisationId: 'bsw-ccg', dissolvedOn: '2022-06-30T23:00:00.000Z', transferDelegations: true })
        .thenThrows(InvalidCommandError, /only to a successor/);
    });

    it('needs a successor that is registered', () => {
      given(organisationDecider, [ccgRegistered])
        .when({
          type: 'DissolveOrganisation',
          organisationId: 'bsw-ccg',
          dissolvedOn: '2022-06-30T23:00:00.000Z',
          transferDelegations: true,
          successor: { organisationId: 'bsw-icb', registered: false },
        })
        .thenThrows(NotFoundError, 'There is no organisation bsw-icb.');
    });

    it('cannot pass to a successor dissolved by then', () => {
      given(organisationDecider, [ccgRegistered])
        .when({
          type: 'DissolveOrganisation',
          organisationId: 'bsw-ccg',
          dissolvedOn: '2022-06-30T23:00:00.000Z',
          transferDelegations: true,
          successor: { ...icb, dissolvedOn: '2022-01-01T00:00:00.000Z' },
        })
        .thenThrows(InvalidTransitionError, /itself dissolved on 2022-01-01/);
    });

    it('cannot succeed itself', () => {
      given(organisationDecider, [ccgRegistered])
        .when({
          type: 'DissolveOrganisation',
          organisationId: 'bsw-ccg',
          dissolvedOn: '2022-06-30T23:00:00.000Z',
          transferDelegations: false,
          successor: { organisationId: 'bsw-ccg', registered: true },
        })
        .thenThrows(InvalidCommandError, /cannot succeed itself/);
    });

    it('happens once', () => {
      given(organisationDecider, [
        ccgRegistered,
        { type: 'OrganisationDissolved', data: { organisationId: 'bsw-ccg', dissolvedOn: '2022-06-30T23:00:00.000Z', successorId: null, transferDelegations: false } },
      ])
        .when({ type: 'DissolveOrganisation', organisationId: 'bsw-ccg', dissolvedOn: '2022-07-31T23:00:00.000Z', transferDelegations: false })
        .thenThrows(InvalidTransitionError, 'Organisation bsw-ccg was already dissolved on 2022-07-01.');
    });

    it('comes after establishment', () => {
      given(organisationDecider, [ccgRegistered])
        .when({ type: 'DissolveOrganisation', organisationId: 'bsw-ccg', dissolvedOn: '2019-01-01T00:00:00.000Z', transferDelegations: false })
        .thenThrows(InvalidCommandError, /after the organisation was established \(2020-04-01\)/);
    });

    it('of an unknown organisation is refused', () => {
      given(organisationDecider)
        .when({ type: 'DissolveOrganisation', organisationId: 'bsw-ccg', dissolvedOn: '2022-06-30T23:00:00.000Z', transferDelegations: false })
        .thenThrows(NotFoundError);
    });
  });

  describe('succession', () => {
    it('is recorded on the successor, once', () => {
      const icbRegistered: OrganisationEvent = {
        type: 'OrganisationRegistered',
        data: { organisationId: 'bsw-icb', name: 'BSW ICB', kind: 'icb', functions: ['commissioning'], establishedOn: '2022-06-30T23:00:00.000Z' },
      };
      const succeeded: OrganisationEvent = {
        type: 'OrganisationSucceeded',
        data: { organisationId: 'bsw-icb', predecessorId: 'bsw-ccg', succeededOn: '2022-06-30T23:00:00.000Z', transferDelegations: true },
      };
      const command = { type: 'RecordSuccession', organisationId: 'bsw-icb', predecessorId: 'bsw-ccg', succeededOn: '2022-06-30T23:00:00.000Z', transferDelegations: true } as const;
      given(organisationDecider, [icbRegistered]).when(command).then([succeeded]);
      given(organisationDecider, [icbRegistered, succeeded]).when(command).then([]);
      expect(fold(organisationDecider, [icbRegistered, succeeded])).toMatchObject({
        predecessors: [{ organisationId: 'bsw-ccg', succeededOn: '2022-06-30T23:00:00.000Z', transferDelegations: true }],
      });
    });
  });

  describe('governing body', () => {
    it('is designated from the day it is established', () => {
      given(organisationDecider, [ccgRegistered])
        .when({ type: 'DesignateGoverningBody', organisationId: 'bsw-ccg', bodyId: 'bsw-ccg-governing-body', from: '2020-03-31T23:00:00.000Z' })
        .then([governingBody]);
    });

    it('is one at a time', () => {
      given(organisationDecider, [ccgRegistered, governingBody])
        .when({ type: 'DesignateGoverningBody', organisationId: 'bsw-ccg', bodyId: 'another-board', from: '2021-01-01T00:00:00.000Z' })
        .thenThrows(InvalidTransitionError, /already has governing body bsw-ccg-governing-body; dissolve it/);
    });

    it('may be replaced once the previous one is vacated', () => {
      given(organisationDecider, [
        ccgRegistered,
        governingBody,
        { type: 'GoverningBodyVacated', data: { organisationId: 'bsw-ccg', bodyId: 'bsw-ccg-governing-body', from: '2021-01-01T00:00:00.000Z' } },
      ])
        .when({ type: 'DesignateGoverningBody', organisationId: 'bsw-ccg', bodyId: 'new-board', from: '2021-01-01T00:00:00.000Z' })
        .then([{ type: 'GoverningBodyDesignated', data: { organisationId: 'bsw-ccg', bodyId: 'new-board', from: '2021-01-01T00:00:00.000Z' } }]);
    });

    it('cannot begin while an earlier one still held office then', () => {
      given(organisationDecider, [
        ccgRegistered,
        governingBody,
        { type: 'GoverningBodyVacated', data: { organisationId: 'bsw-ccg', bodyId: 'bsw-ccg-governing-body', from: '2021-01-01T00:00:00.000Z' } },
      ])
        .when({ type: 'DesignateGoverningBody', organisationId: 'bsw-ccg', bodyId: 'new-board', from: '2020-12-01T00:00:00.000Z' })
        .thenThrows(InvalidTransitionError, /until 2021-01-01/);
    });

    it('cannot be designated outside the organisation’s life', () => {
      given(organisationDecider, [ccgRegistered])
        .when({ type: 'DesignateGoverningBody', organisationId: 'bsw-ccg', bodyId: 'bsw-ccg-governing-body', from: '2019-01-01T00:00:00.000Z' })
        .thenThrows(InvalidTransitionError, /does not exist on 2019-01-01/);
    });

    it('is vacated only by the body holding it', () => {
      given(organisationDecider, [ccgRegistered, governingBody])
        .when({ type: 'VacateGoverningBody', organisationId: 'bsw-ccg', bodyId: 'someone-else', from: '2021-01-01T00:00:00.000Z' })
        .thenThrows(InvalidTransitionError, /is not the governing body/);
    });
  });

  describe('over time', () => {
    const history: OrganisationEvent[] = [
      ccgRegistered,
      governingBody,
      { type: 'GoverningBodyVacated', data: { organisationId: 'bsw-ccg', bodyId: 'bsw-ccg-governing-body', from: '2022-06-30T23:00:00.000Z' } },
      { type: 'OrganisationDissolved', data: { organisationId: 'bsw-ccg', dissolvedOn: '2022-06-30T23:00:00.000Z', successorId: 'bsw-icb', transferDelegations: true } },
    ];
    const state = fold(organisationDecider, history);

    it('exists from establishment until dissolution, exclusive', () => {
      expect(organisationExistsAt(state, '2020-03-31T22:59:59.999Z')).toBe(false);
      expect(organisationExistsAt(state, '2020-03-31T23:00:00.000Z')).toBe(true);
      expect(organisationExistsAt(state, '2022-06-30T22:59:59.999Z')).toBe(true);
      expect(organisationExistsAt(state, '2022-06-30T23:00:00.000Z')).toBe(false);
    });

    it('knows its governing body at any instant', () => {
      expect(governingBodyAt(state, '2021-06-01T00:00:00.000Z')).toBe('bsw-ccg-governing-body');
      expect(governingBodyAt(state, '2022-07-01T00:00:00.000Z')).toBeUndefined();
    });
  });
});
