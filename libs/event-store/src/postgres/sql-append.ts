import type { CanonicalEvent } from '../core/canonical-event.js';
import type { AppendResult } from '../core/envelope.js';
import { EventStoreMovedError, PartialDuplicateAppendError, VersionConflictError } from '../core/errors.js';
import type { AppendOptions } from '../core/event-store.port.js';
import type { LogPosition } from '../core/log-position.js';
import { sqlState, type Database, type SqlSession } from './database.js';
import { TextArrayParameter } from './text-array-parameter.js';

/**
 * The locks the fast path takes, in the order the group statement below takes them for each of
 * its appends, so that two appends to one stream, one through each, wait for each other instead of
 * each holding what the other waits for: the guard streams' advisory locks shared, with their
 * check (`guarded` has a row only if every guard stands at the version read), then the stream's
 * own advisory lock (`writing` has a row only once it is held). Each statement then locks the
 * stream's head row only through `writing`.
 */
const APPEND_LOCKS = `guarded AS (
    SELECT 1 WHERE cardinality($9::text[]) = 0 OR ledger_streams_stand_at($9::text[], $10::integer[])
  ),
  writing AS (
    SELECT ledger_lock_stream($1) WHERE EXISTS (SELECT 1 FROM guarded)
  )`;

/**
 * The statement that appends, in one round trip and one transaction, a group of appends — each
 * events onto its own stream standing at a known version (0 for a new stream), guarded by the
 * streams its decision read — each on its own: an append whose guards moved, or whose stream stands
 * elsewhere, appends nothing, and the others go ahead. One append is a group of one.
 * - First the locks, in the order every append takes them: the guard streams' advisory locks
 *   shared, then each stream's own, held until the statement commits.
 *   `ledger_appends_guarded` (migrations/0015) takes every guard's shared lock, in one order, then
 *   reads their versions afresh and gives back the appends none of whose guards moved
 *   (migrations/0013 says why advisory locks and not row locks). Then each of those appends takes
 *   its stream's lock (`ledger_lock_stream`), in the order of the locks' keys, so that no append
 *   guarded by the stream reads it while this one is in flight.
 * - Then each stream's head row is locked, only if it stands at the version expected (a new
 *   stream's is created only if no appender created it first). Each is looked up by its key, in a
 *   subquery of its own: as a join, PostgreSQL hashed a scan of every stream for a group of ten.
 * - Only then are log positions taken, so an append that loses a race burns none.
 * - Each event's hash is SHA-256(previous hash ‖ stream version as 4 bytes big-endian ‖ its
 *   canonical bytes), the first of a stream chaining from 32 zero bytes. Only this file writes
 *   the chain (here and in the fast path below); `chainHash` in TypeScript recomputes it to verify.
 * The rows back name their streams; an append with none back appended nothing, and
 * `WHY_NOTHING_APPENDED_SQL` tells why.
 *
 * $1–$4 are the appends (stream, version expected, recordedAt, how many events); $5–$10 the
 * events, each with the number of its append (1, 2, …) and its place in it (1, 2, …); $11–$13
 * the guards, each with the number of its append.
 */
