import { unreachable } from '../shared/decider.js';
import { AlreadyExistsError, InvalidCommandError, InvalidTransitionError, NotFoundError } from '../shared/domain-error.js';
import { londonDate } from '../shared/ledger-time.js';
import type { OrganisationCommand } from './organisation.commands.js';
import type { OrganisationEvent } from './organisation.events.js';
import type { OrganisationState, RegisteredOrganisation } from './organisation.state.js';
import type { StreamRules } from '../shared/event-codec.js';
import { organisationCodec } from './organisation.codec.js';

/** The rules of an organisation's stream: registration, governing bodies over time, dissolution. */
export const organisationDecider: StreamRules<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  codec: organisationCodec,

  initialState: { status: 'unregistered' },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterOrganisation': {
        if (state.status !== 'unregistered') throw new AlreadyExistsError('organisation', command.organisationId);
        const duplicates = command.functions.filter((scope, index) => command.functions.indexOf(scope) !== index);
        if (duplicates.length > 0) throw new InvalidCommandError(`functions lists ${duplicates.join(', ')} more than once.`, 'functions');
        const { organisationId, name, kind, functions, establishedOn } = command;
        return [{ type: 'OrganisationRegistered', data: { organisationId, name, kind, functions, establishedOn } }];
      }

      case 'DissolveOrganisation': {
        const organisation = registered(state, command.organisationId);
        if (organisation.dissolution) {
          throw new InvalidTransitionError(`Organisation ${organisation.organisationId} was already dissolved on ${londonDate(organisation.dissolution.dissolvedOn)}.`);
        }
        if (command.dissolvedOn <= organisation.establishedOn) {
          throw new InvalidCommandError(`dissolvedOn must be after the organisation was established (${londonDate(organisation.establishedOn)}).`, 'dissolvedOn');
        }
        const successor = command.successor;
        if (successor) {
          if (successor.organisationId === organisation.organisationId) throw new InvalidCommandError('An organisation cannot succeed itself.', 'successorId');
          if (!successor.registered) throw new NotFoundError('organisation', successor.organisationId);
          if (successor.dissolvedOn !== undefined && successor.dissolvedOn <= command.dissolvedOn) {
            throw new InvalidTransitionError(`Successor ${successor.organisationId} is itself dissolved on ${londonDate(successor.dissolvedOn)}.`);
          }
        } else if (command.transferDelegations) {
          throw new InvalidCommandError('Delegations can transfer only to a successor: name successorId or set transferDelegations to false.', 'transferDelegations');
        }
        return [
          {
            type: 'OrganisationDissolved',
            data: {
              organisationId: organisation.organisationId,
              dissolvedOn: command.dissolvedOn,
              successorId: successor?.organisationId ?? null,
              transferDelegations: command.transferDelegations,
            },
          },
        ];
      }

      case 'DesignateGoverningBody': {
        const organisation = registered(state, command.organisationId);
        if (command.from < organisation.establishedOn || (organisation.dissolution && command.from >= organisation.dissolution.dissolvedOn)) {
          throw new InvalidTransitionError(`Organisation ${organisation.organisationId} does not exist on ${londonDate(command.from)}.`);
        }
        const overlapping = organisation.governingBodies.find((term) => term.until === null || command.from < term.until);
        if (overlapping) {
          throw new InvalidTransitionError(
            `Organisation ${organisation.organisationId} already has governing body ${overlapping.bodyId}` +
              (overlapping.until ? ` until ${londonDate(overlapping.until)}.` : '; dissolve it before establishing another.'),
          );
        }
        return [{ type: 'GoverningBodyDesignated', data: { organisationId: organisation.organisationId, bodyId: command.bodyId, from: command.from } }];
      }

      case 'VacateGoverningBody': {
        const organisation = registered(state, command.organisationId);
        const term = organisation.governingBodies.find((candidate) => candidate.bodyId === command.bodyId && candidate.until === null);
        if (!term) throw new InvalidTransitionError(`Body ${command.bodyId} is not the governing body of ${organisation.organisationId}.`);
        if (command.from <= term.from) throw new InvalidCommandError(`The governing body cannot be vacated before it began (${londonDate(term.from)}).`, 'dissolvedOn');
        return [{ type: 'GoverningBodyVacated', data: { organisationId: organisation.organisationId, bodyId: command.bodyId, from: command.from } }];
      }

      case 'RecordSuccession': {
        const organisation = registered(state, command.organisationId);
        if (organisation.predecessors.some((predecessor) => predecessor.organisationId === command.predecessorId)) return [];
        const { organisationId, predecessorId, succeededOn, transferDelegations } = command;
        return [{ type: 'OrganisationSucceeded', data: { organisationId, predecessorId, succeededOn, transferDelegations } }];
      }

      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
        return { status: 'active', ...event.data, dissolution: null, governingBodies: [], predecessors: [] };
      case 'OrganisationDissolved': {
        if (state.status === 'unregistered') return state;
        const { dissolvedOn, successorId, transferDelegations } = event.data;
        return { ...state, status: 'dissolved', dissolution: { dissolvedOn, successorId, transferDelegations } };
      }
      case 'GoverningBodyDesignated':
        if (state.status === 'unregistered') return state;
        return { ...state, governingBodies: [...state.governingBodies, { bodyId: event.data.bodyId, from: event.data.from, until: null }] };
      case 'GoverningBodyVacated':
        if (state.status === 'unregistered') return state;
        return {
          ...state,
          governingBodies: state.governingBodies.map((term) =>
            term.bodyId === event.data.bodyId && term.until === null ? { ...term, until: event.data.from } : term,
          ),
        };
      case 'OrganisationSucceeded':
        if (state.status === 'unregistered') return state;
        return {
          ...state,
          predecessors: [
            ...state.predecessors,
            { organisationId: event.data.predecessorId, succeededOn: event.data.succeededOn, transferDelegations: event.data.transferDelegations },
          ],
        };
      default:
        return unreachable(event);
    }
  },
};

function registered(state: OrganisationState, organisationId: string): RegisteredOrganisation {
  if (state.status === 'unregistered') throw new NotFoundError('organisation', organisationId);
  return state;
}
