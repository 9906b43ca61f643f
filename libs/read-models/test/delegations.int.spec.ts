import { setTimeout as sleep } from 'node:timers/promises';
import { parseInstant, type SchemeEvent } from '@ledger/governance';
import type { ReadModelReader } from '@ledger/read-models';
import { InvalidCursorError } from '../src/lists/page.js';
import { delegationById, delegationsProjection, listDelegations, type DelegationView } from '../src/delegations/index.js';
import { anEvent, describeReadModels, projectStreams, type ReadModelsUnderTest } from './read-model-harness.js';

const on = (date: string) => parseInstant(date)!;
const SCHEME = 'scheme-wiltshire-council';
const instrument = { title: "Leader's Scheme of Delegation, Part 3 of the Constitution", reference: 'Part 3', url: null };

const grant = (delegationId: string, fromId: string, toId: string, terms: Partial<Extract<SchemeEvent, { type: 'DelegationGranted' }>['data']> = {}): SchemeEvent => ({
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
    instrument,
    authorisedByProposalId: null,
    ...terms,
  },
});
const about = (delegationId: string) => ({ delegationId, organisationId: 'wiltshire-council' });

/** Wiltshire Cabinet → Director of Adult Social Services → Head of Commissioning, and the Alliance joint committee. */
const granted: SchemeEvent[] = [
  grant('cabinet-to-dass', 'wiltshire-cabinet', 'director-adult-social-services', { limitPence: 100_000_000, authorisedByProposalId: 'cabinet-2021-03-scheme' }),
  grant('dass-to-head-of-commissioning', 'director-adult-social-services', 'head-of-commissioning', {
    scopes: ['adult-social-care/commissioning'],
    limitPence: 25_000_000,
    effectiveFrom: on('2021-06-01'),
    mayRedelegate: false,
  }),
  grant('cabinet-to-alliance', 'wiltshire-cabinet', 'wiltshire-alliance-joint-committee', { scopes: ['bcf'], effectiveFrom: on('2022-04-01') }),
];
const variedFromApril: SchemeEvent = {
  type: 'DelegationVaried',
  data: { ...about('dass-to-head-of-commissioning'), effectiveFrom: on('2022-04-01'), reason: 'Annual review of the scheme', changes: [{ term: 'limitPence', to: 50_000_000 }] },
};
const variedFromSeptember: SchemeEvent = {
  type: 'DelegationVaried',
  data: { ...about('dass-to-head-of-commissioning'), effectiveFrom: on('2022-09-01'), reason: 'Inflation uplift', changes: [{ term: 'limitPence', to: 60_000_000 }] },
};
const suspended: SchemeEvent = {
  type: 'DelegationSuspended',
  data: { ...about('cabinet-to-alliance'), effectiveFrom: on('2022-09-01'), reason: 'Section 75 agreement under review' },
};
const reinstated: SchemeEvent = {
  type: 'DelegationReinstated',
  data: { ...about('cabinet-to-alliance'), effectiveFrom: on('2022-11-01'), reason: 'Section 75 agreement renewed' },
};
/** Recorded after everything else, reaching back before the September variation. */
const revokedBackdated: SchemeEvent = {
  type: 'DelegationRevoked',
  data: { ...about('dass-to-head-of-commissioning'), effectiveFrom: on('2022-06-01'), reason: 'Post deleted in the restructure of 1 June' },
};

const record = (append: ReadModelsUnderTest['append'], ...events: SchemeEvent[]) => append(SCHEME, ...events.map((event) => anEvent(event.type, event.data, 'clerk:wiltshire')));

const ids = (items: DelegationView[]) => items.map((item) => item.delegationId);

