import { assertStreamId, checkedAppend, expectedVersionText } from '../core/append-checks.js';
import { chainHash, firstBrokenLink, GENESIS_HASH, withStoredBody, type CanonicalEvent } from '../core/canonical-event.js';
import { asNewEvent, problemWithCopyRun, type AppendResult, type EventMetadata, type NewEvent, type StoredEvent } from '../core/envelope.js';
import {
  CopyMismatchError,
  EventStoreMovedError,
  PartialDuplicateAppendError,
  VersionConflictError,
} from '../core/errors.js';
import type { AppendOptions, EventStore, FollowLogOptions, ReadLogOptions, ReadStreamOptions, StreamVerification } from '../core/event-store.port.js';
import { followLog } from '../core/follow-log.js';
import { LOG_START, parseLogPosition, type LogPosition } from '../core/log-position.js';
import { sqlState, type Database } from './database.js';

const MAX_LOG_PAGE = 10_000;
const VERIFY_PAGE = 1_000;

interface EventRow {
  stream_id: string;
  stream_version: number;
  log_position: LogPosition;
  body: string;
  hash: string;
}

interface AppendRow {
  next_version: number;
  positions: LogPosition[];
  last_hash: string;
  duplicate: boolean;
}

interface FastAppendRow {
  stream_version: number;
  log_position: LogPosition;
  hash: string;
}

/**
 * The common case in one plain statement: one event onto a stream at a known version. The
 * stream's head row moves only if it is at that version (the UPDATE waits for, then re-checks,
 * a concurrent appender), and the event takes a position only if it moved. No row means
 * nothing was appended, and `ledger_append` then says why.
 */
const APPEND_NEXT_SQL = `WITH head AS (
    UPDATE ledger_streams
       SET version = version + 1,
           last_hash = sha256(last_hash || int4send(version + 1) || convert_to($7, 'UTF8'))
     WHERE stream_id = $1 AND version = $2
 RETURNING version, last_hash
  )
  INSERT INTO ledger_events (stream_id, stream_version, position, transaction_id, event_id, type, schema_version, actor, recorded_at, body, hash)
  SELECT $1, head.version, nextval('ledger_event_position'), pg_current_xact_id(), $3, $4, $5, $6, $8, $7, head.last_hash FROM head
  RETURNING stream_version, transaction_id::text || ':' || position::text AS log_position, encode(hash, 'hex') AS hash`;

/**
 * Several events, and the streams the decision read, onto a stream at a known version, in one
 * plain statement: the head row is locked only if it stands at that version, the hash chain is
 * computed over the bodies in order, the guard streams are share-locked and must stand at the
 * versions read ($9, $10; 0 means absent), and only then are positions taken. No row means
 * nothing was appended, and `ledger_append` then says why.
 */
const APPEND_GUARDED_SQL = `WITH RECURSIVE
  head AS (
    SELECT version, last_hash FROM ledger_streams WHERE stream_id = $1 AND version = $2 FOR NO KEY UPDATE
  ),
  chain (i, hash) AS (
    SELECT 0, last_hash FROM head
    UNION ALL
    SELECT i + 1, sha256(chain.hash || int4send($2 + i + 1) || convert_to(($7::text[])[i + 1], 'UTF8'))
      FROM chain WHERE i < cardinality($7::text[])
  ),
  guards AS (
    SELECT s.stream_id FROM ledger_streams s
      JOIN unnest($9::text[], $10::integer[]) AS g (stream_id, version) ON s.stream_id = g.stream_id AND s.version = g.version
       FOR SHARE OF s
  ),
  moved AS (
    UPDATE ledger_streams
       SET version = $2 + cardinality($7::text[]), last_hash = (SELECT hash FROM chain ORDER BY i DESC LIMIT 1)
     WHERE stream_id = $1 AND version = $2
       AND EXISTS (SELECT 1 FROM head)
       AND (SELECT count(*) FROM guards) = (SELECT count(*) FROM unnest($10::integer[]) AS v (version) WHERE v.version > 0)
       AND NOT EXISTS (
         SELECT 1 FROM ledger_streams z JOIN unnest($9::text[], $10::integer[]) AS g (stream_id, version) ON z.stream_id = g.stream_id WHERE g.version = 0
       )
 RETURNING version
  )
  INSERT INTO ledger_events (stream_id, stream_version, position, transaction_id, event_id, type, schema_version, actor, recorded_at, body, hash)
  SELECT $1, $2 + e.i, nextval('ledger_event_position'), pg_current_xact_id(), e.event_id, e.type, e.schema_version, e.actor, $8, e.body, chain.hash
    FROM moved,
         unnest($3::uuid[], $4::text[], $5::integer[], $6::text[], $7::text[]) WITH ORDINALITY AS e (event_id, type, schema_version, actor, body, i)
    JOIN chain ON chain.i = e.i
   ORDER BY e.i
  RETURNING stream_version, transaction_id::text || ':' || position::text AS log_position, encode(hash, 'hex') AS hash`;