const APPEND_SQL = `WITH RECURSIVE
  appends AS (
    SELECT a.n::integer AS n, a.stream_id, a.version, a.recorded_at, a.events
      FROM unnest($1::text[], $2::integer[], $3::timestamptz[], $4::integer[]) WITH ORDINALITY AS a (stream_id, version, recorded_at, events, n)
  ),
  guarded AS (
    SELECT n FROM ledger_appends_guarded(cardinality($1::text[]), $11::integer[], $12::text[], $13::integer[]) AS g (n)
  ),
  writing AS (
    SELECT a.n, a.stream_id, a.version, ledger_lock_stream(a.stream_id) AS locked
      FROM (SELECT a.* FROM appends a JOIN guarded USING (n) ORDER BY ledger_stream_lock_key(a.stream_id) OFFSET 0) AS a
  ),
  heads AS (
    SELECT w.n, s.last_hash
      FROM writing w
     CROSS JOIN LATERAL (
       SELECT last_hash FROM ledger_streams s WHERE s.stream_id = w.stream_id AND s.version = w.version FOR NO KEY UPDATE
     ) AS s
     WHERE w.version > 0
  ),
  starts AS (
    SELECT n, last_hash AS hash FROM heads
    UNION ALL
    SELECT n, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea FROM writing WHERE version = 0
  ),
  events AS (
    SELECT * FROM unnest($5::integer[], $6::integer[], $7::uuid[], $8::text[], $9::integer[], $10::text[], $14::text[])
      AS e (n, i, event_id, type, schema_version, actor, body)
  ),
  chain (n, i, hash) AS (
    SELECT n, 0, hash FROM starts
    UNION ALL
    SELECT c.n, c.i + 1, sha256(c.hash || int4send(a.version + c.i + 1) || convert_to(e.body, 'UTF8'))
      FROM chain c JOIN appends a ON a.n = c.n JOIN events e ON e.n = c.n AND e.i = c.i + 1
  ),
  last AS (
    SELECT c.n, c.hash FROM chain c JOIN appends a ON a.n = c.n AND c.i = a.events
  ),
  moved AS (
    UPDATE ledger_streams s SET version = a.version + a.events, last_hash = last.hash
      FROM appends a JOIN heads USING (n) JOIN last USING (n)
     WHERE s.stream_id = a.stream_id AND s.version = a.version
 RETURNING a.n
  ),
  created AS (
    INSERT INTO ledger_streams (stream_id, version, last_hash)
    SELECT w.stream_id, a.events, last.hash FROM writing w JOIN appends a USING (n) JOIN last USING (n) WHERE w.version = 0
    ON CONFLICT (stream_id) DO NOTHING
 RETURNING stream_id
  ),
  appended AS (
    SELECT n FROM moved
    UNION ALL
    SELECT a.n FROM created JOIN appends a USING (stream_id)
  )
  INSERT INTO ledger_events (stream_id, stream_version, position, transaction_id, event_id, type, schema_version, actor, recorded_at, body, hash)
  SELECT a.stream_id, a.version + e.i, nextval('ledger_event_position'), pg_current_xact_id(), e.event_id, e.type, e.schema_version, e.actor, a.recorded_at, e.body, chain.hash
    FROM appended JOIN appends a USING (n) JOIN events e USING (n) JOIN chain ON chain.n = e.n AND chain.i = e.i
   ORDER BY a.n, e.i
  RETURNING stream_id, stream_version, transaction_id::text || ':' || position::text AS log_position, encode(hash, 'hex') AS hash`;

/**
 * The fast path, kept because the benchmarks show that it pays: one event onto an existing stream
 * at a known version, guarded by other streams or not, when no other append is in flight to share
 * a group with it — as one plain UPDATE of the head and INSERT, with the same chain rule and the
 * same locks (`APPEND_LOCKS`). Measured again once the statement above took groups, in
 * alternating runs of `bench:append` (8 writers, whose appends group): ours/raw 0.84–0.98 with it
 * and 0.70–0.77 without it, below the 0.8 the ledger promises.
 */
const APPEND_ONE_SQL = `WITH
  ${APPEND_LOCKS},
  head AS (
    UPDATE ledger_streams
       SET version = version + 1,
           last_hash = sha256(last_hash || int4send(version + 1) || convert_to($7, 'UTF8'))
     WHERE stream_id = $1 AND version = $2 AND EXISTS (SELECT 1 FROM writing)
 RETURNING version, last_hash
  )
  INSERT INTO ledger_events (stream_id, stream_version, position, transaction_id, event_id, type, schema_version, actor, recorded_at, body, hash)
  SELECT $1, head.version, nextval('ledger_event_position'), pg_current_xact_id(), $3, $4, $5, $6, $8, $7, head.last_hash FROM head
  RETURNING stream_version, transaction_id::text || ':' || position::text AS log_position, encode(hash, 'hex') AS hash`;

