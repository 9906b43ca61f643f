import { InvalidCursorError } from '../src/lists/page.js';
import { parseInstant } from '@ledger/governance';
import {
  bodyById,
  listBodies,
  listOrganisations,
  organisationById,
  organisationProjections,
  postById,
  type BodySummaryView,
  type MembershipView,
  type OrganisationSummaryView,
} from '../src/organisations/index.js';
import { anEvent, describeReadModels, type ReadModelsUnderTest } from './read-model-harness.js';

/** 00:00 Europe/London on a date, as the domain stores it (BST in summer: the day before, 23:00 UTC). */
const day = (date: string) => parseInstant(date)!;

const ALLIANCE = 'wiltshire-alliance-joint-committee';

/**
 * Wiltshire and BSW as the ledger would record them: Wiltshire Council and its Cabinet; NHS BSW CCG
 * and its governing body, abolished on 1 July 2022 into NHS BSW ICB; the Wiltshire Alliance Joint
 * Committee of the council and the CCG (then the ICB), whose chair rotates each April between the
 * partners; the council's Director of Adult Social Services.
 */
async function recordWiltshireAndBsw({ append }: ReadModelsUnderTest): Promise<void> {
  await append(
    'organisation-wiltshire-council',
    anEvent('OrganisationRegistered', { organisationId: 'wiltshire-council', name: 'Wiltshire Council', kind: 'local-authority', functions: ['adult-social-care', 'public-health'], establishedOn: day('2009-04-01') }),
  );
  await append(
    'body-wiltshire-cabinet',
    anEvent('BodyEstablished', { bodyId: 'wiltshire-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wiltshire-council', memberOrganisationIds: [], establishedOn: day('2009-04-01'), termsOfReference: 'Part 3 of the Constitution' }),
  );
  await append('organisation-wiltshire-council', anEvent('GoverningBodyDesignated', { organisationId: 'wiltshire-council', bodyId: 'wiltshire-cabinet', from: day('2009-04-01') }));
  await append(
    'body-wiltshire-cabinet',
    anEvent('MembershipStarted', { bodyId: 'wiltshire-cabinet', membershipId: 'leader-2021', memberName: 'Cllr Richard Clewer', memberOrganisationId: null, role: 'chair', onBehalfOfOrganisationId: null, startDate: day('2021-05-25'), endDate: null }),
  );

  await append(
    'organisation-bsw-ccg',
    anEvent('OrganisationRegistered', { organisationId: 'bsw-ccg', name: 'NHS Bath and North East Somerset, Swindon and Wiltshire CCG', kind: 'ccg', functions: ['community-services', 'continuing-healthcare'], establishedOn: day('2020-04-01') }),
  );
  await append(
    'body-bsw-ccg-governing-body',
    anEvent('BodyEstablished', { bodyId: 'bsw-ccg-governing-body', name: 'BSW CCG Governing Body', kind: 'governing-body', organisationId: 'bsw-ccg', memberOrganisationIds: [], establishedOn: day('2020-04-01'), termsOfReference: null }),
    anEvent('MembershipStarted', { bodyId: 'bsw-ccg-governing-body', membershipId: 'ccg-chair', memberName: 'Dr Tom Ashby', memberOrganisationId: null, role: 'chair', onBehalfOfOrganisationId: null, startDate: day('2020-04-01'), endDate: null }),
  );
  await append('organisation-bsw-ccg', anEvent('GoverningBodyDesignated', { organisationId: 'bsw-ccg', bodyId: 'bsw-ccg-governing-body', from: day('2020-04-01') }));
  await append('post-bsw-ccg-accountable-officer', anEvent('PostCreated', { postId: 'bsw-ccg-accountable-officer', title: 'Accountable Officer', organisationId: 'bsw-ccg' }));

  await append(
    `body-${ALLIANCE}`,
    anEvent('BodyEstablished', { bodyId: ALLIANCE, name: 'Wiltshire Alliance Joint Committee', kind: 'joint-committee', organisationId: 'wiltshire-council', memberOrganisationIds: ['wiltshire-council', 'bsw-ccg'], establishedOn: day('2021-04-01'), termsOfReference: null }),
    anEvent('MembershipStarted', { bodyId: ALLIANCE, membershipId: 'council-seat', memberName: null, memberOrganisationId: 'wiltshire-council', role: 'member', onBehalfOfOrganisationId: null, startDate: day('2021-04-01'), endDate: null }),
    anEvent('MembershipStarted', { bodyId: ALLIANCE, membershipId: 'ccg-seat', memberName: null, memberOrganisationId: 'bsw-ccg', role: 'member', onBehalfOfOrganisationId: null, startDate: day('2021-04-01'), endDate: null }),
    anEvent('MembershipStarted', { bodyId: ALLIANCE, membershipId: 'chair-2021', memberName: 'Cllr Sarah Whitfield', memberOrganisationId: null, role: 'chair', onBehalfOfOrganisationId: 'wiltshire-council', startDate: day('2021-04-01'), endDate: day('2022-04-01') }),
    anEvent('MembershipStarted', { bodyId: ALLIANCE, membershipId: 'chair-2022', memberName: 'Dr Tom Ashby', memberOrganisationId: null, role: 'chair', onBehalfOfOrganisationId: 'bsw-ccg', startDate: day('2022-04-01'), endDate: day('2023-04-01') }),
  );

  await append(
    'organisation-bsw-icb',
    anEvent('OrganisationRegistered', { organisationId: 'bsw-icb', name: 'NHS Bath and North East Somerset, Swindon and Wiltshire ICB', kind: 'icb', functions: ['community-services', 'continuing-healthcare'], establishedOn: day('2022-07-01') }),
  );
  await append(
    'body-bsw-icb-board',
    anEvent('BodyEstablished', { bodyId: 'bsw-icb-board', name: 'BSW ICB Board', kind: 'governing-body', organisationId: 'bsw-icb', memberOrganisationIds: [], establishedOn: day('2022-07-01'), termsOfReference: null }),
  );
  await append('organisation-bsw-icb', anEvent('GoverningBodyDesignated', { organisationId: 'bsw-icb', bodyId: 'bsw-icb-board', from: day('2022-07-01') }));

  // The CCG is abolished into the ICB: its governing body goes, and the ICB takes its seat and chair on the Alliance.
  await append('organisation-bsw-ccg', anEvent('OrganisationDissolved', { organisationId: 'bsw-ccg', dissolvedOn: day('2022-07-01'), successorId: 'bsw-icb', transferDelegations: true }));
  await append('organisation-bsw-icb', anEvent('OrganisationSucceeded', { organisationId: 'bsw-icb', predecessorId: 'bsw-ccg', succeededOn: day('2022-07-01'), transferDelegations: true }));
  await append(
    'body-bsw-ccg-governing-body',
    anEvent('BodyDissolved', { bodyId: 'bsw-ccg-governing-body', dissolvedOn: day('2022-07-01') }),
    anEvent('MembershipEnded', { bodyId: 'bsw-ccg-governing-body', membershipId: 'ccg-chair', endDate: day('2022-07-01'), reason: 'The body was dissolved.' }),
  );
  await append('organisation-bsw-ccg', anEvent('GoverningBodyVacated', { organisationId: 'bsw-ccg', bodyId: 'bsw-ccg-governing-body', from: day('2022-07-01') }));
  await append(
    `body-${ALLIANCE}`,
    anEvent('MembershipEnded', { bodyId: ALLIANCE, membershipId: 'ccg-seat', endDate: day('2022-07-01'), reason: 'NHS BSW CCG was abolished.' }),
    anEvent('MembershipEnded', { bodyId: ALLIANCE, membershipId: 'chair-2022', endDate: day('2022-07-01'), reason: 'NHS BSW CCG was abolished.' }),
    anEvent('MembershipStarted', { bodyId: ALLIANCE, membershipId: 'icb-seat', memberName: null, memberOrganisationId: 'bsw-icb', role: 'member', onBehalfOfOrganisationId: null, startDate: day('2022-07-01'), endDate: null }),
    anEvent('MembershipStarted', { bodyId: ALLIANCE, membershipId: 'chair-2022-icb', memberName: 'Dr Tom Ashby', memberOrganisationId: null, role: 'chair', onBehalfOfOrganisationId: 'bsw-icb', startDate: day('2022-07-01'), endDate: day('2023-04-01') }),
  );

  await append(
    'post-wiltshire-dass',
    anEvent('PostCreated', { postId: 'wiltshire-dass', title: 'Director of Adult Social Services', organisationId: 'wiltshire-council' }),
    anEvent('PostHolderRecorded', { postId: 'wiltshire-dass', personName: 'Alison Grey', startDate: day('2019-01-07'), endDate: null }),
    anEvent('PostHoldingEnded', { postId: 'wiltshire-dass', personName: 'Alison Grey', startDate: day('2019-01-07'), endDate: day('2023-10-01'), reason: 'Retired.' }),
    anEvent('PostHolderRecorded', { postId: 'wiltshire-dass', personName: 'Mark Bennett', startDate: day('2023-10-01'), endDate: null }),
  );
}