/** The first event of a new stream: the head row is created only if no appender created it first. */
const APPEND_FIRST_SQL = `WITH head AS (
    INSERT INTO ledger_streams (stream_id, version, last_hash)
    SELECT $1, 1, sha256('\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea || int4send(1) || convert_to($7, 'UTF8'))
     WHERE $2::integer = 0
    ON CONFLICT (stream_id) DO NOTHING
 RETURNING version, last_hash
  )
  INSERT INTO ledger_events (stream_id, stream_version, position, transaction_id, event_id, type, schema_version, actor, recorded_at, body, hash)
  SELECT $1, head.version, nextval('ledger_event_position'), pg_current_xact_id(), $3, $4, $5, $6, $8, $7, head.last_hash FROM head
  RETURNING stream_version, transaction_id::text || ':' || position::text AS log_position, encode(hash, 'hex') AS hash`;

const APPEND_SQL = 'SELECT next_version, positions, last_hash, duplicate FROM ledger_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)';

function translateAppendError(streamId: string, expected: string) {
  return (error: unknown): never => {
    if (sqlState(error) === 'LD410') throw new EventStoreMovedError();
    if (sqlState(error) === 'LD409') {
      const detail = String((error as { detail?: string }).detail ?? '');
      const guard = /^(\S+) (\d+)$/.exec(detail);
      if (guard) throw new VersionConflictError(guard[1], 'the version the decision read', Number(guard[2]));
      throw new VersionConflictError(streamId, expected, Number(detail));
    }
    if (sqlState(error) === 'LD422') throw new PartialDuplicateAppendError(streamId);
    throw error;
  };
}

interface CanonicalBody {
  data: unknown;
  eventId: string;
  metadata: EventMetadata;
  schemaVersion: number;
  streamId: string;
  type: string;
}

const EVENT_COLUMNS = `stream_id, stream_version, transaction_id::text || ':' || position::text AS log_position, body, encode(hash, 'hex') AS hash`;

/**
 * Several streams from their own versions, each by its own index scan. As a plain join, the
 * prepared statement's generic plan (which PostgreSQL picks after five runs) hash-joins a
 * sequential scan of the whole log: 60 ms at 200,000 events instead of 1 ms. `OFFSET 0` keeps
 * the lateral subquery from being flattened into such a join.
 */
export const READ_STREAMS_SQL = `SELECT ${EVENT_COLUMNS}
   FROM unnest($1::text[], $2::integer[]) WITH ORDINALITY AS wanted (wanted_stream_id, from_version, n)
  CROSS JOIN LATERAL (
    SELECT * FROM ledger_events e WHERE e.stream_id = wanted.wanted_stream_id AND e.stream_version >= wanted.from_version ORDER BY e.stream_version OFFSET 0
  ) ledger_events
  ORDER BY wanted.n, stream_version`;

export interface SqlEventStoreOptions {
  /** The store's clock for `recordedAt`; the system clock by default. */
  now?: () => Date;
}

/**
 * The event store on PostgreSQL's SQL, shared by the `pg` and PGlite adapters.
 * An append is one round trip: `ledger_append` checks the expected version under the stream's
 * row lock, chains the hashes and inserts (see migrations/0001_event_store.sql).
 */
export class SqlEventStore implements EventStore {
  private readonly now: () => Date;

  constructor(
    readonly database: Database,
    options: SqlEventStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.appendAt(streamId, events, options, this.now().toISOString());
  }

  async appendAsRecorded(events: readonly StoredEvent[]): Promise<void> {
    const problem = problemWithCopyRun(events);
    if (problem) throw new CopyMismatchError(events[0]?.streamId ?? '', events[0]?.streamVersion ?? 0, problem);
    const { streamId, streamVersion, metadata: { recordedAt } } = events[0];
    assertStreamId(streamId);
    const [head] = await this.database.query<{ version: number; last_hash: string }>(`SELECT version, encode(last_hash, 'hex') AS last_hash FROM ledger_streams WHERE stream_id = $1`, [streamId]);
    const broken = (head?.version ?? 0) === streamVersion - 1 ? firstBrokenLink(events, head?.last_hash ?? GENESIS_HASH) : null;
    if (broken) throw new CopyMismatchError(streamId, broken.streamVersion, 'its hash does not follow from the event before and its own bytes');
    const result = await this.appendAt(streamId, events.map(asNewEvent), { expectedVersion: streamVersion - 1 }, recordedAt);
    const last = events[events.length - 1];
    if (result.nextStreamVersion !== last.streamVersion || result.hash !== last.hash) {
      throw new CopyMismatchError(streamId, last.streamVersion, `stored as version ${result.nextStreamVersion} with hash ${result.hash}, recorded as ${last.hash}`);
    }
  }