/**
 * Why the append statement appended nothing, read in one round trip: the stream's version, the
 * first guard stream not at the version the decision read, and which of the append's event ids
 * the stream already holds (with the positions and last hash a retry answers).
 */
const WHY_NOTHING_APPENDED_SQL = `SELECT
    (SELECT version FROM ledger_streams WHERE stream_id = $1) AS version,
    (SELECT g.stream_id || ' ' || coalesce(s.version, 0)
       FROM unnest($3::text[], $4::integer[]) WITH ORDINALITY AS g (stream_id, version, n)
       LEFT JOIN ledger_streams s ON s.stream_id = g.stream_id
      WHERE coalesce(s.version, 0) <> g.version ORDER BY g.n LIMIT 1) AS moved_guard,
    found.count, found.last_version, found.positions, found.last_hash
  FROM (
    SELECT count(*)::integer AS count, max(e.stream_version) AS last_version,
           array_agg(e.transaction_id::text || ':' || e.position::text ORDER BY e.stream_version) AS positions,
           (array_agg(encode(e.hash, 'hex') ORDER BY e.stream_version DESC))[1] AS last_hash
      FROM ledger_events e WHERE e.stream_id = $1 AND e.event_id = ANY ($2::uuid[])
  ) AS found`;

const STREAM_VERSION_SQL = 'SELECT version FROM ledger_streams WHERE stream_id = $1';

export interface AppendedRow {
  stream_version: number;
  log_position: LogPosition;
  hash: string;
}

interface WhyRow {
  version: number | null;
  moved_guard: string | null;
  count: number;
  last_version: number | null;
  positions: LogPosition[] | null;
  last_hash: string | null;
}

/** How many times an append at a number is tried while the stream stands at that number and nothing is appended. */
const MAX_ATTEMPTS = 5;

/** The guard streams of an append, as the statements take them. */
export interface Guards {
  ids: string[];
  versions: number[];
}

const NO_GUARDS: Guards = { ids: [], versions: [] };

export const guardsOf = (expectedStreams: AppendOptions['expectedStreams'] = []): Guards => ({
  ids: expectedStreams.map((guard) => guard.streamId),
  versions: expectedStreams.map((guard) => guard.version),
});

/** What the database tells of a failed statement that the append answers itself; anything else is thrown on. */
function nothingAppendedOn(error: unknown): AppendedRow[] {
  if (sqlState(error) === '23505') return []; // an event id is already in the stream: a retry, told below
  if (sqlState(error) === 'LD410') throw new EventStoreMovedError();
  throw error;
}

function appendedResult(rows: AppendedRow[]): AppendResult {
  rows.sort((a, b) => a.stream_version - b.stream_version);
  const last = rows[rows.length - 1];
  return { nextStreamVersion: last.stream_version, positions: rows.map((row) => row.log_position), hash: last.hash, duplicate: false };
}

/**
 * Why nothing was appended to a stream at `version`: a guard that moved or a stream elsewhere
 * (`VersionConflictError`), some of the events already there (`PartialDuplicateAppendError`), all
 * of them there (a retry: the first append's answer), or the stream standing at `version` after
 * all (null: a race with the stream's creation, worth trying again).
 */
async function whyNothingAppended(database: SqlSession, streamId: string, version: number, events: readonly CanonicalEvent[], guards: Guards): Promise<{ duplicate: AppendResult } | { standsAt: number }> {
  const [why] = await database.query<WhyRow>(WHY_NOTHING_APPENDED_SQL, [streamId, events.map((event) => event.eventId), guards.ids, guards.versions], { name: 'ledger_why_nothing_appended' });
  if (why.moved_guard) {
    const [guardStream, actual] = why.moved_guard.split(' ');
    throw new VersionConflictError(guardStream, 'the version the decision read', Number(actual));
  }
  if (why.count === events.length) return { duplicate: { nextStreamVersion: why.last_version!, positions: why.positions!, hash: why.last_hash!, duplicate: true } };
  if (why.count > 0) throw new PartialDuplicateAppendError(streamId);
  return { standsAt: why.version ?? 0 };
}

