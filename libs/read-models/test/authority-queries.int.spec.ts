import {
  authorityOfHolder,
  checkAuthority,
  fold,
  organisationDecider,
  parseInstant,
  schemeDecider,
  type AuthoritySources,
  type OrganisationEvent,
  type SchemeEvent,
} from '@ledger/governance';
import { AuthorityFacts, FoldedStreams } from '@ledger/facts';
import type { ReadModelReader } from '@ledger/read-models';
import { AuthorityQueries } from '../src/authority/index.js';
import { delegationsProjection } from '../src/delegations/index.js';
import { organisationProjections } from '../src/organisations/organisations.projection.js';
import { anEvent, describeReadModels, projectStreams } from './read-model-harness.js';

const on = (date: string) => parseInstant(date)!;
const instrument = { title: "Leader's Scheme of Delegation", reference: null, url: null };

const registered = (organisationId: string, kind: 'local-authority' | 'ccg' | 'icb', functions: string[], governingBodyId: string, establishedOn: string): OrganisationEvent[] => [
  { type: 'OrganisationRegistered', data: { organisationId, name: organisationId, kind, functions, establishedOn: on(establishedOn) } },
  { type: 'GoverningBodyDesignated', data: { organisationId, bodyId: governingBodyId, from: on(establishedOn) } },
];

const grant = (organisationId: string, delegationId: string, fromId: string, toId: string, terms: Partial<Extract<SchemeEvent, { type: 'DelegationGranted' }>['data']> = {}): SchemeEvent => ({
  type: 'DelegationGranted',
  data: {
    delegationId,
    organisationId,
    fromId,
    toId,
    scopes: ['adult-social-care'],
    limitPence: null,
    effectiveFrom: on('2021-04-01'),
    effectiveUntil: null,
    mayRedelegate: true,
    instrument,
    authorisedByProposalId: null,
    ...terms,
  },
});

const council = registered('wiltshire-council', 'local-authority', ['adult-social-care', 'community-services', 'public-health', 'bcf'], 'wiltshire-cabinet', '2009-04-01');
const councilScheme: SchemeEvent[] = [
  grant('wiltshire-council', 'cabinet-to-dass', 'wiltshire-cabinet', 'director-adult-social-services', { limitPence: 100_000_000 }),
  grant('wiltshire-council', 'dass-to-head-of-commissioning', 'director-adult-social-services', 'head-of-commissioning', {
    scopes: ['adult-social-care/commissioning'],
    limitPence: 25_000_000,
    effectiveFrom: on('2021-06-01'),
    mayRedelegate: false,
  }),
  grant('wiltshire-council', 'cabinet-to-alliance', 'wiltshire-cabinet', 'wiltshire-alliance-joint-committee', { scopes: ['bcf'], effectiveFrom: on('2022-04-01') }),
  {
    type: 'DelegationVaried',
    data: {
      delegationId: 'dass-to-head-of-commissioning',
      organisationId: 'wiltshire-council',
      effectiveFrom: on('2022-04-01'),
      reason: 'Annual review of the scheme',
      changes: [{ term: 'limitPence', to: 50_000_000 }],
    },
  },
];
const revokedBackdated: SchemeEvent = {
  type: 'DelegationRevoked',
  data: { delegationId: 'dass-to-head-of-commissioning', organisationId: 'wiltshire-council', effectiveFrom: on('2022-06-01'), reason: 'Post deleted in the restructure' },
};

/** Every CCG was dissolved at the end of 30 June 2022; its functions and delegations passed to an ICB. */
const ccg: OrganisationEvent[] = [
  ...registered('bsw-ccg', 'ccg', ['commissioning', 'community-services', 'bcf'], 'bsw-ccg-governing-body', '2020-04-01'),
  { type: 'OrganisationDissolved', data: { organisationId: 'bsw-ccg', dissolvedOn: on('2022-07-01'), successorId: 'bsw-icb', transferDelegations: true } },
];
const icb: OrganisationEvent[] = [
  ...registered('bsw-icb', 'icb', ['commissioning', 'community-services', 'bcf', 'primary-care'], 'bsw-icb-board', '2022-07-01'),
  { type: 'OrganisationSucceeded', data: { organisationId: 'bsw-icb', predecessorId: 'bsw-ccg', succeededOn: on('2022-07-01'), transferDelegations: true } },
];
const ccgScheme: SchemeEvent[] = [
  grant('bsw-ccg', 'ccg-to-alliance', 'bsw-ccg-governing-body', 'wiltshire-alliance-joint-committee', {
    scopes: ['community-services'],
    limitPence: 1_000_000_000,
    effectiveFrom: on('2022-04-01'),
  }),
];

