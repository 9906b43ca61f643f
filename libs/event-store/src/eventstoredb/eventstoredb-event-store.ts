import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BACKWARDS, END, EventStoreDBClient, excludeSystemEvents, FORWARDS, MaxAppendSizeExceededError, StreamDeletedError, StreamNotFoundError, type AllStreamResolvedEvent, type Position, type ResolvedEvent } from '@eventstore/db-client';
import { canonicalEvent, firstBrokenLink, GENESIS_HASH, type CanonicalEvent } from '../core/canonical-event.js';
import { asNewEvent, problemWithCopyRun, type AppendResult, type NewEvent, type StoredEvent } from '../core/envelope.js';
import { checkedAppend, checkedStreamAppends } from '../core/append-checks.js';
import { AppendTooLargeError, CopyMismatchError, PartialDuplicateAppendError, VersionConflictError } from '../core/errors.js';
import type { AppendOptions, EventStore, FollowLogOptions, ReadLogOptions, ReadStreamOptions, StreamAppend, StreamVerification } from '../core/event-store.port.js';
import { compareLogPositions, LOG_START, type LogPosition } from '../core/log-position.js';
import { appendIdOf, describeServer, eventDataOf, expectedRevisionOf, isLedgerEvent, ledgerErrorOf, logPositionOf, positionOf, positionUnknown, storedEventOf } from './eventstoredb-mapping.js';
import { pagesOf, type AllSubscription } from './subscription-pages.js';

/** Appends at `any` that lose a race chain again on the new head: up to this many times, after a short random pause. */
const MAX_ATTEMPTS = 50;
const MAX_RETRY_PAUSE_MS = 20;
/** Events read backwards at a time when looking for the last ledger event of `$all`. */
const BACKWARD_WINDOW = 256;

