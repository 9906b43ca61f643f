import { randomUUID } from 'node:crypto';
import { ANY, CancelledError, DeadlineExceededError, jsonEvent, NO_STREAM, START, STREAM_EXISTS, TimeoutError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { canonicalEvent, chainHash, GENESIS_HASH } from '../core/canonical-event.js';
import { EventStoreUnavailableError, VersionConflictError } from '../core/errors.js';
import { compareLogPositions } from '../core/log-position.js';
import { appendedData, readFromAll } from '../../test/eventstoredb-read.js';
import { appendIdOf, describeServer, expectedRevisionOf, isLedgerEvent, positionUnknown, isSystemEvent, ledgerErrorOf, logPositionOf, positionOf, storedEventOf } from './eventstoredb-mapping.js';

const RECORDED_AT = '2017-11-27T19:04:11.000Z';
const approval = { eventId: randomUUID(), type: 'RatificationRecorded', schemaVersion: 1, data: { proposalId: 'wirral-jscb', outcome: 'approved' }, metadata: { actor: 'clerk:wirral', correlationId: randomUUID() } };
const noting = { eventId: randomUUID(), type: 'RatificationRecorded', schemaVersion: 1, data: { proposalId: 'wirral-jscb', outcome: 'noted' }, metadata: { actor: 'clerk:wirral' } };

describe('the EventStoreDB mapping', () => {
  it('reads a $all position as a log position, ordered as the log is, and back', () => {
    const earlier = logPositionOf({ commit: 9_871n, prepare: 9_871n });
    const later = logPositionOf({ commit: 10_244n, prepare: 10_112n });
    expect([earlier, later]).toEqual(['9871:9871', '10244:10112']);
    expect(compareLogPositions(earlier, later)).toBeLessThan(0);
    expect(positionOf(later)).toEqual({ commit: 10_244n, prepare: 10_112n });
    expect(positionOf('0:0')).toBe(START);
  });

  it('maps every expected version onto an expected revision (a stream version is the revision + 1)', () => {
    expect(expectedRevisionOf('no-stream')).toBe(NO_STREAM);
    expect(expectedRevisionOf('stream-exists')).toBe(STREAM_EXISTS);
    expect(expectedRevisionOf('any')).toBe(ANY);
    expect(expectedRevisionOf(0)).toBe(NO_STREAM);
    expect(expectedRevisionOf(1)).toBe(0n);
    expect(expectedRevisionOf(37)).toBe(36n);
  });

  it('turns the server’s wrong expected version into the ledger’s version conflict', () => {
    const refused = new WrongExpectedVersionError(undefined, { streamName: 'scheme-wiltshire-council', expected: 36n, current: 37n });
    const mapped = ledgerErrorOf(refused);
    expect(mapped).toBeInstanceOf(VersionConflictError);
    expect(mapped).toMatchObject({ code: 'version_conflict', streamId: 'scheme-wiltshire-council', expected: 'version 37', actual: 38 });
    const missing = ledgerErrorOf(new WrongExpectedVersionError(undefined, { streamName: 'proposal-wirral-jscb', expected: STREAM_EXISTS, current: NO_STREAM }));
    expect(missing).toMatchObject({ streamId: 'proposal-wirral-jscb', expected: 'stream-exists', actual: 0 });
    const other = new Error('unavailable');
    expect(ledgerErrorOf(other)).toBe(other);
  });

  it('turns an unreachable or silent server into the event store being unavailable, naming it', () => {
    const unreachable = ledgerErrorOf(new UnavailableError(undefined, '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 10.0.4.7:2113'), 'esdb://eventstoredb:2113');
    expect(unreachable).toBeInstanceOf(EventStoreUnavailableError);
    expect(unreachable).toMatchObject({ code: 'event_store_unavailable', server: 'esdb://eventstoredb:2113', message: expect.stringContaining('The event store at esdb://eventstoredb:2113 cannot be reached: 14 UNAVAILABLE') });
    for (const passing of [
      new DeadlineExceededError(undefined, '4 DEADLINE_EXCEEDED: Deadline exceeded'),
      new TimeoutError(undefined, '10 ABORTED: Consumer too slow to handle event while live'),
      new CancelledError(undefined, '1 CANCELLED: Call cancelled by the server'),
    ]) {
      expect(ledgerErrorOf(passing, 'esdb://eventstoredb:2113')).toBeInstanceOf(EventStoreUnavailableError);
    }
  });

  it('names the server of a connection string without its credentials or options', () => {
    expect(describeServer('esdb://admin:changeit@eventstoredb:2113?tls=true&tlsCAFile=/certs/ca/ca.crt')).toBe('esdb://eventstoredb:2113');
    expect(describeServer('esdb+discover://ops:p%40ss@node1.ledger.internal:2113,node2.ledger.internal:2113?nodePreference=leader')).toBe('esdb+discover://node1.ledger.internal:2113,node2.ledger.internal:2113');
    expect(describeServer('kurrentdb://localhost:2113?tls=false')).toBe('kurrentdb://localhost:2113');
  });

  it('chains each event’s hash over the same canonical bytes as the PostgreSQL store', () => {
    const { events, hashes } = appendedData('proposal-wirral-jscb', [approval, noting], { version: 0, hash: GENESIS_HASH }, RECORDED_AT);
    const first = chainHash(GENESIS_HASH, 1, canonicalEvent('proposal-wirral-jscb', approval, 0, RECORDED_AT).body);
    const second = chainHash(first, 2, canonicalEvent('proposal-wirral-jscb', noting, 1, RECORDED_AT).body);
    expect(hashes).toEqual([first, second]);
    expect(events.map((event) => [event.id, event.type, event.contentType])).toEqual([
      [approval.eventId, 'RatificationRecorded', 'application/json'],
      [noting.eventId, 'RatificationRecorded', 'application/json'],
    ]);
    expect(events[1].metadata).toEqual({ actor: 'clerk:wirral', recordedAt: RECORDED_AT, schemaVersion: 1, hash: second });
  });

  it('reads an event back as the ledger stores it', () => {
    const { events, hashes } = appendedData('proposal-wirral-jscb', [approval], { version: 0, hash: GENESIS_HASH }, RECORDED_AT);
    expect(storedEventOf(readFromAll(events[0], 'proposal-wirral-jscb', 0n, { commit: 10_244n, prepare: 10_112n }))).toEqual({
      eventId: approval.eventId,
      type: 'RatificationRecorded',
      schemaVersion: 1,
      data: approval.data,
      metadata: { ...approval.metadata, recordedAt: RECORDED_AT },
      streamId: 'proposal-wirral-jscb',
      streamVersion: 1,
      position: '10244:10112',
      hash: hashes[0],
    });
  });

  it('reads an event whose place in $all an older server did not give (read from its stream) as of unknown position', () => {
    const { events } = appendedData('proposal-wirral-jscb', [approval], { version: 0, hash: GENESIS_HASH }, RECORDED_AT);
    const stored = storedEventOf(readFromAll(events[0], 'proposal-wirral-jscb', 0n, { commit: 18_446_744_073_709_551_615n, prepare: 18_446_744_073_709_551_615n }));
    expect(stored.position).toBe('0:0');
    expect(positionUnknown(stored)).toBe(true);
    expect(positionUnknown(storedEventOf(readFromAll(events[0], 'proposal-wirral-jscb', 0n, { commit: 10_244n, prepare: 10_112n })))).toBe(false);
  });

  it('marks which attempt wrote an event, and leaves the mark out of the event as the ledger stores it', () => {
    const { events } = appendedData('proposal-wirral-jscb', [approval], { version: 0, hash: GENESIS_HASH }, RECORDED_AT, '5d0c6a55-1f7e-4d52-9a7c-2b1e0f4c3d21');
    const read = readFromAll(events[0], 'proposal-wirral-jscb', 0n, { commit: 10_244n, prepare: 10_112n });
    expect(appendIdOf(read)).toBe('5d0c6a55-1f7e-4d52-9a7c-2b1e0f4c3d21');
    expect(storedEventOf(read).metadata).toEqual({ ...approval.metadata, recordedAt: RECORDED_AT });
  });

  it('passes over what the ledger did not write: another application’s events, and events without the ledger’s metadata', () => {
    const { events } = appendedData('proposal-wirral-jscb', [approval], { version: 0, hash: GENESIS_HASH }, RECORDED_AT);
    expect(isLedgerEvent(readFromAll(events[0], 'proposal-wirral-jscb', 0n, { commit: 1n, prepare: 1n }))).toBe(true);
    const invoice = jsonEvent({ type: 'InvoicePaid', data: { invoice: 'INV-2017-0042' } });
    expect(isLedgerEvent(readFromAll(invoice, 'payments-2017', 0n, { commit: 2n, prepare: 2n }))).toBe(false);
    const tagged = jsonEvent({ type: 'InvoicePaid', data: { invoice: 'INV-2017-0043' }, metadata: { correlationId: 'x' } });
    expect(isLedgerEvent(readFromAll(tagged, 'payments-2017', 1n, { commit: 3n, prepare: 3n }))).toBe(false);
    expect(isLedgerEvent(readFromAll({ ...events[0], type: '$metadata' }, '$$proposal-wirral-jscb', 0n, { commit: 4n, prepare: 4n }))).toBe(false);
  });

  it('tells EventStoreDB’s own events from the ledger’s', () => {
    const { events } = appendedData('proposal-wirral-jscb', [approval], { version: 0, hash: GENESIS_HASH }, RECORDED_AT);
    expect(isSystemEvent(readFromAll(events[0], 'proposal-wirral-jscb', 0n, { commit: 1n, prepare: 1n }))).toBe(false);
    expect(isSystemEvent(readFromAll({ ...events[0], type: '$metadata' }, '$$proposal-wirral-jscb', 0n, { commit: 1n, prepare: 1n }))).toBe(true);
    expect(isSystemEvent(readFromAll({ ...events[0], type: '$statsCollected' }, '$stats-127.0.0.1:2113', 0n, { commit: 1n, prepare: 1n }))).toBe(true);
  });
});
