import { given } from '../../test/given-when-then.js';
import { fold } from '../shared/decider.js';
import { AlreadyExistsError, DomainError, InvalidCommandError, InvalidTransitionError, NotFoundError } from '../shared/domain-error.js';
import { parseInstant } from '../shared/ledger-time.js';
import type { BodyCommand, EstablishBody, StartMembership } from './body.commands.js';
import { bodyDecider } from './body.decider.js';
import type { BodyEvent, BodyKind, MembershipStarted } from './body.events.js';
import { bodyStreamId } from './body.events.js';
import { membersAt, membershipHistory } from './body.state.js';
import type { OrganisationFact } from '../shared/organisation-fact.js';

/** 00:00 Europe/London on a date, as the domain holds it. */
const day = (date: string) => parseInstant(date)!;

const wiltshireCouncil: OrganisationFact = { organisationId: 'wiltshire-council', registered: true, establishedOn: day('2009-04-01') };
const bswIcb: OrganisationFact = { organisationId: 'bsw-icb', registered: true, establishedOn: day('2022-07-01') };
const ruh: OrganisationFact = { organisationId: 'ruh-bath', registered: true, establishedOn: day('2014-11-01') };
const bswCcg: OrganisationFact = { organisationId: 'bsw-ccg', registered: true, establishedOn: day('2020-04-01'), dissolvedOn: day('2022-07-01') };
const wirralCouncil: OrganisationFact = { organisationId: 'wirral-council', registered: true, establishedOn: day('1974-04-01') };

/** Wiltshire's Alliance Joint Committee (seed 001): the council, the ICB and the acute trust decide together at place. */
const allianceEstablished: BodyEvent = {
  type: 'BodyEstablished',
  data: {
    bodyId: 'wiltshire-alliance-joint-committee',
    name: 'Wiltshire Alliance Joint Committee',
    kind: 'joint-committee',
    organisationId: null,
    memberOrganisationIds: ['wiltshire-council', 'bsw-icb', 'ruh-bath'],
    establishedOn: day('2022-07-01'),
    termsOfReference: 'Allocating the delegated place-based budget; setting priorities and approving the overall work programme.',
  },
};
const establishAlliance: EstablishBody = {
  type: 'EstablishBody',
  bodyId: 'wiltshire-alliance-joint-committee',
  name: 'Wiltshire Alliance Joint Committee',
  kind: 'joint-committee',
  memberOrganisationIds: ['wiltshire-council', 'bsw-icb', 'ruh-bath'],
  establishedOn: day('2022-07-01'),
  termsOfReference: 'Allocating the delegated place-based budget; setting priorities and approving the overall work programme.',
  organisations: [wiltshireCouncil, bswIcb, ruh],
};

const healthSelectCommittee: BodyEvent = {
  type: 'BodyEstablished',
  data: {
    bodyId: 'wiltshire-health-select-committee',
    name: 'Health Select Committee',
    kind: 'scrutiny-committee',
    organisationId: 'wiltshire-council',
    memberOrganisationIds: [],
    establishedOn: day('2017-05-01'),
    termsOfReference: null,
  },
};

function establish(kind: BodyKind, names: { organisationId?: string; memberOrganisationIds?: string[] }, organisations: OrganisationFact[] = [wiltshireCouncil, bswIcb, ruh]): EstablishBody {
  return { type: 'EstablishBody', bodyId: 'a-body', name: 'A body', kind, ...names, establishedOn: day('2022-07-01'), organisations };
}

const joinAlliance = (membership: Partial<StartMembership>): StartMembership => ({
  type: 'StartMembership',
  bodyId: 'wiltshire-alliance-joint-committee',
  membershipId: 'member-1',
  role: 'member',
  startDate: day('2022-07-01'),
  organisations: [],
  ...membership,
});