/** How an append at a version is sent: its rows back, none when it appended nothing. */
export type SendAppend = (append: GroupedAppend) => Promise<AppendedRow[]>;

/** Each append in a statement of its own. */
const sendAlone =
  (database: SqlSession): SendAppend =>
  async (append) =>
    (await appendGroup(database, [append]))[0];

/**
 * Appends `events` (already checked and made canonical) to a stream, as `EventStore.append`
 * promises: at the expected version (`no-stream` is version 0; `any` and `stream-exists` take the
 * version the stream stands at, and try again if another appender moves it first), guarded by
 * `expectedStreams`. A retry of an append already made — every event id already in the stream —
 * answers what that append answered, with `duplicate: true`. `send` sends each attempt (alone, or
 * with others in flight: `AppendGroups`); when it appended nothing, the store is asked why at once.
 */
export async function appendToStream(
  database: Database,
  streamId: string,
  events: readonly CanonicalEvent[],
  options: AppendOptions,
  recordedAt: string,
  send: SendAppend = sendAlone(database),
): Promise<AppendResult> {
  const { expectedVersion } = options;
  const guards = guardsOf(options.expectedStreams);
  for (let attempt = 1; ; attempt++) {
    const version = typeof expectedVersion === 'number' ? expectedVersion : expectedVersion === 'no-stream' ? 0 : await currentVersion(database, streamId);
    if (expectedVersion === 'stream-exists' && version === 0) throw new VersionConflictError(streamId, 'stream-exists', 0);
    const rows = await send({ streamId, version, events, recordedAt, guards }).catch(nothingAppendedOn);
    if (rows.length > 0) return appendedResult(rows);

    const why = await whyNothingAppended(database, streamId, version, events, guards);
    if ('duplicate' in why) return why.duplicate;
    const expectedNumber = typeof expectedVersion === 'number' || expectedVersion === 'no-stream';
    if (expectedNumber && why.standsAt !== version) throw new VersionConflictError(streamId, String(expectedVersion), why.standsAt);
    // `any` or `stream-exists`: another appender moved the stream between the reading and the
    // append, so each attempt lost to one that won; try again at the version it now stands at.
    // At a number, the stream stands where the append expected yet nothing was appended: a race
    // with its creation, looked at again a few times before it is answered as a conflict.
    if (expectedNumber && attempt >= MAX_ATTEMPTS) throw new VersionConflictError(streamId, String(expectedVersion), why.standsAt);
  }
}

/** One stream's part of an append to several, already checked and made canonical. */
export interface CanonicalStreamAppend {
  streamId: string;
  version: number;
  events: readonly CanonicalEvent[];
}

/** Thrown inside the transaction when a part appended nothing, so that the transaction rolls back. */
const NOTHING_APPENDED = Symbol('nothing appended');

/**
 * Appends to several streams in one transaction, as `EventStore.appendToStreams` promises: every
 * part at its version, the first guarded by `expectedStreams` (their shared locks hold until the
 * commit), all or nothing — one group statement, rolled back if any part appended nothing. When
 * nothing was appended, each part is asked why: a part whose events are all there already is a
 * retry and answers the first append again; the others are tried again on their own in one
 * transaction — so that a workflow recorded in part before appends could be atomic completes on
 * its retry — unless a stream moved.
 */