async function projected(subject: ReadModelsUnderTest, batchSize?: number) {
  await recordWiltshireAndBsw(subject);
  const { projector, reader } = await subject.readModels([...organisationProjections], batchSize);
  await projector.catchUp();
  return reader;
}

const wiltshireCouncil: OrganisationSummaryView = {
  id: 'wiltshire-council',
  name: 'Wiltshire Council',
  kind: 'local-authority',
  functions: ['adult-social-care', 'public-health'],
  establishedOn: '2009-03-31T23:00:00.000Z',
  dissolution: null,
};
const bswCcg: OrganisationSummaryView = {
  id: 'bsw-ccg',
  name: 'NHS Bath and North East Somerset, Swindon and Wiltshire CCG',
  kind: 'ccg',
  functions: ['community-services', 'continuing-healthcare'],
  establishedOn: '2020-03-31T23:00:00.000Z',
  dissolution: { dissolvedOn: '2022-06-30T23:00:00.000Z', successorId: 'bsw-icb', transferDelegations: true },
};
const bswIcb: OrganisationSummaryView = {
  id: 'bsw-icb',
  name: 'NHS Bath and North East Somerset, Swindon and Wiltshire ICB',
  kind: 'icb',
  functions: ['community-services', 'continuing-healthcare'],
  establishedOn: '2022-06-30T23:00:00.000Z',
  dissolution: null,
};

