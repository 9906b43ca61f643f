import { unreachable } from '../shared/decider.js';
import { AlreadyExistsError, InvalidCommandError, InvalidTransitionError, NotFoundError } from '../shared/domain-error.js';
import { londonDate } from '../shared/ledger-time.js';
import type { BodyCommand } from './body.commands.js';
import type { BodyEvent, BodyKind } from './body.events.js';
import { BODY_KINDS } from './body.events.js';
import type { BodyState, EstablishedBody } from './body.state.js';
import { assertOrganisationExistsOn, organisationFact } from '../shared/organisation-fact.js';
import type { StreamRules } from '../shared/event-codec.js';
import { bodyCodec } from './body.codec.js';

/**
 * The rules of a body's stream: establishment, who sits on it over time, dissolution.
 *
 * Which organisations a body names, by kind:
 * - `governing-body` and `committee-in-common`: exactly one, `organisationId`, and no member
 *   organisations. A governing body holds one organisation's plenary authority (partner members
 *   of an ICB board are memberships, not member organisations); a component of a committee in
 *   common decides for its own organisation only, the other components being bodies of their own
 *   (Wirral: the Cabinet Committee and the CCG Governing Body).
 * - `joint-committee`: at least two `memberOrganisationIds` (the Wiltshire Alliance Joint
 *   Committee); `organisationId` is optional and names the host, which must be one of them.
 * - every other kind (`committee`, `sub-committee`, `partnership-board`, `officer-group`,
 *   `scrutiny-committee`, `advisory-board`): one organisation's forum (`organisationId`), or a
 *   forum held jointly by several (`memberOrganisationIds`: a joint health scrutiny committee, the
 *   Berkshire West 10 integration board), or both when one of them hosts it.
 * Member organisations are at least two and distinct (a list of one is `organisationId`). Every
 * organisation named is registered and exists on `establishedOn`, as the handler's facts show.
 * "One governing body per organisation at a time" is the organisation stream's rule
 * (`DesignateGoverningBody`), not repeated here.
 *
 * Memberships are `[startDate, endDate)`, inside the body's life. Several memberships may hold the
 * same role at once (co-chairs: Wirral's board is jointly chaired), and a rotating chair is a
 * chain of chair memberships, each ending when the next starts. Only a body of several
 * organisations (a joint committee, a partnership board, or any body with member organisations)
 * has organisations as members; elsewhere the person who sits is named, with
 * `onBehalfOfOrganisationId`. Dissolving a body ends every membership still running then.
 */
