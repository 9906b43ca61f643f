import { BACKWARDS, END, EventStoreDBClient, FORWARDS, StreamNotFoundError, type ResolvedEvent } from '@eventstore/db-client';
import { canonicalEvent, chainHash, GENESIS_HASH } from '../core/canonical-event.js';
import type { AppendResult, NewEvent, StoredEvent } from '../core/envelope.js';
import { VersionConflictError } from '../core/errors.js';
import type { AppendOptions, EventStore, FollowLogOptions, ReadLogOptions, ReadStreamOptions, StreamVerification } from '../core/event-store.port.js';
import { followLog } from '../core/follow-log.js';
import { compareLogPositions, LOG_START, type LogPosition } from '../core/log-position.js';
import { eventDataOf, expectedRevisionOf, isSystemEvent, ledgerErrorOf, logPositionOf, positionOf, storedEventOf } from './eventstoredb-mapping.js';

const MAX_ATTEMPTS = 5;

/**
 * The event store on EventStoreDB/KurrentDB through `@eventstore/db-client` (issue 7).
 *
 * EventStoreDB does not chain hashes, so each append reads the stream's last event for its hash
 * and appends at exactly that revision: the chain can never fork, and an `any` append that loses
 * the race is read and chained again. Guards on other streams (`expectedStreams`) are checked by
 * reading those streams just before the append — EventStoreDB has no transaction across streams,
 * so unlike the SQL stores a guarded stream may still move between that read and the append.
 *
 * NOT YET RUN against a server: this machine has none. The shared contract suite runs against it
 * whenever EVENTSTORE_CONNECTION_STRING is set.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly now: () => Date;

  constructor(
    private readonly client: EventStoreDBClient,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async append(streamId: string, events: NewEvent[], { expectedVersion, expectedStreams = [] }: AppendOptions): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(streamId);
      const duplicate = await this.alreadyAppended(streamId, events, head.version);
      if (duplicate) return duplicate;
      if (typeof expectedVersion === 'number' && head.version !== expectedVersion) throw new VersionConflictError(streamId, `version ${expectedVersion}`, head.version);
      if (expectedVersion === 'no-stream' && head.version > 0) throw new VersionConflictError(streamId, 'no-stream', head.version);
      if (expectedVersion === 'stream-exists' && head.version === 0) throw new VersionConflictError(streamId, 'stream-exists', 0);
      for (const guard of expectedStreams) {
        const { version } = await this.head(guard.streamId);
        if (version !== guard.version) throw new VersionConflictError(guard.streamId, 'the version the decision read', version);
      }
      const recordedAt = this.now().toISOString();
      const { events: data, hashes } = eventDataOf(streamId, events, head, recordedAt);
      try {
        const result = await this.client.appendToStream(streamId, data, { expectedRevision: expectedRevisionOf(head.version) });
        const nextStreamVersion = Number(result.nextExpectedRevision) + 1;
        const position: LogPosition = result.position ? logPositionOf(result.position) : LOG_START;
        return { nextStreamVersion, positions: events.map(() => position), hash: hashes[hashes.length - 1], duplicate: false };
      } catch (error) {
        const mapped = ledgerErrorOf(error);
        // Another writer appended after the head was read: for `any` chain again on the new head.
        if (mapped instanceof VersionConflictError && expectedVersion === 'any' && attempt < MAX_ATTEMPTS) continue;
        throw mapped;
      }
    }
  }

  async readStream(streamId: string, { fromVersion = 1, maxCount }: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    return this.collect(this.client.readStream(streamId, { direction: FORWARDS, fromRevision: BigInt(Math.max(1, Math.trunc(fromVersion)) - 1), ...(maxCount ? { maxCount } : {}) }));
  }

  async readStreams(requests: readonly { streamId: string; fromVersion: number }[]): Promise<Map<string, StoredEvent[]>> {
    const read = await Promise.all(requests.map(({ streamId, fromVersion }) => this.readStream(streamId, { fromVersion })));
    return new Map(requests.map(({ streamId }, index) => [streamId, read[index]]));
  }

  /** `$all` after a position, EventStoreDB's own events left out. Reading from a position includes it, so it is skipped. */
  async readLog({ after = LOG_START, limit = 1_000 }: ReadLogOptions = {}): Promise<StoredEvent[]> {
    const page: StoredEvent[] = [];
    let from = after;
    while (page.length < limit) {
      const batch: StoredEvent[] = [];
      let read = 0;
      let last: LogPosition | null = null;
      for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: positionOf(from), maxCount: limit + 1 })) {
        read += 1;
        if (!resolved.event) continue;
        last = logPositionOf(resolved.event.position);
        if (compareLogPositions(last, after) <= 0 || isSystemEvent(resolved)) continue;
        batch.push(storedEventOf(resolved));
      }
      page.push(...batch);
      if (read <= 1 || last === null || last === from) break; // the head of the log
      from = last;
    }
    return page.slice(0, limit);
  }

  async headPosition(): Promise<LogPosition> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 100 })) {
      if (resolved.event && !isSystemEvent(resolved)) return logPositionOf(resolved.event.position);
    }
    return LOG_START;
  }

  followLog(options: FollowLogOptions = {}): AsyncIterable<StoredEvent[]> {
    return followLog(this, options);
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    let previous = GENESIS_HASH;
    const events = await this.readStream(streamId);
    for (const [index, event] of events.entries()) {
      const { recordedAt, ...metadata } = event.metadata;
      const { body } = canonicalEvent(streamId, { eventId: event.eventId, type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata }, index, recordedAt);
      const hash = chainHash(previous, event.streamVersion, body);
      if (event.streamVersion !== index + 1) return { valid: false, streamId, streamVersion: index + 1, position: event.position, reason: `version ${index + 1} is missing` };
      if (hash !== event.hash) return { valid: false, streamId, streamVersion: event.streamVersion, position: event.position, reason: `the hash does not match the stored event (stored ${event.hash}, computed ${hash})` };
      previous = hash;
    }
    return { valid: true, streamId, events: events.length, headHash: previous };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /** The stream's version and chain head, from its last event. */
  private async head(streamId: string): Promise<{ version: number; hash: string }> {
    const [last] = await this.collect(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    return last ? { version: last.streamVersion, hash: last.hash } : { version: 0, hash: GENESIS_HASH };
  }

  /** A retried append whose events the stream already holds answers the first append again. */
  private async alreadyAppended(streamId: string, events: readonly NewEvent[], version: number): Promise<AppendResult | null> {
    if (events.length === 0 || version === 0) return null;
    const recent = await this.collect(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: Math.max(events.length * 4, 16) }));
    const first = recent.find((stored) => stored.eventId === events[0].eventId.toLowerCase());
    if (!first) return null;
    const appended = events.map((event, index) => recent.find((stored) => stored.eventId === event.eventId.toLowerCase() && stored.streamVersion === first.streamVersion + index));
    if (appended.some((stored) => stored === undefined)) return null;
    const last = appended[appended.length - 1]!;
    return { nextStreamVersion: last.streamVersion, positions: appended.map((stored) => stored!.position), hash: last.hash, duplicate: true };
  }

  private async collect(read: AsyncIterable<ResolvedEvent>): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of read) if (resolved.event && !isSystemEvent(resolved)) events.push(storedEventOf(resolved));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw ledgerErrorOf(error);
    }
    return events;
  }
}