const cabinet: BodySummaryView = {
  id: 'wiltshire-cabinet',
  name: 'Cabinet',
  kind: 'governing-body',
  organisationId: 'wiltshire-council',
  memberOrganisationIds: [],
  establishedOn: '2009-03-31T23:00:00.000Z',
  dissolvedOn: null,
};
const ccgGoverningBody: BodySummaryView = {
  id: 'bsw-ccg-governing-body',
  name: 'BSW CCG Governing Body',
  kind: 'governing-body',
  organisationId: 'bsw-ccg',
  memberOrganisationIds: [],
  establishedOn: '2020-03-31T23:00:00.000Z',
  dissolvedOn: '2022-06-30T23:00:00.000Z',
};
const icbBoard: BodySummaryView = {
  id: 'bsw-icb-board',
  name: 'BSW ICB Board',
  kind: 'governing-body',
  organisationId: 'bsw-icb',
  memberOrganisationIds: [],
  establishedOn: '2022-06-30T23:00:00.000Z',
  dissolvedOn: null,
};
const alliance: BodySummaryView = {
  id: ALLIANCE,
  name: 'Wiltshire Alliance Joint Committee',
  kind: 'joint-committee',
  organisationId: 'wiltshire-council',
  memberOrganisationIds: ['wiltshire-council', 'bsw-ccg'],
  establishedOn: '2021-03-31T23:00:00.000Z',
  dissolvedOn: null,
};