export const bodyDecider: StreamRules<BodyCommand, BodyEvent, BodyState> = {
  codec: bodyCodec,

  initialState: { status: 'unestablished' },

  decide(command, state) {
    switch (command.type) {
      case 'EstablishBody': {
        if (state.status !== 'unestablished') throw new AlreadyExistsError('body', command.bodyId);
        if (!(BODY_KINDS as readonly string[]).includes(command.kind)) {
          throw new InvalidCommandError(`kind must be one of ${BODY_KINDS.join(', ')}.`, 'kind');
        }
        const name = text(command.name, 'name');
        const termsOfReference = command.termsOfReference === undefined ? null : text(command.termsOfReference, 'termsOfReference');
        const organisationId = command.organisationId ?? null;
        const memberOrganisationIds = command.memberOrganisationIds ?? [];
        checkOrganisationsNamed(command.kind, organisationId, memberOrganisationIds);
        for (const id of [...(organisationId === null ? [] : [organisationId]), ...memberOrganisationIds.filter((id) => id !== organisationId)]) {
          assertOrganisationExistsOn(organisationFact(command.organisations, id), command.establishedOn);
        }
        const { bodyId, kind, establishedOn } = command;
        return [{ type: 'BodyEstablished', data: { bodyId, name, kind, organisationId, memberOrganisationIds, establishedOn, termsOfReference } }];
      }

      case 'DissolveBody': {
        const body = established(state, command.bodyId);
        if (body.dissolvedOn !== null) {
          throw new InvalidTransitionError(`Body ${body.bodyId} was already dissolved on ${londonDate(body.dissolvedOn)}.`);
        }
        if (command.dissolvedOn <= body.establishedOn) {
          throw new InvalidCommandError(`dissolvedOn must be after the body was established (${londonDate(body.establishedOn)}).`, 'dissolvedOn');
        }
        const startingLater = body.memberships.find((membership) => membership.startDate >= command.dissolvedOn);
        if (startingLater) {
          throw new InvalidCommandError(
            `Membership ${startingLater.membershipId} starts on ${londonDate(startingLater.startDate)}; the body cannot be dissolved before it.`,
            'dissolvedOn',
          );
        }
        const stillRunning = body.memberships.filter((membership) => membership.endDate === null || membership.endDate > command.dissolvedOn);
        return [
          { type: 'BodyDissolved', data: { bodyId: body.bodyId, dissolvedOn: command.dissolvedOn } },
          ...stillRunning.map(
            (membership): BodyEvent => ({
              type: 'MembershipEnded',
              data: { bodyId: body.bodyId, membershipId: membership.membershipId, endDate: command.dissolvedOn, reason: 'The body was dissolved.' },
            }),
          ),
        ];
      }

      case 'StartMembership': {
        const body = established(state, command.bodyId);
        if (body.memberships.some((membership) => membership.membershipId === command.membershipId)) {
          throw new AlreadyExistsError('membership', command.membershipId);
        }
        const memberName = command.memberName === undefined ? null : text(command.memberName, 'memberName');
        const memberOrganisationId = command.memberOrganisationId ?? null;
        if ((memberName === null) === (memberOrganisationId === null)) {
          throw new InvalidCommandError('A membership names either memberName (a person) or memberOrganisationId (an organisation): exactly one of them.', 'memberName');
        }
        const role = text(command.role, 'role');
        const onBehalfOfOrganisationId = command.onBehalfOfOrganisationId ?? null;
        const { startDate } = command;
        const endDate = command.endDate ?? null;

        if (startDate < body.establishedOn) {
          throw new InvalidCommandError(`startDate must be on or after the body was established (${londonDate(body.establishedOn)}).`, 'startDate');
        }
        if (body.dissolvedOn !== null && startDate >= body.dissolvedOn) {
          throw new InvalidTransitionError(`Body ${body.bodyId} was dissolved on ${londonDate(body.dissolvedOn)}.`);
        }
        if (endDate !== null && endDate <= startDate) throw new InvalidCommandError('endDate must be after startDate.', 'endDate');
        if (body.dissolvedOn !== null && (endDate === null || endDate > body.dissolvedOn)) {
          throw new InvalidCommandError(`Body ${body.bodyId} was dissolved on ${londonDate(body.dissolvedOn)}: the membership must end by then.`, 'endDate');
        }

        if (memberOrganisationId !== null) {
          if (!hasOrganisationsAsMembers(body)) {
            throw new InvalidCommandError(
              `Body ${body.bodyId} is one organisation's ${body.kind}: organisations sit only on bodies of several organisations. Name the person who sits, with onBehalfOfOrganisationId.`,
              'memberOrganisationId',
            );
          }
          assertOrganisationExistsOn(organisationFact(command.organisations, memberOrganisationId), startDate);
        }
        if (onBehalfOfOrganisationId !== null) {
          if (onBehalfOfOrganisationId === memberOrganisationId) {
            throw new InvalidCommandError('An organisation sits on its own behalf: leave onBehalfOfOrganisationId out.', 'onBehalfOfOrganisationId');
          }
          assertOrganisationExistsOn(organisationFact(command.organisations, onBehalfOfOrganisationId), startDate);
        }

        return [
          {
            type: 'MembershipStarted',
            data: {
              bodyId: body.bodyId,
              membershipId: command.membershipId,
              member: memberName !== null ? { kind: 'person', name: memberName } : { kind: 'organisation', organisationId: memberOrganisationId! },
              role,
              onBehalfOfOrganisationId,
              startDate,
              endDate,
            },
          },
        ];
      }

      case 'EndMembership': {
        const body = established(state, command.bodyId);
        const membership = body.memberships.find((candidate) => candidate.membershipId === command.membershipId);
        if (!membership) throw new NotFoundError('membership', command.membershipId);
        if (membership.ended !== null && membership.endDate !== null) {
          throw new InvalidTransitionError(`Membership ${membership.membershipId} already ended on ${londonDate(membership.endDate)}.`);
        }
        if (command.endDate <= membership.startDate) {
          throw new InvalidCommandError(`endDate must be after the membership started (${londonDate(membership.startDate)}).`, 'endDate');
        }
        if (membership.endDate !== null && command.endDate > membership.endDate) {
          throw new InvalidTransitionError(
            `Membership ${membership.membershipId} ends on ${londonDate(membership.endDate)} as appointed; it can be ended earlier, not later.`,
          );
        }
        const reason = command.reason === undefined ? null : text(command.reason, 'reason');
        return [{ type: 'MembershipEnded', data: { bodyId: body.bodyId, membershipId: membership.membershipId, endDate: command.endDate, reason } }];
      }

      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'BodyEstablished':
        return { status: 'active', ...event.data, dissolvedOn: null, memberships: [] };
      case 'BodyDissolved':
        if (state.status === 'unestablished') return state;
        return { ...state, status: 'dissolved', dissolvedOn: event.data.dissolvedOn };
      case 'MembershipStarted': {
        if (state.status === 'unestablished') return state;
        const { membershipId, member, role, onBehalfOfOrganisationId, startDate, endDate } = event.data;
        return { ...state, memberships: [...state.memberships, { membershipId, member, role, onBehalfOfOrganisationId, startDate, endDate, ended: null }] };
      }
      case 'MembershipEnded':
        if (state.status === 'unestablished') return state;
        return {
          ...state,
          memberships: state.memberships.map((membership) =>
            membership.membershipId === event.data.membershipId ? { ...membership, endDate: event.data.endDate, ended: { reason: event.data.reason } } : membership,
          ),
        };
      default:
        return unreachable(event);
    }
  },
};