export async function appendToStreams(database: Database, parts: readonly CanonicalStreamAppend[], options: Pick<AppendOptions, 'expectedStreams'>, recordedAt: string): Promise<AppendResult[]> {
  const answers = new Map<number, AppendResult>();
  const guards = guardsOf(options.expectedStreams);
  for (let attempt = 1; ; attempt++) {
    const remaining = parts.flatMap((part, index) => (answers.has(index) ? [] : [{ part, index }]));
    if (remaining.length === 0) return parts.map((_, index) => answers.get(index)!);
    const appended = await database
      .transaction(async (session) => {
        const rows = await appendGroup(
          session,
          remaining.map(({ part }, n) => ({ ...part, recordedAt, guards: n === 0 ? guards : NO_GUARDS })),
        );
        if (rows.some((appendedRows) => appendedRows.length === 0)) throw NOTHING_APPENDED;
        return rows.map(appendedResult);
      })
      .catch((error: unknown) => (error === NOTHING_APPENDED ? null : (nothingAppendedOn(error), null)));
    if (appended) {
      remaining.forEach(({ index }, n) => answers.set(index, appended[n]));
      continue;
    }
    let retried = false;
    for (const [n, { part, index }] of remaining.entries()) {
      const why = await whyNothingAppended(database, part.streamId, part.version, part.events, n === 0 ? guards : NO_GUARDS);
      if ('duplicate' in why) {
        answers.set(index, why.duplicate);
        retried = true;
      } else if (why.standsAt !== part.version) {
        throw new VersionConflictError(part.streamId, String(part.version), why.standsAt);
      }
    }
    if (!retried && attempt >= MAX_ATTEMPTS) {
      const { part } = remaining[0];
      throw new VersionConflictError(part.streamId, String(part.version), part.version);
    }
  }
}

/** One append of a group sent as one statement: events (checked and made canonical) onto a stream at a version. */
export interface GroupedAppend {
  streamId: string;
  version: number;
  events: readonly CanonicalEvent[];
  recordedAt: string;
  guards: Guards;
}

/**
 * Sends a group of appends as one statement, on streams all different: each append's rows, in
 * the group's order, none for an append that appended nothing. One event onto an existing stream,
 * alone, takes the fast path.
 */
export async function appendGroup(database: SqlSession, appends: readonly GroupedAppend[]): Promise<AppendedRow[][]> {
  if (appends.length === 1 && appends[0].events.length === 1 && appends[0].version > 0) {
    const [{ streamId, version, events: [event], recordedAt, guards }] = appends;
    return [
      await database.query<AppendedRow>(
        APPEND_ONE_SQL,
        [streamId, version, event.eventId, event.type, event.schemaVersion, event.actor, event.body, recordedAt, guards.ids, guards.versions],
        { name: 'ledger_append_one' },
      ),
    ];
  }
  const events = appends.flatMap((append, n) => append.events.map((event, i) => ({ n: n + 1, i: i + 1, event })));
  const guards = appends.flatMap((append, n) => append.guards.ids.map((id, g) => ({ n: n + 1, id, version: append.guards.versions[g] })));
  const rows = await database.query<AppendedRow & { stream_id: string }>(
    APPEND_SQL,
    [
      appends.map((append) => append.streamId),
      appends.map((append) => append.version),
      appends.map((append) => append.recordedAt),
      appends.map((append) => append.events.length),
      events.map(({ n }) => n),
      events.map(({ i }) => i),
      events.map(({ event }) => event.eventId),
      events.map(({ event }) => event.type),
      events.map(({ event }) => event.schemaVersion),
      events.map(({ event }) => event.actor),
      guards.map(({ n }) => n),
      guards.map(({ id }) => id),
      guards.map(({ version }) => version),
      new TextArrayParameter(events.map(({ event }) => event.body)),
    ],
    { name: 'ledger_append' },
  );
  const byStream = new Map<string, AppendedRow[]>(appends.map((append) => [append.streamId, []]));
  for (const row of rows) byStream.get(row.stream_id)!.push(row);
  return appends.map((append) => byStream.get(append.streamId)!);
}

async function currentVersion(database: Database, streamId: string): Promise<number> {
  const [row] = await database.query<{ version: number }>(STREAM_VERSION_SQL, [streamId], { name: 'ledger_stream_version' });
  return row?.version ?? 0;
}