const seat = (membershipId: string, memberOrganisationId: string, startDate: string, endDate: string | null = null, ended: MembershipView['ended'] = null): MembershipView => ({
  membershipId,
  memberName: null,
  memberOrganisationId,
  role: 'member',
  onBehalfOfOrganisationId: null,
  startDate,
  endDate,
  ended,
});
const chair = (membershipId: string, memberName: string, onBehalfOfOrganisationId: string | null, startDate: string, endDate: string | null, ended: MembershipView['ended'] = null): MembershipView => ({
  membershipId,
  memberName,
  memberOrganisationId: null,
  role: 'chair',
  onBehalfOfOrganisationId,
  startDate,
  endDate,
  ended,
});
const councilSeat = seat('council-seat', 'wiltshire-council', '2021-03-31T23:00:00.000Z');
const ccgSeat = seat('ccg-seat', 'bsw-ccg', '2021-03-31T23:00:00.000Z', '2022-06-30T23:00:00.000Z', { reason: 'NHS BSW CCG was abolished.' });
const icbSeat = seat('icb-seat', 'bsw-icb', '2022-06-30T23:00:00.000Z');
const chair2021 = chair('chair-2021', 'Cllr Sarah Whitfield', 'wiltshire-council', '2021-03-31T23:00:00.000Z', '2022-03-31T23:00:00.000Z');
const chair2022 = chair('chair-2022', 'Dr Tom Ashby', 'bsw-ccg', '2022-03-31T23:00:00.000Z', '2022-06-30T23:00:00.000Z', { reason: 'NHS BSW CCG was abolished.' });
const chair2022Icb = chair('chair-2022-icb', 'Dr Tom Ashby', 'bsw-icb', '2022-06-30T23:00:00.000Z', '2023-03-31T23:00:00.000Z');

