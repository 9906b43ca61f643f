import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { UnavailableError, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { appendedData, readFromAll } from '../../test/eventstoredb-read.js';
import { GENESIS_HASH } from '../core/canonical-event.js';
import type { StoredEvent } from '../core/envelope.js';
import { EventStoreUnavailableError } from '../core/errors.js';
import { pagesOf, type AllSubscription } from './subscription-pages.js';

const STREAM = 'proposal-wiltshire-alliance';

/** Ledger events of one stream as a subscription to `$all` delivers them, at commit positions 100, 200, … */
function ratifications(count: number): AllStreamResolvedEvent[] {
  const events = Array.from({ length: count }, (_, index) => ({ eventId: randomUUID(), type: 'RatificationRecorded', schemaVersion: 1, data: { step: index + 1 }, metadata: { actor: 'clerk:wiltshire' } }));
  const { events: data } = appendedData(STREAM, events, { version: 0, hash: GENESIS_HASH }, '2021-12-14T10:00:00.000Z');
  return data.map((event, index) => readFromAll(event, STREAM, BigInt(index), { commit: BigInt((index + 1) * 100), prepare: BigInt((index + 1) * 100) }));
}

/** EventStoreDB's own event, as `$all` carries it between the ledger's. */
function statistics(commit: bigint): AllStreamResolvedEvent {
  const [event] = appendedData('$stats-127.0.0.1:2113', [{ eventId: randomUUID(), type: 'StatsCollected', schemaVersion: 1, data: {} }], { version: 0, hash: GENESIS_HASH }, '2021-12-14T10:00:00.000Z').events;
  return readFromAll({ ...event, type: '$statsCollected' }, '$stats-127.0.0.1:2113', 0n, { commit, prepare: commit });
}

/** A subscription the test feeds by hand, as the server would over time; unsubscribing cancels the call but, as with gRPC, need not end the stream. */
function subscription(): AllSubscription & { unsubscribed: boolean } {
  const stream = new Readable({ objectMode: true, read: () => undefined }) as AllSubscription & { unsubscribed: boolean };
  stream.unsubscribed = false;
  stream.unsubscribe = async () => {
    stream.unsubscribed = true;
  };
  return stream;
}

const versions = (pages: StoredEvent[][]) => pages.map((page) => page.map((event) => event.streamVersion));

describe('following $all through a catch-up subscription', () => {
  it('pages what the subscription has buffered, at most the limit, then each event as it lands', async () => {
    const source = subscription();
    const all = ratifications(6);
    for (const event of all.slice(0, 5)) source.push(event);
    const controller = new AbortController();
    const pages: StoredEvent[][] = [];
    const following = (async () => {
      for await (const page of pagesOf(source, { after: '0:0', limit: 2, signal: controller.signal })) pages.push(page);
    })();
    await sleep(20);
    expect(versions(pages)).toEqual([[1, 2], [3, 4], [5]]);
    source.push(all[5]);
    await sleep(20);
    expect(versions(pages)).toEqual([[1, 2], [3, 4], [5], [6]]);
    controller.abort();
    await following;
    expect(source.unsubscribed).toBe(true);
  });

  it('leaves out EventStoreDB’s own events and anything at or before where it was told to start', async () => {
    const source = subscription();
    const [first, second, third] = ratifications(3);
    for (const event of [first, statistics(150n), second, statistics(250n), third]) source.push(event);
    source.push(null);
    const pages: StoredEvent[][] = [];
    for await (const page of pagesOf(source, { after: '100:100', limit: 10 })) pages.push(page);
    expect(pages.flat().map((event) => [event.streamId, event.streamVersion, event.position])).toEqual([
      [STREAM, 2, '200:200'],
      [STREAM, 3, '300:300'],
    ]);
  });

  it('closes the subscription when the follower stops early', async () => {
    const source = subscription();
    for (const event of ratifications(3)) source.push(event);
    for await (const page of pagesOf(source, { after: '0:0', limit: 1 })) {
      expect(page).toHaveLength(1);
      break;
    }
    expect(source.unsubscribed).toBe(true);
  });

  it('says the event store is unavailable when the subscription drops with the server', async () => {
    const source = subscription();
    const [first] = ratifications(1);
    source.push(first);
    const pages: StoredEvent[][] = [];
    const following = (async () => {
      for await (const page of pagesOf(source, { after: '0:0', limit: 10 })) pages.push(page);
    })();
    await sleep(10);
    source.destroy(new UnavailableError(undefined, '14 UNAVAILABLE: Connection dropped'));
    await expect(following).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(versions(pages)).toEqual([[1]]);
  });

  it('ends at once when already aborted', async () => {
    const source = subscription();
    for (const event of ratifications(2)) source.push(event);
    const pages: StoredEvent[][] = [];
    for await (const page of pagesOf(source, { after: '0:0', limit: 10, signal: AbortSignal.abort() })) pages.push(page);
    expect(pages).toEqual([]);
    expect(source.unsubscribed).toBe(true);
  });
});