function established(state: BodyState, bodyId: string): EstablishedBody {
  if (state.status === 'unestablished') throw new NotFoundError('body', bodyId);
  return state;
}

/** The rules on `organisationId` and `memberOrganisationIds` for each kind (see above). */
function checkOrganisationsNamed(kind: BodyKind, organisationId: string | null, memberOrganisationIds: readonly string[]): void {
  const duplicates = memberOrganisationIds.filter((id, index) => memberOrganisationIds.indexOf(id) !== index);
  if (duplicates.length > 0) {
    throw new InvalidCommandError(`memberOrganisationIds lists ${[...new Set(duplicates)].join(', ')} more than once.`, 'memberOrganisationIds');
  }
  switch (kind) {
    case 'governing-body':
    case 'committee-in-common': {
      const what = kind === 'governing-body' ? 'A governing body holds the plenary authority of one organisation' : 'A component of a committee in common decides for its own organisation';
      if (organisationId === null) throw new InvalidCommandError(`${what}: name it as organisationId.`, 'organisationId');
      if (memberOrganisationIds.length > 0) {
        throw new InvalidCommandError(`${what}, so it has no member organisations; record partner members as memberships.`, 'memberOrganisationIds');
      }
      return;
    }
    case 'joint-committee':
      if (memberOrganisationIds.length < 2) {
        throw new InvalidCommandError('A joint committee is formed by at least two organisations: name them as memberOrganisationIds.', 'memberOrganisationIds');
      }
      break;
    case 'committee':
    case 'sub-committee':
    case 'partnership-board':
    case 'officer-group':
    case 'scrutiny-committee':
    case 'advisory-board':
      if (organisationId === null && memberOrganisationIds.length === 0) {
        throw new InvalidCommandError(
          'A body belongs to an organisation: name it as organisationId, or the organisations holding it jointly as memberOrganisationIds.',
          'organisationId',
        );
      }
      if (memberOrganisationIds.length === 1) {
        throw new InvalidCommandError('memberOrganisationIds names the organisations of a body held jointly, at least two; a body of one organisation names it as organisationId.', 'memberOrganisationIds');
      }
      break;
    default:
      return unreachable(kind);
  }
  if (organisationId !== null && memberOrganisationIds.length > 0 && !memberOrganisationIds.includes(organisationId)) {
    throw new InvalidCommandError(`The host organisation ${organisationId} must be one of memberOrganisationIds.`, 'organisationId');
  }
}

/** Whether organisations (not only people) sit on this body: a body of several organisations. */
function hasOrganisationsAsMembers(body: EstablishedBody): boolean {
  return body.kind === 'joint-committee' || body.kind === 'partnership-board' || body.memberOrganisationIds.length > 0;
}

/** Free text a user typed, without surrounding spaces; refused when blank. */
function text(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new InvalidCommandError(`${field} must not be blank.`, field);
  return trimmed;
}