describeReadModels('the organisations, bodies and posts read models', (subject) => {
  describe('organisations', () => {
    it('lists every organisation by id, a page at a time, each page giving the cursor to the next', async () => {
      const reader = await projected(subject());
      const first = await listOrganisations(reader, { limit: 2 });
      expect(first).toEqual({ items: [bswCcg, bswIcb], nextCursor: expect.any(String) });
      expect(await listOrganisations(reader, { limit: 2, cursor: first.nextCursor! })).toEqual({ items: [wiltshireCouncil], nextCursor: null });
      expect(await listOrganisations(reader, {})).toEqual({ items: [bswCcg, bswIcb, wiltshireCouncil], nextCursor: null });
    });

    it('answers an organisation with its governing body over time, its bodies, its posts, and no dissolution while it exists', async () => {
      const reader = await projected(subject());
      expect(await organisationById(reader, 'wiltshire-council')).toEqual({
        ...wiltshireCouncil,
        successor: null,
        predecessors: [],
        governingBodies: [{ bodyId: 'wiltshire-cabinet', name: 'Cabinet', from: '2009-03-31T23:00:00.000Z', until: null }],
        bodies: [alliance, cabinet],
        posts: [{ id: 'wiltshire-dass', title: 'Director of Adult Social Services', organisationId: 'wiltshire-council' }],
      });
    });

    it('answers a dissolved organisation with its dissolution, its successor, its governing body until the dissolution, and the bodies it was a member of', async () => {
      const reader = await projected(subject());
      expect(await organisationById(reader, 'bsw-ccg')).toEqual({
        ...bswCcg,
        successor: { id: 'bsw-icb', name: 'NHS Bath and North East Somerset, Swindon and Wiltshire ICB' },
        predecessors: [],
        governingBodies: [{ bodyId: 'bsw-ccg-governing-body', name: 'BSW CCG Governing Body', from: '2020-03-31T23:00:00.000Z', until: '2022-06-30T23:00:00.000Z' }],
        bodies: [ccgGoverningBody, alliance],
        posts: [{ id: 'bsw-ccg-accountable-officer', title: 'Accountable Officer', organisationId: 'bsw-ccg' }],
      });
    });

    it('answers a successor with the organisations it succeeded', async () => {
      const reader = await projected(subject());
      expect(await organisationById(reader, 'bsw-icb')).toEqual({
        ...bswIcb,
        successor: null,
        predecessors: [{ id: 'bsw-ccg', name: 'NHS Bath and North East Somerset, Swindon and Wiltshire CCG', succeededOn: '2022-06-30T23:00:00.000Z', transferDelegations: true }],
        governingBodies: [{ bodyId: 'bsw-icb-board', name: 'BSW ICB Board', from: '2022-06-30T23:00:00.000Z', until: null }],
        bodies: [icbBoard],
        posts: [],
      });
    });

    it('answers null for an organisation it does not know', async () => {
      const reader = await projected(subject());
      expect(await organisationById(reader, 'swindon-borough-council')).toBeNull();
    });
  });

  describe('bodies', () => {
    it('lists every body by id, a page at a time, each page giving the cursor to the next', async () => {
      const reader = await projected(subject());
      const first = await listBodies(reader, { limit: 3 });
      expect(first).toEqual({ items: [ccgGoverningBody, icbBoard, alliance], nextCursor: expect.any(String) });
      expect(await listBodies(reader, { limit: 3, cursor: first.nextCursor! })).toEqual({ items: [cabinet], nextCursor: null });
    });

    it("lists an organisation's bodies, its own and those it is a member organisation of, filtered by kind too", async () => {
      const reader = await projected(subject());
      expect(await listBodies(reader, { organisationId: 'bsw-ccg' })).toEqual({ items: [ccgGoverningBody, alliance], nextCursor: null });
      expect(await listBodies(reader, { kind: 'governing-body' })).toEqual({ items: [ccgGoverningBody, icbBoard, cabinet], nextCursor: null });
      expect(await listBodies(reader, { organisationId: 'wiltshire-council', kind: 'joint-committee' })).toEqual({ items: [alliance], nextCursor: null });
      expect(await listBodies(reader, { organisationId: 'swindon-borough-council' })).toEqual({ items: [], nextCursor: null });
    });

    it('pages a filtered list with the same cursors', async () => {
      const reader = await projected(subject());
      const first = await listBodies(reader, { kind: 'governing-body', limit: 1 });
      expect(first.items).toEqual([ccgGoverningBody]);
      const second = await listBodies(reader, { kind: 'governing-body', limit: 1, cursor: first.nextCursor! });
      expect(second.items).toEqual([icbBoard]);
      expect(await listBodies(reader, { kind: 'governing-body', limit: 1, cursor: second.nextCursor! })).toEqual({ items: [cabinet], nextCursor: null });
    });

    it('answers a body with who sat on it at an instant, and every membership in its history, by start then id', async () => {
      const reader = await projected(subject());
      expect(await bodyById(reader, ALLIANCE, '2022-03-31T12:00:00.000Z')).toEqual({
        ...alliance,
        termsOfReference: null,
        governs: [],
        at: '2022-03-31T12:00:00.000Z',
        members: [ccgSeat, chair2021, councilSeat],
        history: [ccgSeat, chair2021, councilSeat, chair2022, chair2022Icb, icbSeat],
      });
    });

    it('the rotating chair: the outgoing chair sits until the rotation, the incoming chair from it (a membership ends exclusively)', async () => {
      const reader = await projected(subject());
      const chairsAt = async (at: string) => (await bodyById(reader, ALLIANCE, at))!.members.filter((member) => member.role === 'chair');
      expect(await chairsAt('2022-03-31T22:59:59.999Z')).toEqual([chair2021]);
      expect(await chairsAt(day('2022-04-01'))).toEqual([chair2022]);
      expect(await chairsAt('2022-05-01')).toEqual([chair2022]);
      expect(await chairsAt('2022-07-01')).toEqual([chair2022Icb]);
      expect(await chairsAt('2023-04-01')).toEqual([]);
    });

    it('the successor takes the seat of the organisation it succeeded', async () => {
      const reader = await projected(subject());
      expect((await bodyById(reader, ALLIANCE, '2022-06-30'))!.members).toEqual([ccgSeat, councilSeat, chair2022]);
      expect((await bodyById(reader, ALLIANCE, '2022-07-01'))!.members).toEqual([councilSeat, chair2022Icb, icbSeat]);
    });

    it('answers a date alone as 00:00 London, and echoes the instant it answered for', async () => {
      const reader = await projected(subject());
      expect((await bodyById(reader, ALLIANCE, '2022-04-01'))!.at).toBe('2022-03-31T23:00:00.000Z');
    });

    it('a dissolved governing body: its terms of governing, no members after its dissolution, and its ended memberships in the history', async () => {
      const reader = await projected(subject());
      const ccgChair = chair('ccg-chair', 'Dr Tom Ashby', null, '2020-03-31T23:00:00.000Z', '2022-06-30T23:00:00.000Z', { reason: 'The body was dissolved.' });
      expect(await bodyById(reader, 'bsw-ccg-governing-body', '2022-08-01')).toEqual({
        ...ccgGoverningBody,
        termsOfReference: null,
        governs: [{ organisationId: 'bsw-ccg', from: '2020-03-31T23:00:00.000Z', until: '2022-06-30T23:00:00.000Z' }],
        at: '2022-07-31T23:00:00.000Z',
        members: [],
        history: [ccgChair],
      });
      expect((await bodyById(reader, 'bsw-ccg-governing-body', '2022-06-30T22:59:59.999Z'))!.members).toEqual([ccgChair]);
    });

    it("answers a governing body's terms of reference and its open-ended members", async () => {
      const reader = await projected(subject());
      const leader = chair('leader-2021', 'Cllr Richard Clewer', null, '2021-05-24T23:00:00.000Z', null);
      expect(await bodyById(reader, 'wiltshire-cabinet', '2024-01-01')).toEqual({
        ...cabinet,
        termsOfReference: 'Part 3 of the Constitution',
        governs: [{ organisationId: 'wiltshire-council', from: '2009-03-31T23:00:00.000Z', until: null }],
        at: '2024-01-01T00:00:00.000Z',
        members: [leader],
        history: [leader],
      });
      expect((await bodyById(reader, 'wiltshire-cabinet', '2021-05-01'))!.members).toEqual([]);
    });

    it('answers null for a body it does not know', async () => {
      const reader = await projected(subject());
      expect(await bodyById(reader, 'swindon-cabinet', '2022-01-01')).toBeNull();
    });

    it('refuses an instant it cannot read', async () => {
      const reader = await projected(subject());
      await expect(bodyById(reader, ALLIANCE, 'last Tuesday')).rejects.toMatchObject({ code: 'validation_failed', field: 'at' });
    });
  });

  describe('posts', () => {
    const alison = { personName: 'Alison Grey', startDate: '2019-01-07T00:00:00.000Z', endDate: '2023-09-30T23:00:00.000Z', ended: { reason: 'Retired.' } };
    const mark = { personName: 'Mark Bennett', startDate: '2023-09-30T23:00:00.000Z', endDate: null, ended: null };

    it('answers a post with who held it at an instant, and every holding', async () => {
      const reader = await projected(subject());
      const post = { id: 'wiltshire-dass', title: 'Director of Adult Social Services', organisationId: 'wiltshire-council' };
      expect(await postById(reader, 'wiltshire-dass', '2023-09-30')).toEqual({ ...post, at: '2023-09-29T23:00:00.000Z', holder: alison, holders: [alison, mark] });
      expect(await postById(reader, 'wiltshire-dass', '2023-10-01')).toEqual({ ...post, at: '2023-09-30T23:00:00.000Z', holder: mark, holders: [alison, mark] });
    });

    it('answers no holder before the first holding, and for a post never held', async () => {
      const reader = await projected(subject());
      expect((await postById(reader, 'wiltshire-dass', '2018-12-31'))!.holder).toBeNull();
      expect(await postById(reader, 'bsw-ccg-accountable-officer', '2022-01-01')).toEqual({
        id: 'bsw-ccg-accountable-officer',
        title: 'Accountable Officer',
        organisationId: 'bsw-ccg',
        at: '2022-01-01T00:00:00.000Z',
        holder: null,
        holders: [],
      });
    });

    it('answers null for a post it does not know', async () => {
      const reader = await projected(subject());
      expect(await postById(reader, 'wiltshire-chief-executive', '2022-01-01')).toBeNull();
    });
  });

  describe('projection', () => {
    it('answers the same whether the events come one per batch or all in one', async () => {
      const reader = await projected(subject());
      const { projector, reader: oneByOne } = await subject().readModels([...organisationProjections], 1);
      await projector.catchUp();
      for (const id of ['wiltshire-council', 'bsw-ccg', 'bsw-icb']) expect(await organisationById(oneByOne, id)).toEqual(await organisationById(reader, id));
      for (const id of [ALLIANCE, 'bsw-ccg-governing-body']) expect(await bodyById(oneByOne, id, '2022-05-01')).toEqual(await bodyById(reader, id, '2022-05-01'));
      expect(await postById(oneByOne, 'wiltshire-dass', '2023-01-01')).toEqual(await postById(reader, 'wiltshire-dass', '2023-01-01'));
    });

    it('keeps on each row the log position and recording time of the event that last changed it', async () => {
      const reader = await projected(subject());
      const log = await subject().store.readLog({ after: '0:0', limit: 1000 });
      const ended = log.find((event) => event.type === 'MembershipEnded' && (event.data as { membershipId: string }).membershipId === 'chair-2022')!;
      const started = log.find((event) => event.type === 'MembershipStarted' && (event.data as { membershipId: string }).membershipId === 'chair-2021')!;
      const rows = await reader.query<{ membership_id: string; position: string; recorded_at: Date }>(
        `SELECT membership_id, position, recorded_at FROM memberships WHERE membership_id IN ('chair-2021', 'chair-2022') ORDER BY membership_id`,
      );
      expect(rows.map((row) => ({ ...row, recorded_at: new Date(row.recorded_at).toISOString() }))).toEqual([
        { membership_id: 'chair-2021', position: started.position, recorded_at: new Date(started.metadata.recordedAt).toISOString() },
        { membership_id: 'chair-2022', position: ended.position, recorded_at: new Date(ended.metadata.recordedAt).toISOString() },
      ]);
    });

    it('keeps free text exactly as typed, a NUL character included', async () => {
      const { append, readModels } = subject();
      await append(
        'organisation-nul-council',
        anEvent('OrganisationRegistered', { organisationId: 'nul-council', name: 'Nul\u0000Council "quoted" \\ é', kind: 'other', functions: [], establishedOn: day('2020-01-01') }),
      );
      await append(
        'body-nul-board',
        anEvent('BodyEstablished', { bodyId: 'nul-board', name: 'Board\u0000', kind: 'committee', organisationId: 'nul-council', memberOrganisationIds: [], establishedOn: day('2020-01-01'), termsOfReference: 'line\nbreak\u0000' }),
        anEvent('MembershipStarted', { bodyId: 'nul-board', membershipId: 'm1', memberName: 'A\u0000B', memberOrganisationId: null, role: 'chair\u0000', onBehalfOfOrganisationId: null, startDate: day('2020-01-01'), endDate: null }),
      );
      const { projector, reader } = await readModels([...organisationProjections]);
      await projector.catchUp();
      expect((await organisationById(reader, 'nul-council'))!.name).toBe('Nul\u0000Council "quoted" \\ é');
      const board = (await bodyById(reader, 'nul-board', '2021-01-01'))!;
      expect([board.name, board.termsOfReference, board.members[0].memberName, board.members[0].role]).toEqual(['Board\u0000', 'line\nbreak\u0000', 'A\u0000B', 'chair\u0000']);
    });

    it('stops on an event that finds nothing to change, naming it', async () => {
      const { append, readModels } = subject();
      await append('body-ghost', anEvent('MembershipEnded', { bodyId: 'ghost', membershipId: 'm1', endDate: day('2022-01-01'), reason: null }));
      const { projector } = await readModels([...organisationProjections]);
      await expect(projector.catchUp()).rejects.toThrow(/Projection bodies failed on MembershipEnded at log position .*: MembershipEnded found no membership m1 of ghost to change/);
    });
  });

  describe('lists', () => {
    it('sorts ids byte-wise, a dash before letters, whatever the server locale', async () => {
      const { append, readModels } = subject();
      for (const [organisationId, name] of [['nhsbsa', 'NHS Business Services Authority'], ['nhs-england', 'NHS England']]) {
        await append(`organisation-${organisationId}`, anEvent('OrganisationRegistered', { organisationId, name, kind: 'other', functions: [], establishedOn: day('2013-04-01') }));
      }
      const { projector, reader } = await readModels([...organisationProjections]);
      await projector.catchUp();
      const first = await listOrganisations(reader, { limit: 1 });
      expect(first.items.map((item) => item.id)).toEqual(['nhs-england']);
      expect((await listOrganisations(reader, { limit: 1, cursor: first.nextCursor! })).items.map((item) => item.id)).toEqual(['nhsbsa']);
    });

    it('refuses a cursor it did not give out', async () => {
      const reader = await projected(subject());
      await expect(listOrganisations(reader, { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(listBodies(reader, { cursor: Buffer.from('[42]').toString('base64url') })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
});
