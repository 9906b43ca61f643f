import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { canonicalBodyOf, chainHash, GENESIS_HASH } from './canonical-event.js';
import type { StoredEvent } from './envelope.js';
import { ForeignEventsError } from './errors.js';
import type { EventStore } from './event-store.port.js';
import { compareLogPositions, LOG_START, type LogPosition } from './log-position.js';

/**
 * Moving a ledger from one event store to another: the whole log copied in order with
 * its event ids, stream versions, recording instants and hashes, resumable after an interruption,
 * then compared event by event. Plain code over the port, so it moves a ledger between any two
 * stores: PostgreSQL to EventStoreDB, or PostgreSQL to another PostgreSQL server.
 */

const DEFAULT_PAGE_SIZE = 1_000;

/** How long the end of a log waits for events committed but still held back from readers (see `readLogSettled`). */
const SETTLE_MS = 10_000;
const SETTLE_POLL_MS = 50;

export interface LogCopyProgress {
  /** Events copied by this run (not counting those a previous run copied). */
  copied: number;
  /** Events the source held beyond the resume point when the copy began; null when it cannot tell (EventStoreDB). */
  toCopy: number | null;
  eventsPerSecond: number;
  /** The source position of the last event copied. */
  position: LogPosition;
}

export interface CopyLogOptions {
  /** Called after each page copied. */
  onProgress?: (progress: LogCopyProgress) => void;
  /** Stops the copy between two appends: what is appended stays, and the next copy resumes after it. */
  signal?: AbortSignal;
  /** Events read from the source at a time; 1,000 by default. */
  pageSize?: number;
}

export interface LogCopyResult {
  copied: number;
  /** The source position of the target's last event when the copy began; null when the target was empty. */
  resumedAfter: LogPosition | null;
  /** The source position of the last event the target now holds; null when both logs are empty. */
  lastPosition: LogPosition | null;
  /** False when the signal stopped the copy before the head of the source. */
  complete: boolean;
  seconds: number;
}

/**
 * Copies the source's log into the target, after what the target already holds. The target's
 * last event says how far an earlier copy went: it must be the source's very event (same id and
 * hash), and the copy goes on from its place in the source. Each run of a stream's events recorded
 * at one instant is appended as recorded, in the source's order, so the target's log comes out in
 * the same order.
 */
export async function copyLog(source: EventStore, target: EventStore, { onProgress, signal, pageSize = DEFAULT_PAGE_SIZE }: CopyLogOptions = {}): Promise<LogCopyResult> {
  const started = performance.now();
  const resumedAfter = await resumePoint(source, target);
  let position = resumedAfter ?? LOG_START;
  const toCopy = await eventsAfter(source, position);
  let copied = 0;
  let complete = false;
  copying: for (;;) {
    if (signal?.aborted) break;
    const page = await readLogSettled(source, position, pageSize, signal);
    if (page.length === 0) {
      complete = !signal?.aborted; // stopped while waiting for the end to settle: not known to be complete
      break;
    }
    for (const run of runsOf(page)) {
      if (signal?.aborted) break copying;
      await target.appendAsRecorded(run);
      copied += run.length;
      position = run[run.length - 1].position;
    }
    const seconds = (performance.now() - started) / 1000;
    onProgress?.({ copied, toCopy, eventsPerSecond: seconds > 0 ? copied / seconds : 0, position });
  }
  return { copied, resumedAfter, lastPosition: position === LOG_START ? null : position, complete, seconds: (performance.now() - started) / 1000 };
}

/**
 * A page of the log, where an empty page means its end: on a SQL store the commit-safe order holds
 * back committed events while any transaction older than theirs is open on the server (anyone's,
 * not only the ledger's), so an empty page followed by a later committed event is waited out, up
 * to `SETTLE_MS`, rather than taken for the end of the log.
 */
async function readLogSettled(store: EventStore, after: LogPosition, limit: number, signal?: AbortSignal): Promise<StoredEvent[]> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const page = await store.readLog({ after, limit });
    if (page.length > 0 || signal?.aborted || Date.now() > deadline) return page;
    if (compareLogPositions(await store.lastCommittedPosition(), after) <= 0) return page;
    await sleep(SETTLE_POLL_MS, undefined, { signal }).catch(() => undefined);
  }
}

/** Where in the source an earlier copy into the target stopped; null for an empty target. */
async function resumePoint(source: EventStore, target: EventStore): Promise<LogPosition | null> {
  // Runs are appended in the source's order, so everything before the target's last event in the
  // source is in the target too. (A source that cannot say where the event stands answers
  // LOG_START, and the copy starts over: runs already there are accepted again.)
  const last = await target.lastEvent();
  if (!last) return null;
  const [original] = await source.readStream(last.streamId, { fromVersion: last.streamVersion, maxCount: 1 });
  if (!original || original.streamVersion !== last.streamVersion) throw new ForeignEventsError(last.streamId, last.streamVersion, 'is not in the source');
  if (original.eventId !== last.eventId) throw new ForeignEventsError(last.streamId, last.streamVersion, `is event ${last.eventId}, the source's is ${original.eventId}`);
  if (original.hash !== last.hash) throw new ForeignEventsError(last.streamId, last.streamVersion, `has hash ${last.hash}, the source's is ${original.hash}`);
  return original.position;
}

/** How many events the source holds after a position, when it can count them. */
async function eventsAfter(source: EventStore, position: LogPosition): Promise<number | null> {
  const through = await source.countLogThrough(await source.headPosition());
  if (through === null) return null;
  const before = position === LOG_START ? 0 : await source.countLogThrough(position);
  return before === null ? null : Math.max(0, through - before);
}

