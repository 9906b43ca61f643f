import { assertOrganisationExistsOn } from '../shared/organisation-fact.js';
import { unreachable } from '../shared/decider.js';
import { AlreadyExistsError, InvalidCommandError, InvalidTransitionError, NotFoundError } from '../shared/domain-error.js';
import { londonDate } from '../shared/ledger-time.js';
import type { PostCommand } from './post.commands.js';
import type { PostEvent } from './post.events.js';
import type { CreatedPost, PostHolding, PostState } from './post.state.js';
import { holdingsOverlap, openHolding } from './post.state.js';
import type { StreamRules } from '../shared/event-codec.js';
import { postCodec } from './post.codec.js';

/**
 * The rules of a post's stream: creation and who held it when.
 *
 * - A post belongs to a registered organisation. It may be created for an organisation already
 *   dissolved, so that the posts of a CCG (abolished 30 June 2022) can be recorded for the
 *   decisions they took; a holder, though, starts only while the organisation exists.
 * - One holder at a time: holdings `[startDate, endDate)` never overlap, so "who held it then"
 *   has one answer. A new holder is refused while an earlier holding still runs at its start
 *   (end it first with `EndPostHolding`); a backdated holding may fill a gap between others. An
 *   acting or interim holder is a holding of its own (end the substantive holding, then record
 *   the substantive holder again on return); a job share is one holder naming both people.
 * - Only the open holding (no end recorded) can be ended, by naming its holder, after its start.
 *   A holding recorded with an end date is as recorded.
 */
export const postDecider: StreamRules<PostCommand, PostEvent, PostState> = {
  codec: postCodec,

  initialState: { status: 'uncreated' },

  decide(command, state) {
    switch (command.type) {
      case 'CreatePost': {
        if (state.status !== 'uncreated') throw new AlreadyExistsError('post', command.postId);
        const title = text(command.title, 'title');
        sameOrganisation(command.organisation.organisationId, command.organisationId);
        if (!command.organisation.registered) throw new NotFoundError('organisation', command.organisationId);
        return [{ type: 'PostCreated', data: { postId: command.postId, title, organisationId: command.organisationId } }];
      }

      case 'RecordPostHolder': {
        const post = created(state, command.postId);
        const personName = text(command.personName, 'personName');
        const { startDate } = command;
        const endDate = command.endDate ?? null;
        if (endDate !== null && endDate <= startDate) throw new InvalidCommandError('endDate must be after startDate.', 'endDate');
        sameOrganisation(command.organisation.organisationId, post.organisationId);
        assertOrganisationExistsOn(command.organisation, startDate);
        const overlapping = post.holdings.find((holding) => holdingsOverlap(holding, { startDate, endDate }));
        if (overlapping) {
          throw new InvalidTransitionError(`Post ${post.postId} is held by ${overlapping.personName} ${during(overlapping)}; one holder at a time.`);
        }
        return [{ type: 'PostHolderRecorded', data: { postId: post.postId, personName, startDate, endDate } }];
      }

      case 'EndPostHolding': {
        const post = created(state, command.postId);
        const personName = text(command.personName, 'personName');
        const holding = openHolding(post);
        if (!holding || holding.personName !== personName) {
          throw new InvalidTransitionError(
            holding
              ? `Post ${post.postId} is held by ${holding.personName}, not ${personName}.`
              : `Post ${post.postId} has no holder without an end date; ${personName}'s holding is as recorded.`,
          );
        }
        if (command.endDate <= holding.startDate) {
          throw new InvalidCommandError(`endDate must be after ${holding.personName} took up the post (${londonDate(holding.startDate)}).`, 'endDate');
        }
        const reason = command.reason === undefined ? null : text(command.reason, 'reason');
        return [{ type: 'PostHoldingEnded', data: { postId: post.postId, personName: holding.personName, startDate: holding.startDate, endDate: command.endDate, reason } }];
      }

      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PostCreated':
        return { status: 'created', ...event.data, holdings: [] };
      case 'PostHolderRecorded': {
        if (state.status === 'uncreated') return state;
        const { personName, startDate, endDate } = event.data;
        const holdings = [...state.holdings, { personName, startDate, endDate, endReason: null }];
        return { ...state, holdings: holdings.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0)) };
      }
      case 'PostHoldingEnded':
        if (state.status === 'uncreated') return state;
        return {
          ...state,
          holdings: state.holdings.map((holding) =>
            holding.startDate === event.data.startDate && holding.endDate === null ? { ...holding, endDate: event.data.endDate, endReason: event.data.reason } : holding,
          ),
        };
      default:
        return unreachable(event);
    }
  },
};

function created(state: PostState, postId: string): CreatedPost {
  if (state.status === 'uncreated') throw new NotFoundError('post', postId);
  return state;
}

/** The handler loaded the fact about another organisation than the post's: its bug, not the user's. */
function sameOrganisation(factOrganisationId: string, organisationId: string): void {
  if (factOrganisationId !== organisationId) {
    throw new Error(`The command carries a fact about organisation ${factOrganisationId}, not ${organisationId}; its handler must load the post's organisation.`);
  }
}

function during(holding: PostHolding): string {
  return holding.endDate === null
    ? `from ${londonDate(holding.startDate)} with no end recorded`
    : `from ${londonDate(holding.startDate)} until ${londonDate(holding.endDate)}`;
}

/** Free text a user typed, without surrounding spaces; refused when blank. */
function text(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new InvalidCommandError(`${field} must not be blank.`, field);
  return trimmed;
}