/**
 * The event store on EventStoreDB/KurrentDB through `@eventstore/db-client`. Events,
 * and nothing else, live in EventStoreDB; read models, keys, idempotency and the sealed log stay in
 * PostgreSQL, and their checkpoints hold `$all` positions.
 *
 * EventStoreDB does not chain hashes, so each append reads the stream's last event for its hash
 * and appends at exactly that revision: the chain can never fork, and an `any` append that loses
 * the race is read and chained again. Guards on other streams (`expectedStreams`) are checked by
 * reading those streams just before the append — EventStoreDB has no transaction across streams,
 * so unlike the SQL stores a guarded stream may still move between that read and the append.
 *
 * The shared contract suite runs against it whenever EVENTSTORE_CONNECTION_STRING is set; this
 * project's CI has no EventStoreDB server, so there it has not run.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly now: () => Date;

  constructor(
    private readonly client: EventStoreDBClient,
    /** Where the server is, without credentials, for messages. */
    readonly server: string,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Connects lazily: the first call reaches the server (see `assertReachable`). TLS and credentials come from the connection string. */
  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), describeServer(connectionString));
  }

  /**
   * Connects and reaches the server now, so that a wrong address or a server that is down stops
   * whoever opens it with the server named (`EventStoreUnavailableError`), never its password.
   */
  static async open(connectionString: string): Promise<EventStoreDbEventStore> {
    let store: EventStoreDbEventStore;
    try {
      store = EventStoreDbEventStore.connect(connectionString);
    } catch (error) {
      throw new Error(`${describeServer(connectionString)} is not a connection string EventStoreDB's client accepts: ${(error as Error).message}`);
    }
    try {
      await store.headPosition();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
    return store;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    // Bad input is refused before anything is read, as the SQL stores refuse it; the canonical
    // events serve every attempt.
    const canonical = checkedAppend(streamId, events, options, this.now().toISOString());
    const { expectedVersion, expectedStreams = [] } = options;
    for (let attempt = 1; ; attempt++) {
      // One read gives the head and the recent events a retry would repeat.
      const recent = await this.collect(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: Math.max(canonical.length * 4, 16) }));
      const head = recent[0] ? { version: recent[0].streamVersion, hash: recent[0].hash } : { version: 0, hash: GENESIS_HASH };
      const duplicate = await this.alreadyAppended(streamId, canonical, recent);
      if (duplicate) return duplicate;
      if (typeof expectedVersion === 'number' && head.version !== expectedVersion) throw new VersionConflictError(streamId, `version ${expectedVersion}`, head.version);
      if (expectedVersion === 'no-stream' && head.version > 0) throw new VersionConflictError(streamId, 'no-stream', head.version);
      if (expectedVersion === 'stream-exists' && head.version === 0) throw new VersionConflictError(streamId, 'stream-exists', 0);
      for (const guard of expectedStreams) {
        const { version } = await this.head(guard.streamId);
        if (version !== guard.version) throw new VersionConflictError(guard.streamId, 'the version the decision read', version);
      }
      try {
        return await this.appendAfter(streamId, canonical, head);
      } catch (error) {
        // Another writer appended after the head was read: for `any` chain again on the new head.
        if (!(error instanceof VersionConflictError && expectedVersion === 'any' && attempt < MAX_ATTEMPTS)) throw error;
        await sleep(Math.random() * MAX_RETRY_PAUSE_MS);
      }
    }
  }

  /**
   * EventStoreDB (before KurrentDB's multi-stream appends) has no transaction across streams. Every
   * part's version and every guard is checked before the first append, so that a refusal appends
   * nothing; then the parts are appended in order, each as `append` appends it. A failure between
   * two appends, or a stream moved in that moment, leaves the first recorded: the retry of the
   * command under its Idempotency-Key proposes the same event ids, is answered the parts already
   * there, and appends the rest.
   */
  async appendToStreams(appends: readonly StreamAppend[], options: Pick<AppendOptions, 'expectedStreams'> = {}): Promise<AppendResult[]> {
    const parts = checkedStreamAppends(appends, options, this.now().toISOString());
    if (parts.length === 1) return [await this.append(appends[0].streamId, appends[0].events, { expectedVersion: appends[0].expectedVersion, ...options })];
    for (const part of parts) {
      const recent = await this.collect(this.client.readStream(part.streamId, { direction: BACKWARDS, fromRevision: END, maxCount: Math.max(part.events.length * 4, 16) }));
      if (await this.alreadyAppended(part.streamId, part.events, recent)) continue;
      const version = recent[0]?.streamVersion ?? 0;
      if (version !== part.version) throw new VersionConflictError(part.streamId, `version ${part.version}`, version);
    }
    for (const guard of options.expectedStreams ?? []) {
      const { version } = await this.head(guard.streamId);
      if (version !== guard.version) throw new VersionConflictError(guard.streamId, 'the version the decision read', version);
    }
    const results: AppendResult[] = [];
    for (const [index, { streamId, events, expectedVersion }] of appends.entries()) {
      results.push(await this.append(streamId, events, { expectedVersion, expectedStreams: index === 0 ? options.expectedStreams : [] }));
    }
    return results;
  }

  async appendAsRecorded(events: readonly StoredEvent[]): Promise<void> {
    const problem = problemWithCopyRun(events);
    if (problem) throw new CopyMismatchError(events[0]?.streamId ?? '', events[0]?.streamVersion ?? 0, problem);
    const first = events[0];
    const last = events[events.length - 1];
    const head = await this.head(first.streamId);
    if (head.version >= last.streamVersion) {
      // Copied before (a resumed copy): accepted again if the very same events stand there.
      const stored = await this.readStream(first.streamId, { fromVersion: first.streamVersion, maxCount: events.length });
      if (stored.every((event, index) => event.eventId === events[index].eventId && event.hash === events[index].hash)) return;
      throw new CopyMismatchError(first.streamId, first.streamVersion, 'the stream already holds other events at these versions');
    }
    if (head.version !== first.streamVersion - 1) throw new VersionConflictError(first.streamId, `version ${first.streamVersion - 1}`, head.version);
    const broken = firstBrokenLink(events, head.hash);
    if (broken) throw new CopyMismatchError(first.streamId, broken.streamVersion, 'its hash does not follow from the event before and its own bytes');
    const recordedAt = first.metadata.recordedAt;
    await this.appendAfter(first.streamId, events.map((event, index) => canonicalEvent(first.streamId, asNewEvent(event), index, recordedAt)), head);
  }

  async readStream(streamId: string, { fromVersion = 1, maxCount }: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    return this.collect(this.client.readStream(streamId, { direction: FORWARDS, fromRevision: BigInt(Math.max(1, Math.trunc(fromVersion)) - 1), ...(maxCount ? { maxCount } : {}) }));
  }

  async readStreams(requests: readonly { streamId: string; fromVersion: number }[]): Promise<Map<string, StoredEvent[]>> {
    const read = await Promise.all(requests.map(({ streamId, fromVersion }) => this.readStream(streamId, { fromVersion })));
    return new Map(requests.map(({ streamId }, index) => [streamId, read[index]]));
  }

  /**
   * `$all` after a position, with only the ledger's events. Reading from a position includes the
   * event there, so it is skipped; a window holding none of the ledger's events is read past, so an
   * empty page always means the head of the log.
   */
  async readLog({ after = LOG_START, limit = 1_000 }: ReadLogOptions = {}): Promise<StoredEvent[]> {
    const page: StoredEvent[] = [];
    let from = after;
    for (;;) {
      let read = 0;
      const window = this.client.readAll({ direction: FORWARDS, fromPosition: positionOf(from), maxCount: limit + 1 });
      try {
        for await (const resolved of window) {
          read += 1;
          if (!resolved.event) continue;
          from = logPositionOf(resolved.event.position);
          if (!isLedgerEvent(resolved) || compareLogPositions(from, after) <= 0) continue;
          page.push(storedEventOf(resolved));
          if (page.length === limit) return page;
        }
      } catch (error) {
        throw ledgerErrorOf(error, this.server);
      } finally {
        await window.cancel().catch(() => undefined); // leaving the loop early does not end the call by itself
      }
      if (page.length > 0 || read <= limit) return page; // events found, or the end of the log
    }
  }

  async headPosition(): Promise<LogPosition> {
    return (await this.lastEvent())?.position ?? LOG_START;
  }

  /** EventStoreDB holds nothing back: what is committed can be read. */
  lastCommittedPosition(): Promise<LogPosition> {
    return this.headPosition();
  }

  async lastEvent(): Promise<StoredEvent | null> {
    let from: Position | typeof END = END;
    for (;;) {
      let read = 0;
      let last: Position | undefined;
      const window = this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: BACKWARD_WINDOW });
      try {
        for await (const resolved of window) {
          read += 1;
          if (!resolved.event) continue;
          if (isLedgerEvent(resolved)) return storedEventOf(resolved);
          last = resolved.event.position;
        }
      } catch (error) {
        throw ledgerErrorOf(error, this.server);
      } finally {
        await window.cancel().catch(() => undefined);
      }
      if (read < BACKWARD_WINDOW || !last) return null; // the start of the log
      from = last;
    }
  }

  /** `$all` cannot be counted without reading it; a rebuild shows no time left instead. */
  async countLogThrough(): Promise<null> {
    return null;
  }

  /** A catch-up subscription to `$all` from the position: reads what is there, then each new event as it commits. */
  followLog({ after = LOG_START, limit = 1_000, signal }: FollowLogOptions = {}): AsyncIterable<StoredEvent[]> {
    // A buffer as large as a page, so that catching up yields full pages (the default holds 16).
    const subscription = this.client.subscribeToAll({ fromPosition: positionOf(after), filter: excludeSystemEvents() }, { highWaterMark: limit }) as unknown as AllSubscription;
    return pagesOf(subscription, { after, limit, signal });
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    const events = await this.readStream(streamId);
    const gap = events.findIndex((event, index) => event.streamVersion !== index + 1);
    if (gap >= 0) return { valid: false, streamId, streamVersion: gap + 1, position: events[gap].position, reason: `version ${gap + 1} is missing` };
    const broken = firstBrokenLink(events, GENESIS_HASH);
    if (broken) return { valid: false, streamId, streamVersion: broken.streamVersion, position: broken.position, reason: `the hash does not match the stored event (stored ${broken.hash})` };
    return { valid: true, streamId, events: events.length, headHash: events.at(-1)?.hash ?? GENESIS_HASH };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /**
   * Appends events chained after the stream's head, at exactly the head's revision, then reads
   * them back: for each event's place in `$all` (EventStoreDB reports only the write's last), and
   * to tell whether this attempt wrote them — the server answers a second append of the same ids
   * at the same revision as a success without writing, and the events then carry another attempt's id.
   */
  private async appendAfter(streamId: string, events: readonly CanonicalEvent[], head: { version: number; hash: string }): Promise<AppendResult> {
    const appendId = randomUUID();
    const { events: data, hashes } = eventDataOf(events, head, appendId);
    let reported: LogPosition | undefined;
    try {
      const result = await this.client.appendToStream(streamId, data, { expectedRevision: expectedRevisionOf(head.version) });
      if (!result.success) throw new VersionConflictError(streamId, `version ${head.version}`, Number(result.nextExpectedRevision) + 1); // throwOnAppendFailure=false in the connection string
      reported = result.position ? logPositionOf(result.position) : undefined;
    } catch (error) {
      if (error instanceof MaxAppendSizeExceededError) throw new AppendTooLargeError(streamId, error.maxAppendSize);
      throw ledgerErrorOf(error, this.server);
    }
    const written = await this.readRaw(this.client.readStream(streamId, { direction: FORWARDS, fromRevision: BigInt(head.version), maxCount: events.length }));
    const stored = written.map(storedEventOf);
    const fallback = reported ?? (await this.headPosition());
    return {
      nextStreamVersion: head.version + events.length,
      positions: stored.length === events.length ? stored.map((event) => (positionUnknown(event) ? fallback : event.position)) : events.map(() => fallback),
      hash: hashes[hashes.length - 1],
      duplicate: written.length === events.length && written.every((resolved) => appendIdOf(resolved) !== appendId),
    };
  }

  /** The stream's version and chain head, from its last event. */
  private async head(streamId: string): Promise<{ version: number; hash: string }> {
    const [last] = await this.collect(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    return last ? { version: last.streamVersion, hash: last.hash } : { version: 0, hash: GENESIS_HASH };
  }

  /**
   * A retried append whose events the stream already holds answers the first append again; one
   * that repeats only some of them is not a retry, and is refused.
   */
  private async alreadyAppended(streamId: string, events: readonly CanonicalEvent[], recent: readonly StoredEvent[]): Promise<AppendResult | null> {
    const ids = events.map((event) => event.eventId); // canonical ids are lower case, as stored
    const held = ids.filter((id) => recent.some((stored) => stored.eventId === id)).length;
    if (held === 0) return null;
    const first = recent.find((stored) => stored.eventId === ids[0]);
    const appended = first ? ids.map((id, index) => recent.find((stored) => stored.eventId === id && stored.streamVersion === first.streamVersion + index)) : [];
    if (held < ids.length || appended.some((stored) => stored === undefined)) throw new PartialDuplicateAppendError(streamId);
    const last = appended[appended.length - 1]!;
    // A reader waiting for these positions must not wait for ever, nor pass them early: when the
    // server did not say where they stand, the head of `$all` is at or after them.
    const head = appended.some((stored) => positionUnknown(stored!)) ? await this.headPosition() : null;
    return { nextStreamVersion: last.streamVersion, positions: appended.map((stored) => head ?? stored!.position), hash: last.hash, duplicate: true };
  }

  private async collect(read: AsyncIterable<ResolvedEvent> & { cancel(): Promise<void> }): Promise<StoredEvent[]> {
    return (await this.readRaw(read)).map(storedEventOf);
  }

  /** The ledger's events of a read, as the client gives them; a stream that does not exist reads as empty. */
  private async readRaw(read: AsyncIterable<ResolvedEvent | AllStreamResolvedEvent> & { cancel(): Promise<void> }): Promise<(ResolvedEvent | AllStreamResolvedEvent)[]> {
    const events: (ResolvedEvent | AllStreamResolvedEvent)[] = [];
    try {
      for await (const resolved of read) if (isLedgerEvent(resolved)) events.push(resolved);
    } catch (error) {
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return [];
      throw ledgerErrorOf(error, this.server);
    } finally {
      await read.cancel().catch(() => undefined);
    }
    return events;
  }
}