/** A membership started: of a person (`memberName`, by default 'A Member') or of an organisation (`memberOrganisationId`). */
const started = ({ memberName, memberOrganisationId, ...data }: Partial<Omit<MembershipStarted['data'], 'member'>> & { memberName?: string; memberOrganisationId?: string }): BodyEvent => ({
  type: 'MembershipStarted',
  data: {
    bodyId: 'wiltshire-alliance-joint-committee',
    membershipId: 'member-1',
    member: memberOrganisationId ? { kind: 'organisation', organisationId: memberOrganisationId } : { kind: 'person', name: memberName ?? 'A Member' },
    role: 'member',
    onBehalfOfOrganisationId: null,
    startDate: day('2022-07-01'),
    endDate: null,
    ...data,
  },
});

/** The command is refused as `InvalidCommandError` naming `field`. */
function expectInvalid(history: BodyEvent[], command: BodyCommand, field: string, message: RegExp | string) {
  given(bodyDecider, history).when(command).thenThrows(InvalidCommandError, message);
  let thrown: unknown;
  try {
    bodyDecider.decide(command, fold(bodyDecider, history));
  } catch (caught) {
    thrown = caught;
  }
  expect(thrown).toMatchObject({ field });
}

describe('a body', () => {
  it('lives in the stream body-{id}', () => {
    expect(bodyStreamId('wiltshire-alliance-joint-committee')).toBe('body-wiltshire-alliance-joint-committee');
  });

  describe('establishment', () => {
    it('records its name, kind, organisations, date and terms of reference', () => {
      given(bodyDecider).when(establishAlliance).then([allianceEstablished]);
    });

    it('of one organisation names it as organisationId and has no member organisations', () => {
      given(bodyDecider)
        .when({
          type: 'EstablishBody',
          bodyId: 'wiltshire-health-select-committee',
          name: 'Health Select Committee',
          kind: 'scrutiny-committee',
          organisationId: 'wiltshire-council',
          establishedOn: day('2017-05-01'),
          organisations: [wiltshireCouncil],
        })
        .then([healthSelectCommittee]);
    });

    it('happens once', () => {
      given(bodyDecider, [allianceEstablished]).when(establishAlliance).thenThrows(AlreadyExistsError, 'A body with id wiltshire-alliance-joint-committee already exists.');
    });

    it('has a name', () => {
      expectInvalid([], { ...establishAlliance, name: '  ' }, 'name', 'name must not be blank.');
    });

    it('is of one of the known kinds', () => {
      expectInvalid([], { ...establishAlliance, kind: 'cabal' as BodyKind }, 'kind', /kind must be one of governing-body, committee/);
    });

    it('has terms of reference that say something when it has any', () => {
      expectInvalid([], { ...establishAlliance, termsOfReference: '' }, 'termsOfReference', 'termsOfReference must not be blank.');
    });

    describe('by kind', () => {
      it('a governing body names the organisation whose plenary authority it holds', () => {
        expectInvalid([], establish('governing-body', {}), 'organisationId', /plenary authority of one organisation: name it as organisationId/);
      });

      it('a governing body has no member organisations: its partner members are memberships', () => {
        expectInvalid(
          [],
          establish('governing-body', { organisationId: 'bsw-icb', memberOrganisationIds: ['bsw-icb', 'wiltshire-council'] }),
          'memberOrganisationIds',
          /record partner members as memberships/,
        );
      });

      it('a joint committee is formed by at least two member organisations', () => {
        expectInvalid([], establish('joint-committee', { memberOrganisationIds: ['wiltshire-council'] }), 'memberOrganisationIds', /at least two organisations/);
        expectInvalid([], establish('joint-committee', { organisationId: 'wiltshire-council' }), 'memberOrganisationIds', /at least two organisations/);
      });

      it('a joint committee may name its host, which is one of its member organisations', () => {
        given(bodyDecider)
          .when({ ...establishAlliance, organisationId: 'bsw-icb' })
          .then([{ ...allianceEstablished, data: { ...allianceEstablished.data, organisationId: 'bsw-icb' } } as BodyEvent]);
        expectInvalid(
          [],
          establish('joint-committee', { organisationId: 'wiltshire-council', memberOrganisationIds: ['bsw-icb', 'ruh-bath'] }),
          'organisationId',
          'The host organisation wiltshire-council must be one of memberOrganisationIds.',
        );
      });

      it('a component of a committee in common decides for its own organisation (Wirral’s Cabinet Committee)', () => {
        given(bodyDecider)
          .when({
            type: 'EstablishBody',
            bodyId: 'wirral-jscb-cabinet-committee',
            name: 'Joint Strategic Commissioning Board (Cabinet Committee)',
            kind: 'committee-in-common',
            organisationId: 'wirral-council',
            establishedOn: day('2018-04-01'),
            organisations: [wirralCouncil],
          })
          .then([
            {
              type: 'BodyEstablished',
              data: {
                bodyId: 'wirral-jscb-cabinet-committee',
                name: 'Joint Strategic Commissioning Board (Cabinet Committee)',
                kind: 'committee-in-common',
                organisationId: 'wirral-council',
                memberOrganisationIds: [],
                establishedOn: day('2018-04-01'),
                termsOfReference: null,
              },
            },
          ]);
      });

      it('a component of a committee in common names its organisation and no other', () => {
        expectInvalid([], establish('committee-in-common', { memberOrganisationIds: ['wiltshire-council', 'bsw-icb'] }), 'organisationId', /decides for its own organisation/);
        expectInvalid(
          [],
          establish('committee-in-common', { organisationId: 'wiltshire-council', memberOrganisationIds: ['wiltshire-council', 'bsw-icb'] }),
          'memberOrganisationIds',
          /no member organisations/,
        );
      });

      it('a partnership board may be held jointly by several organisations', () => {
        given(bodyDecider)
          .when(establish('partnership-board', { memberOrganisationIds: ['wiltshire-council', 'bsw-icb'] }))
          .then([
            {
              type: 'BodyEstablished',
              data: {
                bodyId: 'a-body',
                name: 'A body',
                kind: 'partnership-board',
                organisationId: null,
                memberOrganisationIds: ['wiltshire-council', 'bsw-icb'],
                establishedOn: day('2022-07-01'),
                termsOfReference: null,
              },
            },
          ]);
      });

      it.each(['committee', 'sub-committee', 'partnership-board', 'officer-group', 'scrutiny-committee', 'advisory-board'] as BodyKind[])(
        'of kind %s belongs to at least one organisation',
        (kind) => {
          expectInvalid([], establish(kind, {}), 'organisationId', /A body belongs to an organisation/);
        },
      );

      it('a body held jointly names at least two organisations; one alone is its organisationId', () => {
        expectInvalid([], establish('officer-group', { memberOrganisationIds: ['bsw-icb'] }), 'memberOrganisationIds', /at least two; a body of one organisation names it as organisationId/);
      });

      it('lists each member organisation once', () => {
        expectInvalid([], establish('joint-committee', { memberOrganisationIds: ['bsw-icb', 'ruh-bath', 'bsw-icb'] }), 'memberOrganisationIds', 'memberOrganisationIds lists bsw-icb more than once.');
      });
    });

    describe('organisations named', () => {
      it('are registered', () => {
        given(bodyDecider)
          .when({ ...establishAlliance, organisations: [wiltshireCouncil, { organisationId: 'bsw-icb', registered: false }, ruh] })
          .thenThrows(NotFoundError, 'There is no organisation bsw-icb.');
      });

      it('are established by the day the body is', () => {
        given(bodyDecider)
          .when({ ...establishAlliance, establishedOn: day('2022-04-01') })
          .thenThrows(InvalidTransitionError, 'Organisation bsw-icb was not established until 2022-07-01.');
      });

      it('are not dissolved by then (no body is established for a CCG after 30 June 2022)', () => {
        given(bodyDecider)
          .when({ ...establish('committee', { organisationId: 'bsw-ccg' }, [bswCcg]) })
          .thenThrows(InvalidTransitionError, 'Organisation bsw-ccg was dissolved on 2022-07-01.');
        given(bodyDecider)
          .when({ ...establish('joint-committee', { memberOrganisationIds: ['wiltshire-council', 'bsw-ccg'] }, [wiltshireCouncil, bswCcg]) })
          .thenThrows(InvalidTransitionError, /bsw-ccg was dissolved/);
      });

      it('each come with a fact loaded by the handler (a missing fact is a handler’s bug, not a domain refusal)', () => {
        let thrown: unknown;
        try {
          bodyDecider.decide({ ...establishAlliance, organisations: [wiltshireCouncil, bswIcb] }, bodyDecider.initialState);
        } catch (caught) {
          thrown = caught;
        }
        expect(thrown).toBeInstanceOf(Error);
        expect(thrown).not.toBeInstanceOf(DomainError);
        expect((thrown as Error).message).toBe('The command carries no fact about organisation ruh-bath; its handler must load it.');
      });
    });
  });

  describe('dissolution', () => {
    it('happens on a date', () => {
      given(bodyDecider, [healthSelectCommittee])
        .when({ type: 'DissolveBody', bodyId: 'wiltshire-health-select-committee', dissolvedOn: day('2024-05-20') })
        .then([{ type: 'BodyDissolved', data: { bodyId: 'wiltshire-health-select-committee', dissolvedOn: day('2024-05-20') } }]);
    });

    it('ends every membership still running then, and leaves the ones already over', () => {
      given(bodyDecider, [
        allianceEstablished,
        started({ membershipId: 'open', memberName: 'A Member' }),
        started({ membershipId: 'appointed-beyond', memberName: 'B Member', endDate: day('2025-07-01') }),
        started({ membershipId: 'over', memberName: 'C Member', endDate: day('2023-07-01') }),
      ])
        .when({ type: 'DissolveBody', bodyId: 'wiltshire-alliance-joint-committee', dissolvedOn: day('2024-04-01') })
        .then([
          { type: 'BodyDissolved', data: { bodyId: 'wiltshire-alliance-joint-committee', dissolvedOn: day('2024-04-01') } },
          { type: 'MembershipEnded', data: { bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'open', endDate: day('2024-04-01'), reason: 'The body was dissolved.' } },
          {
            type: 'MembershipEnded',
            data: { bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'appointed-beyond', endDate: day('2024-04-01'), reason: 'The body was dissolved.' },
          },
        ]);
    });

    it('happens once', () => {
      given(bodyDecider, [healthSelectCommittee, { type: 'BodyDissolved', data: { bodyId: 'wiltshire-health-select-committee', dissolvedOn: day('2024-05-20') } }])
        .when({ type: 'DissolveBody', bodyId: 'wiltshire-health-select-committee', dissolvedOn: day('2024-06-01') })
        .thenThrows(InvalidTransitionError, 'Body wiltshire-health-select-committee was already dissolved on 2024-05-20.');
    });

    it('comes after establishment', () => {
      expectInvalid(
        [healthSelectCommittee],
        { type: 'DissolveBody', bodyId: 'wiltshire-health-select-committee', dissolvedOn: day('2017-05-01') },
        'dissolvedOn',
        'dissolvedOn must be after the body was established (2017-05-01).',
      );
    });

    it('cannot come before a membership recorded as starting later', () => {
      expectInvalid(
        [allianceEstablished, started({ membershipId: 'late', memberName: 'D Member', startDate: day('2024-01-01') })],
        { type: 'DissolveBody', bodyId: 'wiltshire-alliance-joint-committee', dissolvedOn: day('2023-12-01') },
        'dissolvedOn',
        /Membership late starts on 2024-01-01; the body cannot be dissolved before it/,
      );
    });

    it('of an unknown body is refused', () => {
      given(bodyDecider).when({ type: 'DissolveBody', bodyId: 'nobody', dissolvedOn: day('2024-01-01') }).thenThrows(NotFoundError, 'There is no body nobody.');
    });
  });

  describe('membership', () => {
    it('seats a person in a role from a date', () => {
      given(bodyDecider, [allianceEstablished])
        .when(joinAlliance({ membershipId: 'dph', memberName: 'Director of Public Health', role: 'non-voting member' }))
        .then([started({ membershipId: 'dph', memberName: 'Director of Public Health', role: 'non-voting member' })]);
    });

    it('seats an organisation on a joint committee', () => {
      given(bodyDecider, [allianceEstablished])
        .when(joinAlliance({ membershipId: 'ruh', memberOrganisationId: 'ruh-bath', organisations: [ruh] }))
        .then([started({ membershipId: 'ruh', memberOrganisationId: 'ruh-bath' })]);
    });

    it('may seat a person on behalf of an organisation (a partner member of the ICB board for the councils)', () => {
      const icbBoard: BodyEvent = {
        type: 'BodyEstablished',
        data: {
          bodyId: 'bsw-icb-board',
          name: 'BSW ICB Board',
          kind: 'governing-body',
          organisationId: 'bsw-icb',
          memberOrganisationIds: [],
          establishedOn: day('2022-07-01'),
          termsOfReference: null,
        },
      };
      given(bodyDecider, [icbBoard])
        .when({
          type: 'StartMembership',
          bodyId: 'bsw-icb-board',
          membershipId: 'partner-member-local-authorities',
          memberName: 'Alex Morgan',
          role: 'partner member',
          onBehalfOfOrganisationId: 'wiltshire-council',
          startDate: day('2022-07-01'),
          organisations: [wiltshireCouncil],
        })
        .then([
          {
            type: 'MembershipStarted',
            data: {
              bodyId: 'bsw-icb-board',
              membershipId: 'partner-member-local-authorities',
              member: { kind: 'person', name: 'Alex Morgan' },
              role: 'partner member',
              onBehalfOfOrganisationId: 'wiltshire-council',
              startDate: day('2022-07-01'),
              endDate: null,
            },
          },
        ]);
    });

    it('names exactly one member: a person or an organisation', () => {
      expectInvalid([allianceEstablished], joinAlliance({}), 'memberName', /exactly one of them/);
      expectInvalid([allianceEstablished], joinAlliance({ memberName: 'A Member', memberOrganisationId: 'ruh-bath', organisations: [ruh] }), 'memberName', /exactly one of them/);
    });

    it('seats organisations only on bodies of several organisations', () => {
      expectInvalid(
        [healthSelectCommittee],
        joinAlliance({ bodyId: 'wiltshire-health-select-committee', memberOrganisationId: 'bsw-icb', startDate: day('2023-01-01'), organisations: [bswIcb] }),
        'memberOrganisationId',
        /organisations sit only on bodies of several organisations/,
      );
    });

    it('seats an organisation on its own behalf, not another’s on its own', () => {
      expectInvalid(
        [allianceEstablished],
        joinAlliance({ memberOrganisationId: 'ruh-bath', onBehalfOfOrganisationId: 'ruh-bath', organisations: [ruh] }),
        'onBehalfOfOrganisationId',
        /sits on its own behalf/,
      );
    });

    it('names organisations that exist on its start date', () => {
      given(bodyDecider, [allianceEstablished])
        .when(joinAlliance({ memberName: 'A Member', onBehalfOfOrganisationId: 'bsw-ccg', organisations: [bswCcg] }))
        .thenThrows(InvalidTransitionError, 'Organisation bsw-ccg was dissolved on 2022-07-01.');
      given(bodyDecider, [allianceEstablished])
        .when(joinAlliance({ memberOrganisationId: 'healthwatch-wiltshire', organisations: [{ organisationId: 'healthwatch-wiltshire', registered: false }] }))
        .thenThrows(NotFoundError, 'There is no organisation healthwatch-wiltshire.');
    });

    it('has an id unique within the body', () => {
      given(bodyDecider, [allianceEstablished, started({ memberName: 'A Member' })])
        .when(joinAlliance({ memberName: 'B Member' }))
        .thenThrows(AlreadyExistsError, 'A membership with id member-1 already exists.');
    });

    it('has a role', () => {
      expectInvalid([allianceEstablished], joinAlliance({ memberName: 'A Member', role: ' ' }), 'role', 'role must not be blank.');
    });

    it('starts once the body is established', () => {
      expectInvalid([allianceEstablished], joinAlliance({ memberName: 'A Member', startDate: day('2022-06-30') }), 'startDate', /on or after the body was established \(2022-07-01\)/);
    });

    it('cannot start once the body is dissolved', () => {
      given(bodyDecider, [allianceEstablished, { type: 'BodyDissolved', data: { bodyId: 'wiltshire-alliance-joint-committee', dissolvedOn: day('2024-04-01') } }])
        .when(joinAlliance({ memberName: 'A Member', startDate: day('2024-04-01') }))
        .thenThrows(InvalidTransitionError, 'Body wiltshire-alliance-joint-committee was dissolved on 2024-04-01.');
    });

    it('recorded for a dissolved body, ends by its dissolution', () => {
      const dissolved: BodyEvent[] = [allianceEstablished, { type: 'BodyDissolved', data: { bodyId: 'wiltshire-alliance-joint-committee', dissolvedOn: day('2024-04-01') } }];
      expectInvalid(dissolved, joinAlliance({ memberName: 'A Member' }), 'endDate', /dissolved on 2024-04-01: the membership must end by then/);
      expectInvalid(dissolved, joinAlliance({ memberName: 'A Member', endDate: day('2024-05-01') }), 'endDate', /must end by then/);
      given(bodyDecider, dissolved)
        .when(joinAlliance({ memberName: 'A Member', endDate: day('2024-04-01') }))
        .then([started({ memberName: 'A Member', endDate: day('2024-04-01') })]);
    });

    it('ends after it starts', () => {
      expectInvalid([allianceEstablished], joinAlliance({ memberName: 'A Member', endDate: day('2022-07-01') }), 'endDate', 'endDate must be after startDate.');
    });

    it('of an unknown body is refused', () => {
      given(bodyDecider).when(joinAlliance({ memberName: 'A Member' })).thenThrows(NotFoundError, 'There is no body wiltshire-alliance-joint-committee.');
    });

    describe('ending', () => {
      const sitting: BodyEvent[] = [allianceEstablished, started({ memberName: 'A Member' })];

      it('happens on a date, with a reason', () => {
        given(bodyDecider, sitting)
          .when({ type: 'EndMembership', bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'member-1', endDate: day('2023-03-15'), reason: 'Resigned.' })
          .then([{ type: 'MembershipEnded', data: { bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'member-1', endDate: day('2023-03-15'), reason: 'Resigned.' } }]);
      });

      it('happens once', () => {
        given(bodyDecider, [
          ...sitting,
          { type: 'MembershipEnded', data: { bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'member-1', endDate: day('2023-03-15'), reason: null } },
        ])
          .when({ type: 'EndMembership', bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'member-1', endDate: day('2023-04-01') })
          .thenThrows(InvalidTransitionError, 'Membership member-1 already ended on 2023-03-15.');
      });

      it('comes after the start', () => {
        expectInvalid(
          sitting,
          { type: 'EndMembership', bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'member-1', endDate: day('2022-07-01') },
          'endDate',
          'endDate must be after the membership started (2022-07-01).',
        );
      });

      it('may cut an appointed term short, not extend it', () => {
        const appointed: BodyEvent[] = [allianceEstablished, started({ memberName: 'A Member', endDate: day('2023-07-01') })];
        given(bodyDecider, appointed)
          .when({ type: 'EndMembership', bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'member-1', endDate: day('2023-01-01') })
          .then([{ type: 'MembershipEnded', data: { bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'member-1', endDate: day('2023-01-01'), reason: null } }]);
        given(bodyDecider, appointed)
          .when({ type: 'EndMembership', bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'member-1', endDate: day('2023-09-01') })
          .thenThrows(InvalidTransitionError, /ends on 2023-07-01 as appointed; it can be ended earlier, not later/);
      });

      it('of an unknown membership is refused', () => {
        given(bodyDecider, sitting)
          .when({ type: 'EndMembership', bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'member-9', endDate: day('2023-01-01') })
          .thenThrows(NotFoundError, 'There is no membership member-9.');
      });
    });
  });

  describe('over time', () => {
    it('has a chair that rotates every twelve months, each chair’s term ending as the next begins (Wiltshire)', () => {
      const firstChair = started({ membershipId: 'chair-2022', memberName: 'Cllr Sam Patel', role: 'chair', onBehalfOfOrganisationId: 'wiltshire-council', endDate: day('2023-07-01') });
      const history: BodyEvent[] = [allianceEstablished, firstChair];
      const nextChair = joinAlliance({
        membershipId: 'chair-2023',
        memberName: 'Jordan Lee',
        role: 'chair',
        onBehalfOfOrganisationId: 'bsw-icb',
        startDate: day('2023-07-01'),
        endDate: day('2024-07-01'),
        organisations: [bswIcb],
      });
      const nextChairStarted = started({
        membershipId: 'chair-2023',
        memberName: 'Jordan Lee',
        role: 'chair',
        onBehalfOfOrganisationId: 'bsw-icb',
        startDate: day('2023-07-01'),
        endDate: day('2024-07-01'),
      });
      given(bodyDecider, history).when(nextChair).then([nextChairStarted]);

      const state = fold(bodyDecider, [...history, nextChairStarted]);
      const chairAt = (date: string) => membersAt(state, day(date)).filter((membership) => membership.role === 'chair').map(({ member }) => (member.kind === 'person' ? member.name : member.organisationId));
      expect(chairAt('2023-06-30')).toEqual(['Cllr Sam Patel']);
      expect(chairAt('2023-07-01')).toEqual(['Jordan Lee']);
      expect(chairAt('2024-06-30')).toEqual(['Jordan Lee']);
      expect(chairAt('2024-07-01')).toEqual([]);
    });

    it('may have co-chairs sitting at once (Wirral’s board is jointly chaired)', () => {
      given(bodyDecider, [allianceEstablished, started({ membershipId: 'co-chair-1', memberName: 'Cllr A', role: 'co-chair' })])
        .when(joinAlliance({ membershipId: 'co-chair-2', memberName: 'Dr B', role: 'co-chair' }))
        .then([started({ membershipId: 'co-chair-2', memberName: 'Dr B', role: 'co-chair' })]);
    });

    it('answers who sat on it at any instant, and keeps everyone who ever did', () => {
      const state = fold(bodyDecider, [
        allianceEstablished,
        started({ membershipId: 'wiltshire-council', memberOrganisationId: 'wiltshire-council' }),
        started({ membershipId: 'dph', memberName: 'Director of Public Health', role: 'non-voting member', startDate: day('2022-09-01') }),
        { type: 'MembershipEnded', data: { bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'dph', endDate: day('2023-03-01'), reason: 'Replaced.' } },
        { type: 'BodyDissolved', data: { bodyId: 'wiltshire-alliance-joint-committee', dissolvedOn: day('2024-04-01') } },
        { type: 'MembershipEnded', data: { bodyId: 'wiltshire-alliance-joint-committee', membershipId: 'wiltshire-council', endDate: day('2024-04-01'), reason: 'The body was dissolved.' } },
      ]);
      const idsAt = (date: string) => membersAt(state, day(date)).map((membership) => membership.membershipId);

      expect(idsAt('2022-06-30')).toEqual([]);
      expect(idsAt('2022-07-01')).toEqual(['wiltshire-council']);
      expect(idsAt('2022-12-25')).toEqual(['wiltshire-council', 'dph']);
      expect(idsAt('2023-03-01')).toEqual(['wiltshire-council']);
      expect(idsAt('2024-04-01')).toEqual([]);
      expect(membershipHistory(state)).toEqual([
        expect.objectContaining({ membershipId: 'wiltshire-council', endDate: day('2024-04-01'), ended: { reason: 'The body was dissolved.' } }),
        expect.objectContaining({ membershipId: 'dph', startDate: day('2022-09-01'), endDate: day('2023-03-01'), ended: { reason: 'Replaced.' } }),
      ]);
    });
  });
});
