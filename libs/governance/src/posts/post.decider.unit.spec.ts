import { given } from '../../test/given-when-then.js';
import type { OrganisationFact } from '../shared/organisation-fact.js';
import { fold } from '../shared/decider.js';
import { AlreadyExistsError, InvalidCommandError, InvalidTransitionError, NotFoundError } from '../shared/domain-error.js';
import { parseInstant } from '../shared/ledger-time.js';
import type { PostCommand, RecordPostHolder } from './post.commands.js';
import { postDecider } from './post.decider.js';
import type { PostEvent } from './post.events.js';
import { postStreamId } from './post.events.js';
import { holderAt } from './post.state.js';

/** 00:00 Europe/London on a date, as the domain holds it. */
const day = (date: string) => parseInstant(date)!;

const wokingham: OrganisationFact = { organisationId: 'wokingham-borough-council', registered: true, establishedOn: day('1998-04-01') };
const berkshireWestCcg: OrganisationFact = { organisationId: 'berkshire-west-ccg', registered: true, establishedOn: day('2018-04-01'), dissolvedOn: day('2022-07-01') };

const dassCreated: PostEvent = {
  type: 'PostCreated',
  data: { postId: 'wokingham-dass', title: 'Director of Adult Social Services', organisationId: 'wokingham-borough-council' },
};

const holder = (personName: string, startDate: string, endDate?: string): PostEvent => ({
  type: 'PostHolderRecorded',
  data: { postId: 'wokingham-dass', personName, startDate: day(startDate), endDate: endDate === undefined ? null : day(endDate) },
});

const record = (personName: string, startDate: string, endDate?: string): RecordPostHolder => ({
  type: 'RecordPostHolder',
  postId: 'wokingham-dass',
  personName,
  startDate: day(startDate),
  ...(endDate === undefined ? {} : { endDate: day(endDate) }),
  organisation: wokingham,
});

/** The command is refused as `InvalidCommandError` naming `field`. */
function expectInvalid(history: PostEvent[], command: PostCommand, field: string, message: RegExp | string) {
  given(postDecider, history).when(command).thenThrows(InvalidCommandError, message);
  let thrown: unknown;
  try {
    postDecider.decide(command, fold(postDecider, history));
  } catch (caught) {
    thrown = caught;
  }
  expect(thrown).toMatchObject({ field });
}

