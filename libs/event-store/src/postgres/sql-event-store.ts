import { assertStreamId, checkedAppend, checkedStreamAppends } from '../core/append-checks.js';
import { chainHash, firstBrokenLink, GENESIS_HASH, withStoredBody } from '../core/canonical-event.js';
import { asNewEvent, problemWithCopyRun, type AppendResult, type EventMetadata, type NewEvent, type StoredEvent } from '../core/envelope.js';
import { CopyMismatchError } from '../core/errors.js';
import type { AppendOptions, EventStore, FollowLogOptions, ReadLogOptions, ReadStreamOptions, StreamAppend, StreamVerification } from '../core/event-store.port.js';
import { followLog } from '../core/follow-log.js';
import { LOG_START, parseLogPosition, type LogPosition } from '../core/log-position.js';
import type { Database } from './database.js';
import { AppendGroups, type AppendGroupSent } from './append-groups.js';
import { appendToStream, appendToStreams, type SendAppend } from './sql-append.js';

const MAX_LOG_PAGE = 10_000;
const VERIFY_PAGE = 1_000;

interface EventRow {
  stream_id: string;
  stream_version: number;
  log_position: LogPosition;
  body: string;
  hash: string;
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
 *
 * PostgreSQL plans it anew for the streams of each read (0.13 ms, where running it takes 0.05): its
 * generic plan takes `unnest` to give ten streams, dearer than the two or three planned for. A
 * plan kept once a connection was tried, the streams given as one `json_to_recordset` (guessed at
 * 100 rows either way): on the 200,000-event ledger of `bench:read` it guessed 1,461 events a
 * stream, its cost crossed `jit_above_cost`, and every read compiled itself first (14 ms): the
 * authority check's p99 went from 13–19 ms to 27–98 ms. Planning each read is the cheaper.
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
 * An append is one statement, one round trip (`sql-append.ts`): it checks the expected version
 * under the stream's lock, chains the hashes and inserts. Appends that arrive while one is in
 * flight share the next statement and its transaction (`AppendGroups`).
 */
export class SqlEventStore implements EventStore {
  private readonly now: () => Date;
  /** Every append to one stream goes with the others in flight (`AppendGroups`). */
  private readonly send: SendAppend;
  private readonly groups: AppendGroups;

  constructor(
    readonly database: Database,
    options: SqlEventStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.groups = new AppendGroups(database);
    this.send = (append) => this.groups.append(append);
  }

  /** `listener` hears of every group of appends sent as one statement (group commit), once it has come back: for metrics. */
  onAppendGroup(listener: (group: AppendGroupSent) => void): void {
    this.groups.listen(listener);
  }

  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.appendAt(streamId, events, options, this.now().toISOString());
  }

  /** Every part in one transaction: all or nothing. One part is one statement, with no transaction around it. */
  async appendToStreams(appends: readonly StreamAppend[], options: Pick<AppendOptions, 'expectedStreams'> = {}): Promise<AppendResult[]> {
    const recordedAt = this.now().toISOString();
    const parts = checkedStreamAppends(appends, options, recordedAt);
    if (parts.length === 1) return [await appendToStream(this.database, parts[0].streamId, parts[0].events, { expectedVersion: parts[0].version, ...options }, recordedAt, this.send)];
    return appendToStreams(this.database, parts, options, recordedAt);
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
    return appendToStream(this.database, streamId, checkedAppend(streamId, events, options, recordedAt), options, recordedAt, this.send);
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