const events = (list: readonly (SchemeEvent | OrganisationEvent)[]) => list.map((event) => anEvent(event.type, event.data, 'clerk:test'));

/** What governance says on the same events, folded directly. */
const councilSources = (scheme: SchemeEvent[] = councilScheme): AuthoritySources => ({ organisation: fold(organisationDecider, council), scheme: fold(schemeDecider, scheme) });
const icbSources = (): AuthoritySources => ({
  organisation: fold(organisationDecider, icb),
  scheme: fold(schemeDecider, []),
  predecessors: [{ organisation: fold(organisationDecider, ccg), scheme: fold(schemeDecider, ccgScheme) }],
});
const ccgSources = (): AuthoritySources => ({ organisation: fold(organisationDecider, ccg), scheme: fold(schemeDecider, ccgScheme) });


describeReadModels('the authority reads', (subject) => {
  let reader: ReadModelReader;
  let authority: AuthorityQueries;
  /** Every `readStreams` the queries made, with what the store answered. */
  let reads: { requests: readonly { streamId: string; fromVersion: number }[]; answer: Map<string, unknown[]> }[];

  beforeEach(async () => {
    const { append, readModels } = subject();
    await append('organisation-wiltshire-council', ...events(council));
    await append('scheme-wiltshire-council', ...events(councilScheme));
    await append('organisation-bsw-ccg', ...events(ccg));
    await append('organisation-bsw-icb', ...events(icb));
    await append('scheme-bsw-ccg', ...events(ccgScheme));
    // The holders asked about, known to the ledger (a refusal names only a body or post it knows).
    await append('post-head-of-commissioning', anEvent('PostCreated', { postId: 'head-of-commissioning', title: 'Head of Commissioning', organisationId: 'wiltshire-council' }));
    await append('body-wiltshire-alliance-joint-committee', anEvent('BodyEstablished', { bodyId: 'wiltshire-alliance-joint-committee', name: 'Wiltshire Alliance Joint Committee', kind: 'joint-committee', organisationId: null, memberOrganisationIds: ['wiltshire-council', 'bsw-ccg'], establishedOn: on('2022-04-01'), termsOfReference: null }));
    const models = await readModels([delegationsProjection, ...organisationProjections]);
    const { store } = subject();
    await projectStreams(models.projector, store, ['scheme-wiltshire-council', 'scheme-bsw-ccg', 'post-head-of-commissioning', 'body-wiltshire-alliance-joint-committee']);
    reader = models.reader;
    reads = [];
    const watched = Object.create(store) as typeof store;
    watched.readStreams = async (requests) => {
      const answer = await store.readStreams(requests);
      reads.push({ requests, answer });
      return answer;
    };
    authority = new AuthorityQueries(watched, new AuthorityFacts(new FoldedStreams(watched)), reader, { now: () => new Date(on('2022-05-01')) });
  });

  it('allows the Head of Commissioning a matter within the varied limit, with the chain from Wiltshire Cabinet', async () => {
    const question = { holderId: 'head-of-commissioning', organisationId: 'wiltshire-council', scopes: ['adult-social-care/commissioning'], amountPence: 40_000_000, at: '2022-05-01' };
    const answer = await authority.check(question);
    expect(answer).toEqual(checkAuthority({ ...question, at: on('2022-05-01') }, councilSources()));
    expect(answer.allowed).toBe(true);
    expect(answer.chains).toEqual([
      [
        expect.objectContaining({ delegationId: 'cabinet-to-dass', fromId: 'wiltshire-cabinet', toId: 'director-adult-social-services', scopes: ['adult-social-care'], limitPence: 100_000_000, effectiveFrom: on('2021-04-01'), effectiveUntil: null }),
        expect.objectContaining({ delegationId: 'dass-to-head-of-commissioning', fromId: 'director-adult-social-services', toId: 'head-of-commissioning', scopes: ['adult-social-care/commissioning'], limitPence: 50_000_000, effectiveFrom: on('2021-06-01'), effectiveUntil: null }),
      ],
    ]);
  });

  it('refuses above the limit, before the variation took effect, with the reasons governance gives', async () => {
    const question = { holderId: 'head-of-commissioning', organisationId: 'wiltshire-council', scopes: ['adult-social-care/commissioning'], amountPence: 40_000_000, at: '2022-03-31' };
    const answer = await authority.check(question);
    expect(answer).toEqual({ allowed: false, chains: [], reasons: ['delegation dass-to-head-of-commissioning limit £250,000.00 is below £400,000.00'] });
    expect(answer).toEqual(checkAuthority({ ...question, at: on('2022-03-31') }, councilSources()));
  });

  it('answers the governing body with one empty chain, and asks about now when no date is given', async () => {
    expect(await authority.check({ holderId: 'wiltshire-cabinet', organisationId: 'wiltshire-council', scopes: ['public-health'] })).toEqual({ allowed: true, chains: [[]], reasons: [] });
    const now = await authority.check({ holderId: 'head-of-commissioning', organisationId: 'wiltshire-council', scopes: ['adult-social-care/commissioning'], amountPence: 40_000_000 });
    expect(now.allowed).toBe(true); // 1 May 2022, after the variation
  });

  it('sees a backdated revocation recorded after an earlier answer, reading only the newer events', async () => {
    const question = { holderId: 'head-of-commissioning', organisationId: 'wiltshire-council', scopes: ['adult-social-care/commissioning'], amountPence: 1_000_000, at: '2022-07-01' };
    expect((await authority.check(question)).allowed).toBe(true);
    await subject().append('scheme-wiltshire-council', ...events([revokedBackdated]));
    const answer = await authority.check(question);
    expect(answer).toEqual({ allowed: false, chains: [], reasons: ['delegation dass-to-head-of-commissioning revoked with effect from 2022-06-01'] });
    expect(answer).toEqual(checkAuthority({ ...question, at: on('2022-07-01') }, councilSources([...councilScheme, revokedBackdated])));
    expect(reads.at(-1)!.requests).toEqual([
      { streamId: 'organisation-wiltshire-council', fromVersion: council.length + 1 },
      { streamId: 'scheme-wiltshire-council', fromVersion: councilScheme.length + 1 },
    ]);
    expect(reads.at(-1)!.answer.get('scheme-wiltshire-council')).toHaveLength(1);
    expect(reads.at(-1)!.answer.get('organisation-wiltshire-council')).toHaveLength(0);
  });

  it('answers not found for an organisation or a holder the ledger does not know, rather than a refusal', async () => {
    await expect(authority.check({ holderId: 'wiltshire-cabinet', organisationId: 'nowhere-council', scopes: ['bcf'], at: '2022-05-01' })).rejects.toMatchObject({ code: 'not_found', message: 'There is no organisation nowhere-council.' });
    await expect(authority.check({ holderId: 'head-of-comissioning', organisationId: 'wiltshire-council', scopes: ['bcf'], at: '2022-05-01' })).rejects.toMatchObject({ code: 'not_found', message: 'There is no body or post head-of-comissioning.' });
    await expect(authority.ofHolder({ holderId: 'head-of-comissioning', at: '2022-05-01' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a dissolved CCG in plain English', async () => {
    expect(await authority.check({ holderId: 'wiltshire-alliance-joint-committee', organisationId: 'bsw-ccg', scopes: ['community-services'], at: '2022-07-01' })).toEqual({
      allowed: false,
      chains: [],
      reasons: ['organisation bsw-ccg was dissolved on 2022-07-01', 'its successor is bsw-icb'],
    });
  });

  it('counts a CCG’s delegations for the ICB that succeeded it, from the day of the transfer', async () => {
    const question = { holderId: 'wiltshire-alliance-joint-committee', organisationId: 'bsw-icb', scopes: ['community-services'], amountPence: 500_000_000, at: '2022-07-01' };
    const answer = await authority.check(question);
    expect(answer).toEqual(checkAuthority({ ...question, at: on('2022-07-01') }, icbSources()));
    expect(answer.chains).toEqual([[expect.objectContaining({ delegationId: 'ccg-to-alliance', fromId: 'bsw-ccg-governing-body', organisationId: 'bsw-ccg', limitPence: 1_000_000_000 })]]);
    expect((await authority.check({ ...question, at: '2022-06-30' })).reasons).toEqual(['organisation bsw-icb was not established until 2022-07-01']);
  });

  it('lists every scope a holder may decide, per organisation, as governance does', async () => {
    const dass = await authority.ofHolder({ holderId: 'director-adult-social-services', at: '2022-05-01' });
    expect(dass).toEqual(authorityOfHolder({ holderId: 'director-adult-social-services', at: on('2022-05-01') }, [councilSources()]));
    expect(dass.organisations.map(({ organisationId, scopes }) => [organisationId, scopes.map(({ scope, limitPence, chain }) => [scope, limitPence, chain.map((link) => link.delegationId)])])).toEqual([
      ['wiltshire-council', [['adult-social-care', 100_000_000, ['cabinet-to-dass']]]],
    ]);
    const head = await authority.ofHolder({ holderId: 'head-of-commissioning', at: '2022-05-01' });
    expect(head.organisations[0].scopes.map(({ scope, limitPence }) => [scope, limitPence])).toEqual([['adult-social-care/commissioning', 50_000_000]]);
  });

  it('lists the governing body with every function of its organisation, without limit', async () => {
    const cabinet = await authority.ofHolder({ holderId: 'wiltshire-cabinet', at: '2022-05-01' });
    expect(cabinet.organisations).toEqual([
      { organisationId: 'wiltshire-council', governingBody: true, scopes: ['adult-social-care', 'bcf', 'community-services', 'public-health'].map((scope) => ({ scope, limitPence: null, chain: [] })) },
    ]);
  });

  it('finds the ICB for a holder the CCG delegated to, through the succession', async () => {
    const alliance = await authority.ofHolder({ holderId: 'wiltshire-alliance-joint-committee', at: '2022-07-01' });
    expect(alliance).toEqual(authorityOfHolder({ holderId: 'wiltshire-alliance-joint-committee', at: on('2022-07-01') }, [ccgSources(), icbSources(), councilSources()]));
    expect(alliance.organisations.map(({ organisationId, scopes }) => [organisationId, scopes.map(({ scope }) => scope)])).toEqual([
      ['bsw-icb', ['community-services']],
      ['wiltshire-council', ['bcf']],
    ]);
    const before = await authority.ofHolder({ holderId: 'wiltshire-alliance-joint-committee', at: '2022-06-30' });
    expect(before.organisations.map(({ organisationId }) => organisationId)).toEqual(['bsw-ccg', 'wiltshire-council']);
  });

  it('is nothing for a holder the ledger knows but no scheme names', async () => {
    await subject().append('post-someone-else', anEvent('PostCreated', { postId: 'someone-else', title: 'Project Officer', organisationId: 'wiltshire-council' }));
    const models = await subject().readModels([...organisationProjections]);
    await projectStreams(models.projector, subject().store, ['post-someone-else']);
    const authorityThere = new AuthorityQueries(subject().store, new AuthorityFacts(new FoldedStreams(subject().store)), models.reader, { now: () => new Date(on('2022-05-01')) });
    expect(await authorityThere.ofHolder({ holderId: 'someone-else', at: '2022-05-01' })).toEqual({ holderId: 'someone-else', at: on('2022-05-01'), organisations: [] });
  });

  it('refuses a date it cannot read', async () => {
    await expect(authority.check({ holderId: 'x', organisationId: 'wiltshire-council', scopes: ['bcf'], at: '1 May' })).rejects.toMatchObject({ code: 'validation_failed', field: 'at' });
  });
});