describe('a post', () => {
  it('lives in the stream post-{id}', () => {
    expect(postStreamId('wokingham-dass')).toBe('post-wokingham-dass');
  });

  describe('creation', () => {
    it('gives an organisation an officer role with a title', () => {
      given(postDecider)
        .when({ type: 'CreatePost', postId: 'wokingham-dass', title: 'Director of Adult Social Services', organisationId: 'wokingham-borough-council', organisation: wokingham })
        .then([dassCreated]);
    });

    it('happens once', () => {
      given(postDecider, [dassCreated])
        .when({ type: 'CreatePost', postId: 'wokingham-dass', title: 'Director of Adult Social Services', organisationId: 'wokingham-borough-council', organisation: wokingham })
        .thenThrows(AlreadyExistsError, 'A post with id wokingham-dass already exists.');
    });

    it('is for a registered organisation', () => {
      given(postDecider)
        .when({
          type: 'CreatePost',
          postId: 'wokingham-dass',
          title: 'Director of Adult Social Services',
          organisationId: 'wokingham-borough-council',
          organisation: { organisationId: 'wokingham-borough-council', registered: false },
        })
        .thenThrows(NotFoundError, 'There is no organisation wokingham-borough-council.');
    });

    it('may be recorded for an organisation since dissolved, for the decisions it took (a CCG’s Accountable Officer)', () => {
      given(postDecider)
        .when({ type: 'CreatePost', postId: 'bw-ccg-accountable-officer', title: 'Accountable Officer', organisationId: 'berkshire-west-ccg', organisation: berkshireWestCcg })
        .then([{ type: 'PostCreated', data: { postId: 'bw-ccg-accountable-officer', title: 'Accountable Officer', organisationId: 'berkshire-west-ccg' } }]);
    });

    it('has a title', () => {
      expectInvalid(
        [],
        { type: 'CreatePost', postId: 'wokingham-dass', title: '', organisationId: 'wokingham-borough-council', organisation: wokingham },
        'title',
        'title must not be blank.',
      );
    });
  });

  describe('holders', () => {
    it('are recorded from a start date, with no end while in post', () => {
      given(postDecider, [dassCreated]).when(record('Alex Morgan', '2019-01-07')).then([holder('Alex Morgan', '2019-01-07')]);
    });

    it('may be recorded with an end date (an interim holder)', () => {
      given(postDecider, [dassCreated]).when(record('Sam Patel', '2019-01-07', '2019-06-01')).then([holder('Sam Patel', '2019-01-07', '2019-06-01')]);
    });

    it('are one at a time: a new holder is refused while the current holding runs, naming its holder', () => {
      given(postDecider, [dassCreated, holder('Alex Morgan', '2019-01-07')])
        .when(record('Sam Patel', '2021-09-01'))
        .thenThrows(InvalidTransitionError, 'Post wokingham-dass is held by Alex Morgan from 2019-01-07 with no end recorded; one holder at a time.');
      given(postDecider, [dassCreated, holder('Sam Patel', '2019-01-07', '2019-06-01')])
        .when(record('Alex Morgan', '2019-05-01'))
        .thenThrows(InvalidTransitionError, /held by Sam Patel from 2019-01-07 until 2019-06-01/);
    });

    it('follow one another once the earlier holding has ended', () => {
      given(postDecider, [dassCreated, holder('Sam Patel', '2019-01-07', '2019-06-01')]).when(record('Alex Morgan', '2019-06-01')).then([holder('Alex Morgan', '2019-06-01')]);
      given(postDecider, [
        dassCreated,
        holder('Alex Morgan', '2019-06-01'),
        { type: 'PostHoldingEnded', data: { postId: 'wokingham-dass', personName: 'Alex Morgan', startDate: day('2019-06-01'), endDate: day('2021-08-31'), reason: 'Retired.' } },
      ])
        .when(record('Jordan Lee', '2021-09-01'))
        .then([holder('Jordan Lee', '2021-09-01')]);
    });

    it('may be backdated into a gap between holdings, but not run into the next', () => {
      const withGap = [dassCreated, holder('Sam Patel', '2019-01-07', '2019-06-01'), holder('Alex Morgan', '2019-09-01')];
      given(postDecider, withGap).when(record('Jordan Lee', '2019-06-01', '2019-09-01')).then([holder('Jordan Lee', '2019-06-01', '2019-09-01')]);
      given(postDecider, withGap).when(record('Jordan Lee', '2019-06-01')).thenThrows(InvalidTransitionError, /held by Alex Morgan from 2019-09-01/);
    });

    it('end after they start', () => {
      expectInvalid([dassCreated], record('Alex Morgan', '2019-01-07', '2019-01-07'), 'endDate', 'endDate must be after startDate.');
    });

    it('are named', () => {
      expectInvalid([dassCreated], record(' ', '2019-01-07'), 'personName', 'personName must not be blank.');
    });

    it('start while the post’s organisation exists', () => {
      given(postDecider, [dassCreated]).when(record('Alex Morgan', '1990-01-01')).thenThrows(InvalidTransitionError, 'Organisation wokingham-borough-council was not established until 1998-04-01.');
      given(postDecider, [{ type: 'PostCreated', data: { postId: 'wokingham-dass', title: 'Accountable Officer', organisationId: 'berkshire-west-ccg' } }])
        .when({ ...record('Alex Morgan', '2022-07-01'), organisation: berkshireWestCcg })
        .thenThrows(InvalidTransitionError, 'Organisation berkshire-west-ccg was dissolved on 2022-07-01.');
    });

    it('of an unknown post are refused', () => {
      given(postDecider).when(record('Alex Morgan', '2019-01-07')).thenThrows(NotFoundError, 'There is no post wokingham-dass.');
    });
  });

  describe('ending a holding', () => {
    const inPost = [dassCreated, holder('Alex Morgan', '2019-06-01')];

    it('records the day the current holder left, and why', () => {
      given(postDecider, inPost)
        .when({ type: 'EndPostHolding', postId: 'wokingham-dass', personName: 'Alex Morgan', endDate: day('2021-08-31'), reason: 'Retired.' })
        .then([{ type: 'PostHoldingEnded', data: { postId: 'wokingham-dass', personName: 'Alex Morgan', startDate: day('2019-06-01'), endDate: day('2021-08-31'), reason: 'Retired.' } }]);
    });

    it('names the current holder', () => {
      given(postDecider, inPost)
        .when({ type: 'EndPostHolding', postId: 'wokingham-dass', personName: 'Sam Patel', endDate: day('2021-08-31') })
        .thenThrows(InvalidTransitionError, 'Post wokingham-dass is held by Alex Morgan, not Sam Patel.');
    });

    it('needs a holding with no end recorded', () => {
      given(postDecider, [dassCreated, holder('Sam Patel', '2019-01-07', '2019-06-01')])
        .when({ type: 'EndPostHolding', postId: 'wokingham-dass', personName: 'Sam Patel', endDate: day('2019-03-01') })
        .thenThrows(InvalidTransitionError, /has no holder without an end date/);
    });

    it('comes after the holder took up the post', () => {
      expectInvalid(
        inPost,
        { type: 'EndPostHolding', postId: 'wokingham-dass', personName: 'Alex Morgan', endDate: day('2019-06-01') },
        'endDate',
        'endDate must be after Alex Morgan took up the post (2019-06-01).',
      );
    });
  });

  describe('over time', () => {
    it('answers who held it at any instant: nobody before the first holder or in a gap', () => {
      const state = fold(postDecider, [
        dassCreated,
        holder('Alex Morgan', '2019-09-01'),
        holder('Sam Patel', '2019-01-07', '2019-06-01'),
        { type: 'PostHoldingEnded', data: { postId: 'wokingham-dass', personName: 'Alex Morgan', startDate: day('2019-09-01'), endDate: day('2021-09-01'), reason: null } },
        holder('Jordan Lee', '2021-09-01'),
      ]);
      const holderOn = (date: string) => holderAt(state, day(date))?.personName;

      expect(holderOn('2019-01-06')).toBeUndefined();
      expect(holderOn('2019-01-07')).toBe('Sam Patel');
      expect(holderOn('2019-06-01')).toBeUndefined();
      expect(holderOn('2021-08-31')).toBe('Alex Morgan');
      expect(holderOn('2021-09-01')).toBe('Jordan Lee');
      expect(holderOn('2030-01-01')).toBe('Jordan Lee');
      expect(state.status === 'created' && state.holdings.map((holding) => holding.personName)).toEqual(['Sam Patel', 'Alex Morgan', 'Jordan Lee']);
    });
  });
});