  private async appendAt(streamId: string, events: NewEvent[], options: AppendOptions, recordedAt: string): Promise<AppendResult> {
    const canonical = checkedAppend(streamId, events, options, recordedAt);
    const { expectedVersion, expectedStreams = [] } = options;
    const expected = expectedVersionText(expectedVersion);

    if (typeof expectedVersion === 'number') {
      const fast = await this.appendAtVersion(streamId, expectedVersion, canonical, recordedAt, expectedStreams);
      if (fast) return fast;
      // Nothing appended: the stream (or a stream read) is not at that version, or this is a
      // retry. The full function tells which.
    }
    const call = (expectedText: string) =>
      this.database.query<AppendRow>(APPEND_SQL, [
        streamId,
        expectedText,
        canonical.map((event) => event.eventId),
        canonical.map((event) => event.type),
        canonical.map((event) => event.schemaVersion),
        canonical.map((event) => event.actor),
        canonical.map((event) => event.body),
        recordedAt,
        expectedStreams.map((guard) => guard.streamId),
        expectedStreams.map((guard) => guard.version),
      ], { name: 'ledger_append' });

    let row: AppendRow;
    try {
      [row] = await call(expected);
    } catch (error) {
      if (sqlState(error) !== '23505') translateAppendError(streamId, expected)(error);
      // The expected version matched, yet an event id is already in the stream: answer it as any
      // retry is answered (with `any`, the function looks the ids up).
      [row] = await call('any').catch(translateAppendError(streamId, 'any'));
    }
    return this.appendResult(row);
  }

  /** The plain-SQL appends at a known version; undefined when they appended nothing. */
  private async appendAtVersion(
    streamId: string,
    expectedVersion: number,
    canonical: CanonicalEvent[],
    recordedAt: string,
    expectedStreams: readonly { streamId: string; version: number }[],
  ): Promise<AppendResult | undefined> {
    const single = canonical.length === 1 && expectedStreams.length === 0;
    if (expectedVersion === 0 && !single) return undefined;
    const [sql, name] = single
      ? expectedVersion === 0
        ? [APPEND_FIRST_SQL, 'ledger_append_first']
        : [APPEND_NEXT_SQL, 'ledger_append_next']
      : [APPEND_GUARDED_SQL, 'ledger_append_guarded'];
    const params = single
      ? [streamId, expectedVersion, canonical[0].eventId, canonical[0].type, canonical[0].schemaVersion, canonical[0].actor, canonical[0].body, recordedAt]
      : [
          streamId,
          expectedVersion,
          canonical.map((event) => event.eventId),
          canonical.map((event) => event.type),
          canonical.map((event) => event.schemaVersion),
          canonical.map((event) => event.actor),
          canonical.map((event) => event.body),
          recordedAt,
          expectedStreams.map((guard) => guard.streamId),
          expectedStreams.map((guard) => guard.version),
        ];
    const rows = await this.database.query<FastAppendRow>(sql, params, { name }).catch((error: unknown) => {
      if (sqlState(error) === '23505') return []; // an id is already in the stream: a retry
      if (sqlState(error) === 'LD410') throw new EventStoreMovedError();
      throw error;
    });
    if (rows.length === 0) return undefined;
    rows.sort((a, b) => a.stream_version - b.stream_version);
    const last = rows[rows.length - 1];
    return { nextStreamVersion: last.stream_version, positions: rows.map((row) => row.log_position), hash: last.hash, duplicate: false };
  }

  private appendResult(row: AppendRow): AppendResult {
    return { nextStreamVersion: row.next_version, positions: row.positions, hash: row.last_hash, duplicate: row.duplicate };
  }