describeReadModels('the delegations read model', (subject) => {
  let reader: ReadModelReader;

  beforeEach(async () => {
    const { append, readModels } = subject();
    await record(append, ...granted, variedFromApril, variedFromSeptember, suspended, reinstated);
    await sleep(5); // the revocation is recorded later
    await record(append, revokedBackdated);
    const models = await readModels([delegationsProjection]);
    reader = models.reader;
    await projectStreams(models.projector, subject().store, [SCHEME]);
  });

  it('keeps a delegation with its parties, latest terms, instrument and recorded standing', async () => {
    const alliance = await delegationById(reader, 'cabinet-to-alliance');
    expect(alliance).toMatchObject({
      delegationId: 'cabinet-to-alliance',
      organisationId: 'wiltshire-council',
      fromId: 'wiltshire-cabinet',
      toId: 'wiltshire-alliance-joint-committee',
      scopes: ['bcf'],
      limitPence: null,
      effectiveFrom: on('2022-04-01'),
      effectiveUntil: null,
      mayRedelegate: true,
      termsAt: null,
      standing: { status: 'active', from: null, reason: null },
      instrument,
      authorisedByProposalId: null,
      revocationRecordedAt: null,
    });
    expect((await delegationById(reader, 'cabinet-to-dass'))!.authorisedByProposalId).toBe('cabinet-2021-03-scheme');
  });

  it('has no delegation for an id never granted', async () => {
    expect(await delegationById(reader, 'cabinet-to-nobody')).toBeNull();
  });

  it('lists the delegations in force at a date with their terms as varied by then', async () => {
    const at = async (date: string) =>
      (await listDelegations(reader, { at: on(date) })).items.map((item) => [item.delegationId, item.limitPence, item.termsAt]);
    expect(await at('2021-05-01')).toEqual([['cabinet-to-dass', 100_000_000, on('2021-05-01')]]);
    expect(await at('2022-03-31')).toEqual([
      ['cabinet-to-dass', 100_000_000, on('2022-03-31')],
      ['dass-to-head-of-commissioning', 25_000_000, on('2022-03-31')],
    ]);
    expect(await at('2022-04-01')).toEqual([
      ['cabinet-to-dass', 100_000_000, on('2022-04-01')],
      ['dass-to-head-of-commissioning', 50_000_000, on('2022-04-01')],
      ['cabinet-to-alliance', null, on('2022-04-01')],
    ]);
  });

  it('leaves a suspended delegation out of what is in force until it is reinstated', async () => {
    expect(ids((await listDelegations(reader, { at: on('2022-08-31') })).items)).toEqual(['cabinet-to-dass', 'cabinet-to-alliance']);
    expect(ids((await listDelegations(reader, { at: on('2022-09-01') })).items)).toEqual(['cabinet-to-dass']);
    expect(ids((await listDelegations(reader, { at: on('2022-11-01') })).items)).toEqual(['cabinet-to-dass', 'cabinet-to-alliance']);
  });

  it('takes a backdated revocation to reach back to its effective date, before it was recorded', async () => {
    expect(ids((await listDelegations(reader, { at: on('2022-05-31') })).items)).toContain('dass-to-head-of-commissioning');
    expect(ids((await listDelegations(reader, { at: on('2022-06-01') })).items)).not.toContain('dass-to-head-of-commissioning');
    expect(ids((await listDelegations(reader, { at: on('2022-10-01') })).items)).not.toContain('dass-to-head-of-commissioning');
    const revoked = await delegationById(reader, 'dass-to-head-of-commissioning');
    expect(revoked).toMatchObject({
      limitPence: 60_000_000,
      standing: { status: 'revoked', from: on('2022-06-01'), reason: 'Post deleted in the restructure of 1 June' },
    });
    expect(revoked!.revocationRecordedAt! > revoked!.grantRecordedAt).toBe(true);
  });

  it('shows each event of the history on both axes: when it took effect, when it was recorded, and the terms from then as known now and as known then', async () => {
    const { history } = (await delegationById(reader, 'dass-to-head-of-commissioning'))!;
    expect(history.map(({ type, effectiveFrom, reason, changes, now, asRecorded }) => ({ type, effectiveFrom, reason, changes, now, asRecorded }))).toEqual([
      {
        type: 'DelegationGranted',
        effectiveFrom: on('2021-06-01'),
        reason: null,
        changes: [],
        now: { status: 'in-force', scopes: ['adult-social-care/commissioning'], limitPence: 25_000_000, effectiveUntil: null, mayRedelegate: false, validUntil: on('2022-04-01') },
        asRecorded: { status: 'in-force', scopes: ['adult-social-care/commissioning'], limitPence: 25_000_000, effectiveUntil: null, mayRedelegate: false },
      },
      {
        type: 'DelegationVaried',
        effectiveFrom: on('2022-04-01'),
        reason: 'Annual review of the scheme',
        changes: [{ term: 'limitPence', to: 50_000_000 }],
        now: { status: 'in-force', scopes: ['adult-social-care/commissioning'], limitPence: 50_000_000, effectiveUntil: null, mayRedelegate: false, validUntil: on('2022-06-01') },
        asRecorded: { status: 'in-force', scopes: ['adult-social-care/commissioning'], limitPence: 50_000_000, effectiveUntil: null, mayRedelegate: false },
      },
      {
        type: 'DelegationVaried',
        effectiveFrom: on('2022-09-01'),
        reason: 'Inflation uplift',
        changes: [{ term: 'limitPence', to: 60_000_000 }],
        // In force as recorded; revoked as the ledger knows it now, since the revocation reached back over it.
        now: { status: 'revoked', scopes: ['adult-social-care/commissioning'], limitPence: 60_000_000, effectiveUntil: null, mayRedelegate: false, validUntil: null },
        asRecorded: { status: 'in-force', scopes: ['adult-social-care/commissioning'], limitPence: 60_000_000, effectiveUntil: null, mayRedelegate: false },
      },
      {
        type: 'DelegationRevoked',
        effectiveFrom: on('2022-06-01'),
        reason: 'Post deleted in the restructure of 1 June',
        changes: [],
        now: { status: 'revoked', scopes: ['adult-social-care/commissioning'], limitPence: 50_000_000, effectiveUntil: null, mayRedelegate: false, validUntil: on('2022-09-01') },
        asRecorded: { status: 'revoked', scopes: ['adult-social-care/commissioning'], limitPence: 50_000_000, effectiveUntil: null, mayRedelegate: false },
      },
    ]);
    // Record time runs in log order, whatever the valid times say.
    const recorded = history.map((entry) => entry.recordedAt);
    expect([...recorded].sort()).toEqual(recorded);
    expect(history.map((entry) => entry.streamVersion)).toEqual([2, 4, 5, 8]);
    expect(history.every((entry) => entry.actor === 'clerk:wiltshire' && /^\d+:\d+$/.test(entry.position))).toBe(true);
  });

  it('answers as the ledger knew it at a record time, before the backdated revocation was recorded', async () => {
    const now = (await delegationById(reader, 'dass-to-head-of-commissioning'))!;
    const beforeRevocation = new Date(Date.parse(now.history[3].recordedAt) - 1).toISOString();
    const then = await delegationById(reader, 'dass-to-head-of-commissioning', { recordedBy: now.history[2].recordedAt });
    const stillThen = await delegationById(reader, 'dass-to-head-of-commissioning', { recordedBy: beforeRevocation });
    expect(then).toEqual(stillThen);
    expect(then).toMatchObject({ standing: { status: 'active', from: null, reason: null }, limitPence: 60_000_000, revocationRecordedAt: null });
    expect(then!.history.map((entry) => [entry.type, entry.now.status])).toEqual([
      ['DelegationGranted', 'in-force'],
      ['DelegationVaried', 'in-force'],
      ['DelegationVaried', 'in-force'],
    ]);
    expect(await delegationById(reader, 'dass-to-head-of-commissioning', { recordedBy: '2000-01-01T00:00:00.000Z' })).toBeNull();
    expect(await delegationById(reader, 'dass-to-head-of-commissioning', { recordedBy: new Date(Date.now() + 60_000).toISOString() })).toEqual(now);
  });

  it('filters by organisation, giver and receiver', async () => {
    expect(ids((await listDelegations(reader, { organisationId: 'wiltshire-council' })).items)).toEqual(['cabinet-to-dass', 'dass-to-head-of-commissioning', 'cabinet-to-alliance']);
    expect(ids((await listDelegations(reader, { organisationId: 'bsw-icb' })).items)).toEqual([]);
    expect(ids((await listDelegations(reader, { fromId: 'wiltshire-cabinet' })).items)).toEqual(['cabinet-to-dass', 'cabinet-to-alliance']);
    expect(ids((await listDelegations(reader, { toId: 'head-of-commissioning' })).items)).toEqual(['dass-to-head-of-commissioning']);
    expect(ids((await listDelegations(reader, { fromId: 'wiltshire-cabinet', toId: 'wiltshire-alliance-joint-committee', at: on('2022-09-15') })).items)).toEqual([]);
  });

  it('pages by the date each took effect, then id, with cursors that pass back', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDelegations(reader, { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.items));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['cabinet-to-dass', 'dass-to-head-of-commissioning', 'cabinet-to-alliance']);
    const first = await listDelegations(reader, { limit: 1, at: on('2022-04-01') });
    expect(ids((await listDelegations(reader, { limit: 5, at: on('2022-04-01'), cursor: first.nextCursor! })).items)).toEqual(['dass-to-head-of-commissioning', 'cabinet-to-alliance']);
    await expect(listDelegations(reader, { limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('reads the same whether events are projected one at a time or all at once', async () => {
    const { readModels } = subject();
    const oneByOne = await readModels([delegationsProjection], 1);
    await projectStreams(oneByOne.projector, subject().store, [SCHEME]);
    const rows = (r: ReadModelReader) => r.query('SELECT * FROM delegation_history ORDER BY log_transaction, log_sequence');
    expect(await rows(oneByOne.reader)).toEqual(await rows(reader));
    expect(await oneByOne.reader.query('SELECT * FROM delegations ORDER BY delegation_id')).toEqual(await reader.query('SELECT * FROM delegations ORDER BY delegation_id'));
  });

  it('keeps a reason typed with U+0000 rather than stop the read side', async () => {
    const { append, readModels } = subject();
    await record(append, { type: 'DelegationSuspended', data: { ...about('cabinet-to-dass'), effectiveFrom: on('2023-01-01'), reason: 'typed\u0000badly' } });
    const models = await readModels([delegationsProjection]);
    await projectStreams(models.projector, subject().store, [SCHEME]);
    expect((await delegationById(models.reader, 'cabinet-to-dass'))!.standing).toEqual({ status: 'suspended', from: on('2023-01-01'), reason: 'typed\uFFFDbadly' });
  });
});