/**
 * A page split into what `appendAsRecorded` takes at once: consecutive versions of one stream
 * recorded at one instant (one append in the source, or several in the same millisecond).
 */
function* runsOf(page: readonly StoredEvent[]): Generator<StoredEvent[]> {
  let run: StoredEvent[] = [];
  for (const event of page) {
    const previous = run[run.length - 1];
    if (previous && (event.streamId !== previous.streamId || event.streamVersion !== previous.streamVersion + 1 || event.metadata.recordedAt !== previous.metadata.recordedAt)) {
      yield run;
      run = [];
    }
    run.push(event);
  }
  if (run.length > 0) yield run;
}

export interface VerifyCopyProgress {
  events: number;
  eventsPerSecond: number;
}

export type CopyVerification =
  | { valid: true; events: number; seconds: number }
  | {
      valid: false;
      /** Events that matched before the first difference. */
      events: number;
      /** Where in the log (from 0) the first difference stands. */
      index: number;
      streamId: string;
      streamVersion: number;
      reason: string;
      seconds: number;
    };

/**
 * Compares the two logs from the start, event by event: the same events (ids, streams, versions,
 * types, schema versions, data, metadata and recording instants, hashes) in the same order, no
 * more and no fewer. Each target event's hash is also recomputed from its stream's previous hash
 * and its own canonical bytes, so a target whose stored hashes match but whose bytes were altered
 * is caught as well.
 */
export async function verifyCopy(
  source: EventStore,
  target: EventStore,
  { onProgress, pageSize = DEFAULT_PAGE_SIZE }: { onProgress?: (progress: VerifyCopyProgress) => void; pageSize?: number } = {},
): Promise<CopyVerification> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const sourceLog = new LogReader(source, pageSize);
  const targetLog = new LogReader(target, pageSize);
  const heads = new Map<string, { version: number; hash: string }>();
  for (let index = 0; ; index++) {
    const [original, copy] = await Promise.all([sourceLog.next(), targetLog.next()]);
    if (!original && !copy) return { valid: true, events: index, seconds: seconds() };
    const differs = (event: StoredEvent, reason: string): CopyVerification => ({
      valid: false,
      events: index,
      index,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      reason: `event ${index + 1} of the log (${event.streamId} version ${event.streamVersion}): ${reason}`,
      seconds: seconds(),
    });
    if (!copy) return differs(original!, `the target ends after ${index} events, without it`);
    if (!original) return differs(copy, `the target holds it after the source's last event (${index} events)`);

    const difference = firstDifference(original, copy);
    if (difference) return differs(original, difference);
    const head = heads.get(copy.streamId) ?? { version: 0, hash: GENESIS_HASH };
    if (copy.streamVersion !== head.version + 1) return differs(copy, `the log holds its stream at version ${head.version} just before it, not ${copy.streamVersion - 1}`);
    const hash = chainHash(head.hash, copy.streamVersion, canonicalBodyOf(copy));
    if (hash !== copy.hash) return differs(copy, `the target's hash ${copy.hash} does not follow from the one before and the event's bytes (${hash})`);
    heads.set(copy.streamId, { version: copy.streamVersion, hash });

    if ((index + 1) % pageSize === 0) onProgress?.({ events: index + 1, eventsPerSecond: (index + 1) / Math.max(seconds(), 0.001) });
  }
}

/** What differs between an event and its copy, or null when they are the same event. */
function firstDifference(original: StoredEvent, copy: StoredEvent): string | null {
  const fields = ['eventId', 'streamId', 'streamVersion', 'type', 'schemaVersion'] as const;
  for (const field of fields) if (original[field] !== copy[field]) return `the target has ${field} ${JSON.stringify(copy[field])}, the source ${JSON.stringify(original[field])}`;
  if (original.metadata.recordedAt !== copy.metadata.recordedAt) return `the target has recordedAt ${copy.metadata.recordedAt}, the source ${original.metadata.recordedAt}`;
  // The canonical bytes are what the hash covers, so they decide; the deep comparisons only say where.
  if (canonicalBodyOf(original) !== canonicalBodyOf(copy)) {
    if (!isDeepStrictEqual(original.data, copy.data)) return 'the data differs';
    if (!isDeepStrictEqual(original.metadata, copy.metadata)) return 'the metadata differs';
    return 'the canonical bytes differ';
  }
  if (original.hash !== copy.hash) return `the target has hash ${copy.hash}, the source ${original.hash}`;
  return null;
}

/** Reads a whole log event by event, fetching the next page while the current one is compared. */
class LogReader {
  private page: StoredEvent[] = [];
  private at = 0;
  private nextPage: Promise<StoredEvent[]>;

  constructor(
    private readonly store: EventStore,
    private readonly pageSize: number,
  ) {
    this.nextPage = this.read(LOG_START);
  }

  async next(): Promise<StoredEvent | undefined> {
    if (this.at === this.page.length) {
      this.page = await this.nextPage;
      this.at = 0;
      if (this.page.length === 0) return undefined;
      this.nextPage = this.read(this.page[this.page.length - 1].position);
    }
    return this.page[this.at++];
  }

  /** A page read ahead; a failure surfaces when it is awaited, and not at all if the comparison stopped first. */
  private read(after: LogPosition): Promise<StoredEvent[]> {
    const page = readLogSettled(this.store, after, this.pageSize);
    page.catch(() => undefined);
    return page;
  }
}