  async readStream(streamId: string, { fromVersion = 1, maxCount }: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    assertStreamId(streamId);
    const rows = await this.database.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ledger_events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version LIMIT $3`,
      [streamId, Math.max(1, Math.trunc(fromVersion)), maxCount ?? null],
    );
    return rows.map(toStoredEvent);
  }

  async readStreams(requests: readonly { streamId: string; fromVersion: number }[]): Promise<Map<string, StoredEvent[]>> {
    requests.forEach(({ streamId }) => assertStreamId(streamId));
    const byStream = new Map<string, StoredEvent[]>(requests.map(({ streamId }) => [streamId, []]));
    if (requests.length === 0) return byStream;
    const rows = await this.database.query<EventRow>(
      READ_STREAMS_SQL,
      [requests.map((request) => request.streamId), requests.map((request) => Math.max(1, Math.trunc(request.fromVersion)))],
      { name: 'ledger_read_streams' },
    );
    for (const row of rows) byStream.get(row.stream_id)!.push(toStoredEvent(row));
    return byStream;
  }

  async readLog({ after = LOG_START, limit = 1_000 }: ReadLogOptions = {}): Promise<StoredEvent[]> {
    const { transactionId, sequence } = parseLogPosition(after);
    const rows = await this.database.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ledger_events
        WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id, position
        LIMIT $3`,
      [transactionId.toString(), sequence.toString(), Math.min(Math.max(1, Math.trunc(limit)), MAX_LOG_PAGE)],
      { name: 'ledger_read_log' }, // followers ask it every moment
    );
    return rows.map(toStoredEvent);
  }

  async headPosition(): Promise<LogPosition> {
    const [row] = await this.database.query<{ log_position: LogPosition }>(
      `SELECT transaction_id::text || ':' || position::text AS log_position FROM ledger_events
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    );
    return row?.log_position ?? LOG_START;
  }

  async lastCommittedPosition(): Promise<LogPosition> {
    const [row] = await this.database.query<{ log_position: LogPosition }>(
      `SELECT transaction_id::text || ':' || position::text AS log_position FROM ledger_events ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    );
    return row?.log_position ?? LOG_START;
  }

  async lastEvent(): Promise<StoredEvent | null> {
    const [row] = await this.database.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ledger_events
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY ledger_events.transaction_id DESC, ledger_events.position DESC LIMIT 1`,
    );
    return row ? toStoredEvent(row) : null;
  }

  async countLogThrough(position: LogPosition): Promise<number> {
    const { transactionId, sequence } = parseLogPosition(position);
    const [row] = await this.database.query<{ count: string }>(
      'SELECT count(*)::text AS count FROM ledger_events WHERE (transaction_id, position) <= ($1::text::xid8, $2::bigint)',
      [transactionId.toString(), sequence.toString()],
    );
    return Number(row.count);
  }

  followLog(options?: FollowLogOptions): AsyncIterable<StoredEvent[]> {
    return followLog(this, options);
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    assertStreamId(streamId);
    let previousHash = GENESIS_HASH;
    let expectedVersion = 1;
    for (;;) {
      const rows = await this.database.query<EventRow & { event_id: string; type: string }>(
        `SELECT ${EVENT_COLUMNS}, event_id::text AS event_id, type FROM ledger_events
          WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version LIMIT ${VERIFY_PAGE}`,
        [streamId, expectedVersion],
      );
      for (const row of rows) {
        const broken = (reason: string): StreamVerification => ({
          valid: false,
          streamId,
          streamVersion: row.stream_version,
          position: row.log_position,
          reason,
        });
        if (row.stream_version !== expectedVersion) return broken(`version ${expectedVersion} is missing`);
        const body = parseBody(row.body);
        if (!body) return broken('the stored body is not JSON');
        if (body.streamId !== streamId || body.eventId !== row.event_id || body.type !== row.type) {
          return broken('the stored columns disagree with the hashed body');
        }
        const hash = chainHash(previousHash, row.stream_version, row.body);
        if (hash !== row.hash) return broken(`the hash does not match the stored bytes (stored ${row.hash}, computed ${hash})`);
        previousHash = hash;
        expectedVersion += 1;
      }
      if (rows.length < VERIFY_PAGE) break;
    }
    const [head] = await this.database.query<{ version: number; last_hash: string }>(
      `SELECT version, encode(last_hash, 'hex') AS last_hash FROM ledger_streams WHERE stream_id = $1`,
      [streamId],
    );
    const events = expectedVersion - 1;
    if ((head?.version ?? 0) !== events || (head && head.last_hash !== previousHash)) {
      return { valid: false, streamId, streamVersion: events + 1, position: null, reason: `the stream head (version ${head?.version ?? 0}) disagrees with its ${events} stored events` };
    }
    return { valid: true, streamId, events, headHash: previousHash };
  }

  async close(): Promise<void> {
    await this.database.close();
  }
}

function parseBody(body: string): CanonicalBody | undefined {
  try {
    return JSON.parse(body) as CanonicalBody;
  } catch {
    return undefined;
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  const body = JSON.parse(row.body) as CanonicalBody;
  const event: StoredEvent = {
    eventId: body.eventId,
    type: body.type,
    schemaVersion: body.schemaVersion,
    data: body.data,
    metadata: body.metadata,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    position: row.log_position,
    hash: row.hash,
  };
  return withStoredBody(event, row.body);
}
