import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  canonicalEvent,
  chainHash,
  compareLogPositions,
  CopyMismatchError,
  GENESIS_HASH,
  EmptyAppendError,
  InvalidEventError,
  InvalidExpectedVersionError,
  InvalidStreamIdError,
  MAX_EVENT_DATA_BYTES,
  NonJsonValueError,
  PartialDuplicateAppendError,
  PayloadTooLargeError,
  RepeatedStreamAppendError,
  VersionConflictError,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type StoredEvent,
} from '@ledger/event-store';

export interface EventStoreUnderTest {
  store: EventStore;
  dispose(): Promise<void>;
}

/** An event as a command handler would write it. */
export function anEvent(data: unknown = { title: 'Enhanced Section 75 Partnership' }, type = 'ProposalTabled'): NewEvent {
  return { eventId: randomUUID(), type, schemaVersion: 1, data, metadata: { actor: 'clerk:wokingham' } };
}

let streamCounter = 0;
export function aStreamId(prefix = 'proposal'): string {
  streamCounter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${streamCounter}`;
}

/** Reads the whole log after where `store` stood, to the end. */
export async function readLogSince(store: EventStore, after: Awaited<ReturnType<EventStore['headPosition']>>): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let position = after;
  for (;;) {
    const page = await store.readLog({ after: position, limit: 500 });
    if (page.length === 0) return events;
    events.push(...page);
    position = page[page.length - 1].position;
  }
}

/**
 * The guarantees every event store of the ledger keeps, run against each adapter
 * (PGlite, PostgreSQL, EventStoreDB).
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStoreUnderTest>): void {
  describe(`event store contract: ${name}`, () => {
    let subject: EventStoreUnderTest;
    let store: EventStore;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.dispose();
    });

    /** Proves a refused append changed nothing: same log head, stream unchanged. */
    async function expectNothingAppended(streamId: string, attempt: () => Promise<unknown>, error: new (...args: never[]) => Error) {
      const head = await store.headPosition();
      const before = await store.readStream(streamId);
      await expect(attempt()).rejects.toBeInstanceOf(error);
      expect(await store.headPosition()).toBe(head);
      expect(await store.readStream(streamId)).toEqual(before);
    }

    describe('appending and reading a stream', () => {
      it('stores the full envelope, with recordedAt set by the store', async () => {
        const streamId = aStreamId();
        const event = anEvent({ title: 'Wiltshire Alliance Joint Committee', valuePence: 59_290_000_000 });
        event.metadata = { actor: 'clerk:wiltshire', correlationId: 'c-1', causationId: 'k-1', idempotencyKey: 'idem-1' };
        const before = Date.now();
        const result = await store.append(streamId, [event], { expectedVersion: 'no-stream' });

        expect(result.nextStreamVersion).toBe(1);
        expect(result.positions).toHaveLength(1);
        expect(result.duplicate).toBe(false);
        const [stored] = await store.readStream(streamId);
        expect(stored).toMatchObject({
          eventId: event.eventId,
          type: 'ProposalTabled',
          schemaVersion: 1,
          data: event.data,
          streamId,
          streamVersion: 1,
          position: result.positions[0],
          hash: result.hash,
          metadata: { actor: 'clerk:wiltshire', correlationId: 'c-1', causationId: 'k-1', idempotencyKey: 'idem-1' },
        });
        expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
        const recordedAt = Date.parse(stored.metadata.recordedAt);
        expect(recordedAt).toBeGreaterThanOrEqual(before - 1000);
        expect(recordedAt).toBeLessThanOrEqual(Date.now() + 1000);
      });

      it('appends several events at once, numbering versions on from the expected one', async () => {
        const streamId = aStreamId();
        await store.append(streamId, [anEvent(), anEvent()], { expectedVersion: 'no-stream' });
        const result = await store.append(streamId, [anEvent({ n: 3 }), anEvent({ n: 4 }), anEvent({ n: 5 })], { expectedVersion: 2 });
        expect(result.nextStreamVersion).toBe(5);
        expect(result.positions).toHaveLength(3);
        const events = await store.readStream(streamId);
        expect(events.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5]);
        expect(events.slice(2).map((event) => event.position)).toEqual(result.positions);
        // One append's events stand in the log in stream order.
        expect(result.positions.every((position, i) => i === 0 || compareLogPositions(result.positions[i - 1], position) < 0)).toBe(true);
        expect(await store.readStream(streamId, { fromVersion: 3, maxCount: 2 })).toEqual(events.slice(2, 4));
      });

      it('reads several streams at once, each from its own version', async () => {
        const [first, second, unknown] = [aStreamId(), aStreamId(), aStreamId()];
        await store.append(first, [anEvent({ n: 1 }), anEvent({ n: 2 }), anEvent({ n: 3 })], { expectedVersion: 'no-stream' });
        await store.append(second, [anEvent({ n: 1 })], { expectedVersion: 'no-stream' });
        const read = await store.readStreams([
          { streamId: first, fromVersion: 2 },
          { streamId: second, fromVersion: 1 },
          { streamId: unknown, fromVersion: 1 },
        ]);
        expect([...read.keys()].sort()).toEqual([first, second, unknown].sort());
        expect(read.get(first)).toEqual((await store.readStream(first)).slice(1));
        expect(read.get(second)).toEqual(await store.readStream(second));
        expect(read.get(unknown)).toEqual([]);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(aStreamId())).toEqual([]);
      });

      it.each<[string, ExpectedVersion, boolean]>([
        ['no-stream on a new stream', 'no-stream', true],
        ['any on a new stream', 'any', true],
        ['stream-exists on a new stream', 'stream-exists', false],
        ['0 on a new stream', 0, true],
        ['1 on a new stream', 1, false],
      ])('checks %s', async (_case, expectedVersion, accepted) => {
        const streamId = aStreamId();
        const attempt = () => store.append(streamId, [anEvent()], { expectedVersion });
        if (accepted) expect((await attempt()).nextStreamVersion).toBe(1);
        else await expectNothingAppended(streamId, attempt, VersionConflictError);
      });

      it.each<[string, ExpectedVersion, boolean]>([
        ['no-stream on an existing stream', 'no-stream', false],
        ['any on an existing stream', 'any', true],
        ['stream-exists on an existing stream', 'stream-exists', true],
        ['the current version', 2, true],
        ['a stale version', 1, false],
        ['a future version', 3, false],
      ])('checks %s', async (_case, expectedVersion, accepted) => {
        const streamId = aStreamId();
        await store.append(streamId, [anEvent(), anEvent()], { expectedVersion: 'no-stream' });
        const attempt = () => store.append(streamId, [anEvent()], { expectedVersion });
        if (accepted) expect((await attempt()).nextStreamVersion).toBe(3);
        else await expectNothingAppended(streamId, attempt, VersionConflictError);
      });

      it('tells the actual version in a conflict', async () => {
        const streamId = aStreamId();
        await store.append(streamId, [anEvent(), anEvent(), anEvent()], { expectedVersion: 'no-stream' });
        const conflict = await store.append(streamId, [anEvent()], { expectedVersion: 1 }).catch((error: unknown) => error);
        expect(conflict).toBeInstanceOf(VersionConflictError);
        expect(conflict).toMatchObject({ code: 'version_conflict', streamId, actual: 3 });
      });
    });

    describe('concurrent appends', () => {
      it('lets exactly one of many appends at the same expected version win; the others append nothing', async () => {
        const streamId = aStreamId();
        await store.append(streamId, [anEvent()], { expectedVersion: 'no-stream' });
        const contenders = Array.from({ length: 8 }, (_, i) => anEvent({ contender: i }));
        const outcomes = await Promise.allSettled(contenders.map((event) => store.append(streamId, [event], { expectedVersion: 1 })));

        const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(7);
        for (const loser of losers) expect(loser.reason).toBeInstanceOf(VersionConflictError);
        const events = await store.readStream(streamId);
        expect(events).toHaveLength(2);
        const winner = contenders[outcomes.indexOf(winners[0])];
        expect(events[1].eventId).toBe(winner.eventId);
      });

      it('lets exactly one of many creators of a new stream win', async () => {
        const streamId = aStreamId();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) => store.append(streamId, [anEvent({ creator: i })], { expectedVersion: 'no-stream' })),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(VersionConflictError);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('serialises concurrent appends at expected version any without losing one', async () => {
        const streamId = aStreamId();
        await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(streamId, [anEvent({ i })], { expectedVersion: 'any' })));
        const events = await store.readStream(streamId);
        expect(events.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(new Set(events.map((event) => (event.data as { i: number }).i)).size).toBe(10);
      });
    });

    describe('appends guarded by the streams a decision read', () => {
      it('go ahead while every stream read still stands at the version read', async () => {
        const [scheme, proposal, unknown] = [aStreamId('scheme'), aStreamId('proposal'), aStreamId('post')];
        await store.append(scheme, [anEvent(), anEvent()], { expectedVersion: 'no-stream' });
        const result = await store.append(proposal, [anEvent(), anEvent()], {
          expectedVersion: 'no-stream',
          expectedStreams: [
            { streamId: scheme, version: 2 },
            { streamId: unknown, version: 0 },
          ],
        });
        expect(result.nextStreamVersion).toBe(2);
      });

      it('are refused, appending nothing, once a stream read has moved on', async () => {
        const [scheme, proposal] = [aStreamId('scheme'), aStreamId('proposal')];
        await store.append(scheme, [anEvent()], { expectedVersion: 'no-stream' });
        await store.append(scheme, [anEvent({ revoked: true })], { expectedVersion: 1 });
        const refusal = await store
          .append(proposal, [anEvent()], { expectedVersion: 'no-stream', expectedStreams: [{ streamId: scheme, version: 1 }] })
          .catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(VersionConflictError);
        expect(refusal).toMatchObject({ streamId: scheme, actual: 2 });
        expect(await store.readStream(proposal)).toEqual([]);
      });

      it('guard one event onto a stream that exists as they guard a new one', async () => {
        const [scheme, proposal] = [aStreamId('scheme'), aStreamId('proposal')];
        await store.append(scheme, [anEvent()], { expectedVersion: 'no-stream' });
        await store.append(proposal, [anEvent()], { expectedVersion: 'no-stream' });
        const approval = await store.append(proposal, [anEvent({ approved: true })], { expectedVersion: 1, expectedStreams: [{ streamId: scheme, version: 1 }] });
        expect(approval.nextStreamVersion).toBe(2);

        await store.append(scheme, [anEvent({ revoked: true })], { expectedVersion: 1 });
        const refusal = await store
          .append(proposal, [anEvent({ approved: true })], { expectedVersion: 2, expectedStreams: [{ streamId: scheme, version: 1 }] })
          .catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(VersionConflictError);
        expect(refusal).toMatchObject({ streamId: scheme, actual: 2 });
        expect((await store.readStream(proposal)).map((event) => event.streamVersion)).toEqual([1, 2]);
      });

      it('are refused when a stream read as absent has since begun', async () => {
        const [post, proposal] = [aStreamId('post'), aStreamId('proposal')];
        await store.append(post, [anEvent()], { expectedVersion: 'no-stream' });
        await expectNothingAppended(
          proposal,
          () => store.append(proposal, [anEvent()], { expectedVersion: 0, expectedStreams: [{ streamId: post, version: 0 }] }),
          VersionConflictError,
        );
      });
    });

    describe('appends to several streams', () => {
      it('append every part at its version and answer each, in order', async () => {
        const [body, organisation] = [aStreamId('body'), aStreamId('organisation')];
        await store.append(organisation, [anEvent()], { expectedVersion: 'no-stream' });
        const head = await store.headPosition();
        const results = await store.appendToStreams([
          { streamId: body, events: [anEvent({ established: true })], expectedVersion: 0 },
          { streamId: organisation, events: [anEvent({ designated: true }), anEvent({ n: 2 })], expectedVersion: 1 },
        ]);
        expect(results.map((result) => [result.nextStreamVersion, result.positions.length, result.duplicate])).toEqual([
          [1, 1, false],
          [3, 2, false],
        ]);
        const logged = await readLogSince(store, head);
        expect(logged.map((event) => [event.streamId, event.streamVersion])).toEqual([
          [body, 1],
          [organisation, 2],
          [organisation, 3],
        ]);
        expect(logged.map((event) => event.position)).toEqual([...results[0].positions, ...results[1].positions]);
        expect((await store.verifyStream(organisation)).valid).toBe(true);
      });

      it('answer a retry of every part with the first answers, appending nothing', async () => {
        const [claim, scheme] = [aStreamId('delegation-id'), aStreamId('scheme')];
        const parts = [
          { streamId: claim, events: [anEvent()], expectedVersion: 0 },
          { streamId: scheme, events: [anEvent()], expectedVersion: 0 },
        ];
        const first = await store.appendToStreams(parts);
        const head = await store.headPosition();
        const retry = await store.appendToStreams(parts);
        expect(retry).toEqual(first.map((result) => ({ ...result, duplicate: true })));
        expect(await store.headPosition()).toBe(head);
      });

      it('complete a change whose first part is recorded already, answering that part as a retry', async () => {
        const [claim, scheme] = [aStreamId('delegation-id'), aStreamId('scheme')];
        const claimed = [anEvent()];
        const recorded = await store.append(claim, claimed, { expectedVersion: 'no-stream' });
        const results = await store.appendToStreams([
          { streamId: claim, events: claimed, expectedVersion: 0 },
          { streamId: scheme, events: [anEvent()], expectedVersion: 0 },
        ]);
        expect(results[0]).toEqual({ ...recorded, duplicate: true });
        expect(results[1]).toMatchObject({ nextStreamVersion: 1, duplicate: false });
      });

      it('are refused when the stream of a part moved, appending nothing to any part', async () => {
        const [body, organisation] = [aStreamId('body'), aStreamId('organisation')];
        await store.append(organisation, [anEvent(), anEvent()], { expectedVersion: 'no-stream' });
        const head = await store.headPosition();
        const refusal = await store
          .appendToStreams([
            { streamId: body, events: [anEvent()], expectedVersion: 0 },
            { streamId: organisation, events: [anEvent()], expectedVersion: 1 },
          ])
          .catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(VersionConflictError);
        expect(refusal).toMatchObject({ streamId: organisation, actual: 2 });
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(body)).toEqual([]);
      });

      it('are refused when a guard stream moved, appending nothing', async () => {
        const [scheme, claim, organisation] = [aStreamId('scheme'), aStreamId('delegation-id'), aStreamId('organisation')];
        await store.append(organisation, [anEvent(), anEvent()], { expectedVersion: 'no-stream' });
        const head = await store.headPosition();
        const refusal = await store
          .appendToStreams(
            [
              { streamId: claim, events: [anEvent()], expectedVersion: 0 },
              { streamId: scheme, events: [anEvent()], expectedVersion: 0 },
            ],
            { expectedStreams: [{ streamId: organisation, version: 1 }] },
          )
          .catch((error: unknown) => error);
        expect(refusal).toMatchObject({ streamId: organisation, actual: 2 });
        expect(await store.headPosition()).toBe(head);
      });

      it('refuse no parts, a stream named twice and an expected version that is not a number, appending nothing', async () => {
        const streamId = aStreamId();
        await expectNothingAppended(streamId, () => store.appendToStreams([]), EmptyAppendError);
        await expectNothingAppended(
          streamId,
          () =>
            store.appendToStreams([
              { streamId, events: [anEvent()], expectedVersion: 0 },
              { streamId, events: [anEvent()], expectedVersion: 0 },
            ]),
          RepeatedStreamAppendError,
        );
        await expectNothingAppended(streamId, () => store.appendToStreams([{ streamId, events: [anEvent()], expectedVersion: 'any' as unknown as number }]), InvalidExpectedVersionError);
      });
    });

    describe('idempotent retries', () => {
      it('answers a retried append with the first result and appends nothing', async () => {
        const streamId = aStreamId();
        const events = [anEvent({ n: 1 }), anEvent({ n: 2 })];
        const first = await store.append(streamId, events, { expectedVersion: 'no-stream' });
        const retry = await store.append(streamId, events, { expectedVersion: 'no-stream' });
        expect(retry).toEqual({ ...first, duplicate: true });
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('answers the retry even after the stream moved on', async () => {
        const streamId = aStreamId();
        const event = anEvent();
        const first = await store.append(streamId, [event], { expectedVersion: 'no-stream' });
        await store.append(streamId, [anEvent()], { expectedVersion: 1 });
        const head = await store.headPosition();
        const retry = await store.append(streamId, [event], { expectedVersion: 'no-stream' });
        expect(retry.positions).toEqual(first.positions);
        expect(retry.nextStreamVersion).toBe(1);
        expect(retry.duplicate).toBe(true);
        expect(await store.headPosition()).toBe(head);
      });

      it('stores concurrent retries of one append once', async () => {
        const streamId = aStreamId();
        const event = anEvent();
        const results = await Promise.all(Array.from({ length: 5 }, () => store.append(streamId, [event], { expectedVersion: 'no-stream' })));
        expect(new Set(results.map((result) => result.positions[0])).size).toBe(1);
        expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('refuses an append that repeats only some stored event ids', async () => {
        const streamId = aStreamId();
        const stored = anEvent();
        await store.append(streamId, [stored], { expectedVersion: 'no-stream' });
        await expectNothingAppended(streamId, () => store.append(streamId, [stored, anEvent()], { expectedVersion: 1 }), PartialDuplicateAppendError);
      });

      it('refuses one append that carries the same event id twice', async () => {
        const streamId = aStreamId();
        const event = anEvent();
        await expectNothingAppended(streamId, () => store.append(streamId, [event, { ...event }], { expectedVersion: 'any' }), InvalidEventError);
      });
    });

    describe('reading the whole log', () => {
      it('reads every committed event exactly once, in increasing order, while 8 writers append', async () => {
        const start = await store.headPosition();
        const writers = 8;
        const appendsPerWriter = 25;
        const expected = new Set<string>();
        const controller = new AbortController();
        const seen: StoredEvent[] = [];
        const reader = (async () => {
          for await (const page of store.followLog({ after: start, limit: 37, signal: controller.signal, idleDelayMs: 5 })) seen.push(...page);
        })();
        await Promise.all(
          Array.from({ length: writers }, async (_, writer) => {
            const streams = [aStreamId(`w${writer}`), aStreamId(`w${writer}`), aStreamId(`w${writer}`)];
            for (let i = 0; i < appendsPerWriter; i++) {
              const events = Array.from({ length: 1 + (i % 3) }, () => anEvent({ writer, i }));
              await store.append(streams[i % 3], events, { expectedVersion: 'any' });
              for (const event of events) expected.add(event.eventId);
            }
          }),
        );
        const deadline = Date.now() + 20_000;
        while (seen.length < expected.size && Date.now() < deadline) await sleep(10);
        await sleep(50); // a reader that repeated an event would show it now
        controller.abort();
        await reader;

        const ids = seen.map((event) => event.eventId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(expected);
        for (let i = 1; i < seen.length; i++) expect(compareLogPositions(seen[i - 1].position, seen[i].position)).toBeLessThan(0);
        expect(await store.headPosition()).toBe(seen[seen.length - 1].position);
      });

      it('pages the log without repeating or skipping', async () => {
        const start = await store.headPosition();
        const streamId = aStreamId();
        for (let i = 0; i < 7; i++) await store.append(streamId, [anEvent({ i }), anEvent({ i })], { expectedVersion: 'any' });
        const pages: StoredEvent[][] = [];
        let after = start;
        for (;;) {
          const page = await store.readLog({ after, limit: 3 });
          if (page.length === 0) break;
          pages.push(page);
          after = page[page.length - 1].position;
        }
        expect(pages.flat().map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
        expect(pages.every((page) => page.length <= 3)).toBe(true);
      });

      it('tells the last event, and that the last committed event is the head once nothing is in flight', async () => {
        const streamId = aStreamId();
        await store.append(streamId, [anEvent({ n: 1 })], { expectedVersion: 'no-stream' });
        const { positions } = await store.append(streamId, [anEvent({ n: 2 }), anEvent({ n: 3 })], { expectedVersion: 1 });
        const last = await store.lastEvent();
        expect(last).toMatchObject({ streamId, streamVersion: 3, data: { n: 3 } });
        expect(await store.headPosition()).toBe(last!.position);
        expect(await store.lastCommittedPosition()).toBe(last!.position);
        expect(compareLogPositions(positions[1], last!.position)).toBeLessThanOrEqual(0);
      });

      it('follows the log as it grows, page by page, from where it was told to start', async () => {
        const streamId = aStreamId();
        await store.append(streamId, [anEvent({ n: 1 })], { expectedVersion: 'no-stream' });
        const start = await store.headPosition();
        const controller = new AbortController();
        const seen: StoredEvent[] = [];
        const reader = (async () => {
          for await (const page of store.followLog({ after: start, limit: 2, signal: controller.signal, idleDelayMs: 5 })) {
            expect(page.length).toBeLessThanOrEqual(2);
            seen.push(...page);
          }
        })();
        await store.append(streamId, [anEvent({ n: 2 }), anEvent({ n: 3 }), anEvent({ n: 4 })], { expectedVersion: 1 });
        await sleep(50);
        await store.append(streamId, [anEvent({ n: 5 })], { expectedVersion: 4 });
        const deadline = Date.now() + 10_000;
        while (seen.length < 4 && Date.now() < deadline) await sleep(10);
        controller.abort();
        await reader;
        expect(seen.map((event) => event.streamVersion)).toEqual([2, 3, 4, 5]);
      });

      it('stops following when aborted', async () => {
        const controller = new AbortController();
        const head = await store.headPosition();
        setTimeout(() => controller.abort(), 50);
        const pages: StoredEvent[][] = [];
        for await (const page of store.followLog({ after: head, signal: controller.signal, idleDelayMs: 10 })) pages.push(page);
        expect(pages).toEqual([]);
      });
    });

    describe('payloads', () => {
      it('keeps any Unicode exactly', async () => {
        const streamId = aStreamId();
        const data = {
          welsh: 'Cyngor Sir Ddinbych — ŵ ŷ',
          arabic: 'مجلس',
          astral: '𝔅𝔬𝔡𝔶 🏛️👩🏽‍⚖️',
          combining: 'e\u0301',
          control: 'nul\u0000tab\tline\nend\u001f',
          quotes: '"\\\'',
          ['clé ünïcødé']: true,
        };
        await store.append(streamId, [anEvent(data)], { expectedVersion: 'no-stream' });
        const [stored] = await store.readStream(streamId);
        expect(stored.data).toEqual(data);
      });

      it('takes a payload of exactly 1 MiB and refuses one byte more, appending nothing', async () => {
        const streamId = aStreamId();
        const fits = { text: 'x'.repeat(MAX_EVENT_DATA_BYTES - '{"text":""}'.length) };
        await store.append(streamId, [anEvent(fits)], { expectedVersion: 'no-stream' });
        expect((await store.readStream(streamId))[0].data).toEqual(fits);
        const tooBig = { text: fits.text + 'x' };
        await expectNothingAppended(streamId, () => store.append(streamId, [anEvent(tooBig)], { expectedVersion: 1 }), PayloadTooLargeError);
      });

      it.each<[string, unknown]>([
        ['NaN', { amount: Number.NaN }],
        ['Infinity', { amount: Number.POSITIVE_INFINITY }],
        ['-Infinity', { list: [1, Number.NEGATIVE_INFINITY] }],
        ['a bigint', { amount: 10n }],
        ['a function', { run: () => 1 }],
        ['undefined in an array', { list: [undefined] }],
        ['a lone surrogate', { text: 'broken \ud800 pair' }],
      ])('refuses %s and appends nothing', async (_case, data) => {
        const streamId = aStreamId();
        await expectNothingAppended(streamId, () => store.append(streamId, [anEvent(data)], { expectedVersion: 'any' }), NonJsonValueError);
      });
    });

    describe('bad input', () => {
      it.each<[string, unknown]>([
        ['empty', ''],
        ['with a space', 'proposal wbc s75'],
        ['too long', 'p'.repeat(201)],
        ['not a string', 42],
        ['starting with a dash', '-proposal'],
      ])('refuses a stream id %s', async (_case, streamId) => {
        const head = await store.headPosition();
        await expect(store.append(streamId as string, [anEvent()], { expectedVersion: 'any' })).rejects.toBeInstanceOf(InvalidStreamIdError);
        expect(await store.headPosition()).toBe(head);
      });

      it('refuses an empty list of events', async () => {
        const streamId = aStreamId();
        await expectNothingAppended(streamId, () => store.append(streamId, [], { expectedVersion: 'any' }), EmptyAppendError);
      });

      it.each<[string, unknown]>([
        ['a word it does not know', 'latest'],
        ['a negative number', -1],
        ['a fraction', 1.5],
        ['NaN', Number.NaN],
        ['a numeric string', '3'],
        ['nothing', undefined],
      ])('refuses an expected version that is %s', async (_case, expectedVersion) => {
        const streamId = aStreamId();
        await expectNothingAppended(
          streamId,
          () => store.append(streamId, [anEvent()], { expectedVersion: expectedVersion as ExpectedVersion }),
          InvalidExpectedVersionError,
        );
      });

      it.each<[string, Partial<NewEvent>]>([
        ['an event id that is not a UUID', { eventId: 'not-a-uuid' }],
        ['an empty type', { type: '' }],
        ['a schema version of 0', { schemaVersion: 0 }],
        ['no data', { data: undefined }],
      ])('refuses %s', async (_case, change) => {
        const streamId = aStreamId();
        await expectNothingAppended(streamId, () => store.append(streamId, [{ ...anEvent(), ...change }], { expectedVersion: 'any' }), InvalidEventError);
      });
    });

    describe('copying events as another store recorded them', () => {
      /**
       * A stream as another store recorded it, in two appends on 14 December 2021: each event's
       * hash chained over its canonical bytes, as every store of the ledger chains them.
       */
      async function recordedElsewhere(streamId: string): Promise<StoredEvent[]> {
        const appends = [
          { recordedAt: '2021-12-14T10:00:00.000Z', events: [anEvent({ n: 1 }), anEvent({ n: 2 })] },
          { recordedAt: '2021-12-14T10:00:01.000Z', events: [anEvent({ n: 3, text: 'Cabinet — 14 December 2021 ✓' })] },
        ];
        let hash = GENESIS_HASH;
        let streamVersion = 0;
        return appends.flatMap(({ recordedAt, events }) =>
          events.map((event, index): StoredEvent => {
            streamVersion += 1;
            hash = chainHash(hash, streamVersion, canonicalEvent(streamId, event, index, recordedAt).body);
            return { ...event, metadata: { ...event.metadata, recordedAt }, streamId, streamVersion, position: '0:0', hash };
          }),
        );
      }
      const runs = (events: StoredEvent[]) => [events.slice(0, 2), events.slice(2)];

      it('keeps the ids, versions, recording instants and hashes, and the copy verifies', async () => {
        const streamId = aStreamId();
        const recorded = await recordedElsewhere(streamId);
        for (const run of runs(recorded)) await store.appendAsRecorded(run);
        const copied = await store.readStream(streamId);
        const identity = ({ eventId, type, schemaVersion, data, metadata, streamId, streamVersion, hash }: StoredEvent) => ({ eventId, type, schemaVersion, data, metadata, streamId, streamVersion, hash });
        expect(copied.map(identity)).toEqual(recorded.map(identity));
        expect(await store.verifyStream(streamId)).toMatchObject({ valid: true, events: 3, headHash: recorded[2].hash });
      });

      it('accepts a copy again, so an interrupted copy can be resumed', async () => {
        const streamId = aStreamId();
        const recorded = await recordedElsewhere(streamId);
        for (const run of runs(recorded)) await store.appendAsRecorded(run);
        for (const run of runs(recorded)) await store.appendAsRecorded(run);
        expect((await store.readStream(streamId)).map((event) => event.eventId)).toEqual(recorded.map((event) => event.eventId));
      });

      it('refuses, appending nothing, an event whose hash does not follow from its bytes', async () => {
        const streamId = aStreamId();
        const [first, second] = await recordedElsewhere(streamId);
        const altered = { ...second, data: { n: 20 } };
        await expectNothingAppended(streamId, () => store.appendAsRecorded([first, altered]), CopyMismatchError);
      });

      it('refuses, appending nothing, a copy that does not start where the stream stands', async () => {
        const streamId = aStreamId();
        const recorded = await recordedElsewhere(streamId);
        await expectNothingAppended(streamId, () => store.appendAsRecorded(recorded.slice(2)), VersionConflictError);
      });

      it('refuses, appending nothing, events that are not one run of one stream at one instant', async () => {
        const streamId = aStreamId();
        const recorded = await recordedElsewhere(streamId);
        await expectNothingAppended(streamId, () => store.appendAsRecorded(recorded), CopyMismatchError);
        await expectNothingAppended(streamId, () => store.appendAsRecorded([recorded[1], recorded[0]]), CopyMismatchError);
      });
    });

    describe('hash chains', () => {
      it('chains a stream begun and continued one event at a time at numbered versions', async () => {
        const streamId = aStreamId();
        for (let version = 0; version < 4; version++) await store.append(streamId, [anEvent({ version })], { expectedVersion: version });
        const events = await store.readStream(streamId);
        expect(events.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4]);
        expect(await store.verifyStream(streamId)).toEqual({ valid: true, streamId, events: 4, headHash: events[3].hash });
      });

      it('answers a retry at a version that still matches with the stored event', async () => {
        const streamId = aStreamId();
        const event = anEvent();
        const first = await store.append(streamId, [event], { expectedVersion: 0 });
        await store.append(streamId, [anEvent()], { expectedVersion: 1 });
        const head = await store.headPosition();
        expect(await store.append(streamId, [event], { expectedVersion: 2 })).toEqual({ ...first, duplicate: true });
        expect(await store.headPosition()).toBe(head);
      });

      it('chains each event to the one before and verifies', async () => {
        const streamId = aStreamId();
        await store.append(streamId, [anEvent({ n: 1 }), anEvent({ n: 2 })], { expectedVersion: 'no-stream' });
        await store.append(streamId, [anEvent({ n: 3 })], { expectedVersion: 2 });
        const events = await store.readStream(streamId);
        expect(new Set(events.map((event) => event.hash)).size).toBe(3);
        expect(await store.verifyStream(streamId)).toEqual({ valid: true, streamId, events: 3, headHash: events[2].hash });
      });
    });
  });
}
