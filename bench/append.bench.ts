/**
 * Append and log-read throughput of our SQL event store, against a raw `INSERT`/`SELECT` baseline
 * and Emmett's PostgreSQL event store, on the PostgreSQL named by BENCH_DATABASE_URL (and on
 * PGlite, for information). Not a test: it prints events/s; ours guarded/unguarded, the same
 * appends each guarded by two other streams (as a ratification is by its organisation and scheme)
 * against them unguarded; and as its last line
 *   RESULT append ours/raw=<r> ours/emmett=<r> read ours/raw=<r>
 *
 * Run with `npm run bench:append`. Every schema and database it creates is dropped at the end.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import {
  canonicalEvent,
  LOG_START,
  migrate,
  PgliteDatabase,
  PostgresDatabase,
  SqlEventStore,
  type Database,
  type LogPosition,
  type NewEvent,
} from '@ledger/event-store';
import { checkpointFirst, onPool } from './server-writes.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The timed append workload: single-event appends with an expected version. */
const APPENDS = { events: 20_000, streams: 1_000, writers: 8 } as const;
/** Untimed appends before each timed run, on other streams (connections, JIT, plan caches). */
const WARM_UP = { events: 400, streams: 80 } as const;
/** The log read back in the read phase, written as multi-event appends (untimed). */
const LOG = { events: 100_000, streams: 1_000, writers: 8 } as const;
/** Events per page when reading the log. Tuned: 5,000 read as fast as 10,000 (the store's maximum) here. */
const READ_PAGE = 5_000;
/** Each read is timed this many times, alternating contenders; the best run counts. */
const READ_RUNS = 3;

// ---------------------------------------------------------------------------------------------
// The event: a ratification of a proposal, ~300 bytes of data.

/** Members in RFC 8785 key order, so `JSON.stringify` writes the same text as our canonicaliser. */
type RatificationData = {
  bodyId: string;
  decision: 'ratified';
  motion: string;
  proposalId: string;
  quorum: { present: number; required: number };
  ratifiedAt: string;
  sessionId: string;
  votes: { abstain: number; against: number; for: number };
};

const EVENT_TYPE = 'ProposalRatified';
const ACTOR = 'clerk:municipal-council-0042/j.doe';

function ratification(streamId: string, version: number): RatificationData {
  return {
    bodyId: 'municipal-council-0042',
    decision: 'ratified',
    motion: 'Adopt the revised procurement thresholds for public works contracts.',
    proposalId: `${streamId}/proposal-${version + 1}`,
    quorum: { present: 23, required: 15 },
    ratifiedAt: new Date().toISOString(),
    sessionId: '5c2b8f3c-1d2e-4c9a-9f39-6f1a8b0e7d52',
    votes: { abstain: 2, against: 4, for: 17 },
  };
}

function newEvent(streamId: string, version: number): NewEvent<typeof EVENT_TYPE, RatificationData> {
  return {
    eventId: randomUUID(),
    type: EVENT_TYPE,
    schemaVersion: 1,
    data: ratification(streamId, version),
    metadata: { actor: ACTOR, correlationId: randomUUID() },
  };
}

/** The body the raw baseline stores: the same envelope as ours, written by `JSON.stringify`. */
function rawBody(streamId: string, eventId: string, version: number, recordedAt: string): string {
  return JSON.stringify({
    data: ratification(streamId, version),
    eventId,
    metadata: { actor: ACTOR, correlationId: randomUUID(), recordedAt },
    schemaVersion: 1,
    streamId,
    type: EVENT_TYPE,
  });
}

/** Our chain hash, on bytes: SHA-256(previous ‖ version as 4 bytes big-endian ‖ body). */
function chainHash(previous: Buffer, version: number, body: string): Buffer {
  const versionBytes = Buffer.alloc(4);
  versionBytes.writeUInt32BE(version);
  return createHash('sha256').update(previous).update(versionBytes).update(body, 'utf8').digest();
}

// ---------------------------------------------------------------------------------------------
// Workload and reporting.

/** Appends `expectedVersion + 1`-th event(s) to `streamId`. */
type AppendOne = (streamId: string, expectedVersion: number) => Promise<void>;

interface Workload {
  events: number;
  streams: number;
  writers: number;
  prefix: string;
}

interface Measurement {
  label: string;
  events: number;
  ms: number;
}

const perSecond = ({ events, ms }: Measurement): number => (events * 1000) / ms;

/**
 * Runs `writers` concurrent loops and answers the elapsed milliseconds. Writer w owns the streams
 * n ≡ w (mod writers) and appends to them round-robin, so it always knows each expected version.
 */
async function runWriters({ events, streams, writers, prefix }: Workload, append: AppendOne): Promise<number> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const owned = Array.from({ length: Math.ceil((streams - writer) / writers) }, (_, k) => `${prefix}-${writer + k * writers}`);
      const versions = owned.map(() => 0);
      const appends = Math.floor(events / writers) + (writer < events % writers ? 1 : 0);
      for (let i = 0; i < appends; i++) {
        const k = i % owned.length;
        await append(owned[k], versions[k]);
        versions[k] += 1;
      }
    }),
  );
  return performance.now() - start;
}

/**
 * Warms up on `warmup-*` streams, then times the append workload on `bench-*` streams;
 * `beforeTiming` (a checkpoint, on PostgreSQL) runs between, so that no timed run pays for flushing
 * the pages the one before it left.
 */
async function timeAppends(label: string, writers: number, append: AppendOne, beforeTiming?: () => Promise<unknown>): Promise<Measurement> {
  progress(`${label}: warming up`);
  await runWriters({ ...WARM_UP, writers, prefix: 'warmup' }, append);
  await beforeTiming?.();
  progress(`${label}: timing ${APPENDS.events} appends`);
  const ms = await runWriters({ ...APPENDS, writers, prefix: 'bench' }, append);
  return report({ label, events: APPENDS.events, ms });
}

function report(measurement: Measurement): Measurement {
  const { label, events, ms } = measurement;
  const rate = Math.round(perSecond(measurement)).toLocaleString('en-US');
  console.log(`${label.padEnd(58)} ${events.toLocaleString('en-US').padStart(7)} events in ${(ms / 1000).toFixed(2).padStart(6)} s  ${rate.padStart(8)} events/s`);
  return measurement;
}

function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`… ${message}\n`);
}

/**
 * A pool whose idle connections may be ended by the server without crashing the process:
 * `pool.end()` resolves before its sockets are closed, and `DROP DATABASE … WITH (FORCE)` may end them.
 */
function quietPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => undefined);
  return pool;
}

const suffix = (): string => randomBytes(4).toString('hex');

// ---------------------------------------------------------------------------------------------
// Contenders: appends.

/** (a) Plain autocommit INSERTs into a table of our row shape, with only the (stream, version) key. */
async function rawAppends(admin: pg.Pool, schema: string): Promise<Measurement> {
  await admin.query(`CREATE SCHEMA ${schema};
    CREATE SEQUENCE ${schema}.event_position AS bigint;
    CREATE TABLE ${schema}.events (
      stream_id       text        NOT NULL,
      stream_version  integer     NOT NULL,
      position        bigint      NOT NULL,
      transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
      event_id        uuid        NOT NULL,
      type            text        NOT NULL,
      schema_version  integer     NOT NULL,
      actor           text,
      recorded_at     timestamptz NOT NULL,
      body            text        NOT NULL,
      hash            bytea       NOT NULL,
      UNIQUE (stream_id, stream_version)
    )`);
  const pool = quietPool({ connectionString: DATABASE_URL, max: APPENDS.writers, application_name: 'bench-raw' });
  const heads = new Map<string, Buffer>();
  const genesis = Buffer.alloc(32);
  const insert = `INSERT INTO ${schema}.events
      (stream_id, stream_version, position, event_id, type, schema_version, actor, recorded_at, body, hash)
    VALUES ($1, $2, nextval('${schema}.event_position'), $3, $4, 1, $5, $6, $7, $8)`;
  try {
    return await timeAppends(
      'append  raw INSERT          (PostgreSQL, 8 writers)',
      APPENDS.writers,
      async (streamId, expectedVersion) => {
        const version = expectedVersion + 1;
        const eventId = randomUUID();
        const recordedAt = new Date().toISOString();
        const body = rawBody(streamId, eventId, version, recordedAt);
        const hash = chainHash(heads.get(streamId) ?? genesis, version, body);
        await pool.query(insert, [streamId, version, eventId, EVENT_TYPE, ACTOR, recordedAt, body, hash]);
        heads.set(streamId, hash);
      },
      () => checkpointFirst(onPool(admin)),
    );
  } finally {
    await pool.end();
  }
}

/**
 * (b) Our store on PostgreSQL; `guarded`: each append also guarded by two other streams standing
 * where it read them (as a ratification is by its organisation and its scheme of delegation).
 */
async function ourPostgresAppends(admin: pg.Pool, schema: string, guarded = false): Promise<Measurement> {
  const database = await PostgresDatabase.connect({ connectionString: DATABASE_URL, schema, max: APPENDS.writers, applicationName: 'bench-ours' });
  const store = new SqlEventStore(database);
  const guards = guarded ? ['organisation-bench', 'scheme-bench'].map((streamId) => ({ streamId, version: 1 })) : [];
  try {
    await migrate(database);
    for (const { streamId } of guards) await store.append(streamId, [newEvent(streamId, 0)], { expectedVersion: 'no-stream' });
    return await timeAppends(
      guarded ? 'append  ours, guarded by 2  (PostgreSQL, 8 writers)' : 'append  ours SqlEventStore  (PostgreSQL, 8 writers)',
      APPENDS.writers,
      async (streamId, expectedVersion) => void (await store.append(streamId, [newEvent(streamId, expectedVersion)], { expectedVersion, expectedStreams: guards })),
      () => checkpointFirst(onPool(admin)),
    );
  } finally {
    await store.close();
  }
}

/** (c) Emmett 0.42.0 on a database of its own (its tables live in `public`). */
async function emmettAppends(admin: pg.Pool, databaseName: string): Promise<Measurement> {
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${databaseName}`;
  const connectionString = url.toString();
  const pool = quietPool({ connectionString, max: APPENDS.writers, application_name: 'bench-emmett' });
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } });
  type Ratified = Event<typeof EVENT_TYPE, RatificationData, { actor: string; correlationId: string }>;
  try {
    await store.schema.migrate();
    return await timeAppends(
      'append  Emmett 0.42.0       (PostgreSQL, 8 writers)',
      APPENDS.writers,
      async (streamId, expectedVersion) => {
        const event: Ratified = {
          type: EVENT_TYPE,
          data: ratification(streamId, expectedVersion),
          metadata: { actor: ACTOR, correlationId: randomUUID() },
        };
        await store.appendToStream<Ratified>(streamId, [event], { expectedStreamVersion: BigInt(expectedVersion) });
      },
      () => checkpointFirst(onPool(admin)),
    );
  } finally {
    await store.close();
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  }
}

/** (d) Our store on in-memory PGlite, one writer (PGlite runs one statement at a time anyway). */
async function ourPgliteAppends(): Promise<Measurement> {
  const database = await PgliteDatabase.open();
  const store = new SqlEventStore(database);
  try {
    await migrate(database);
    return await timeAppends('append  ours SqlEventStore  (PGlite in memory, 1 writer)', 1, async (streamId, expectedVersion) => {
      await store.append(streamId, [newEvent(streamId, expectedVersion)], { expectedVersion });
    });
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Contenders: reading the whole log.

/** Writes the log to read: `LOG.events` events as multi-event appends by 8 writers (untimed). */
async function fillLog(store: SqlEventStore, writers: number): Promise<void> {
  const perAppend = LOG.events / LOG.streams;
  await runWriters({ events: LOG.streams, streams: LOG.streams, writers, prefix: 'log' }, async (streamId) => {
    const events = Array.from({ length: perAppend }, (_, i) => newEvent(streamId, i));
    await store.append(streamId, events, { expectedVersion: 'no-stream' });
  });
}

/** Ours: `readLog` pages until one comes back empty. */
async function readThroughStore(store: SqlEventStore): Promise<number> {
  let after: LogPosition = LOG_START;
  let count = 0;
  for (;;) {
    const page = await store.readLog({ after, limit: READ_PAGE });
    if (page.length === 0) return count;
    count += page.length;
    after = page[page.length - 1].position;
  }
}

/**
 * Raw: `SELECT *` pages of the same size, by keyset on the log order `(transaction_id, position)`.
 * This is the fairer baseline: the same number of round trips and rows in memory as ours, on the
 * same index. (`ledger_events` has no index on `position` alone, so a keyset on `position` would
 * sort the whole table for every page; the one-query read is printed for information.)
 */
async function readRawPages(query: Database['query']): Promise<number> {
  let after = { transactionId: '0', position: '0' };
  let count = 0;
  for (;;) {
    const page = await query<{ transaction_id: string; position: string | number }>(
      `SELECT * FROM ledger_events WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
        ORDER BY transaction_id, position LIMIT $3`,
      [after.transactionId, after.position, READ_PAGE],
    );
    if (page.length === 0) return count;
    count += page.length;
    const last = page[page.length - 1];
    after = { transactionId: String(last.transaction_id), position: String(last.position) };
  }
}

async function readRawAtOnce(query: Database['query']): Promise<number> {
  return (await query('SELECT * FROM ledger_events ORDER BY position')).length;
}

/** Times each reader `READ_RUNS` times, alternating, and reports each one's best run. */
async function timeReads(readers: { label: string; read: () => Promise<number> }[]): Promise<Measurement[]> {
  const best = readers.map(() => Infinity);
  for (const reader of readers) await reader.read(); // warm-up: caches, hint bits, JIT
  for (let run = 0; run < READ_RUNS; run++) {
    for (const [index, reader] of readers.entries()) {
      progress(`${reader.label}: run ${run + 1}/${READ_RUNS}`);
      const start = performance.now();
      const events = await reader.read();
      const ms = performance.now() - start;
      if (events !== LOG.events) throw new Error(`${reader.label} read ${events} events, expected ${LOG.events}`);
      best[index] = Math.min(best[index], ms);
    }
  }
  return readers.map(({ label }, index) => report({ label, events: LOG.events, ms: best[index] }));
}

async function postgresReads(schema: string): Promise<Measurement[]> {
  const database = await PostgresDatabase.connect({ connectionString: DATABASE_URL, schema, max: LOG.writers, applicationName: 'bench-read' });
  const store = new SqlEventStore(database);
  const raw = quietPool({ connectionString: DATABASE_URL, max: 1, options: `-c search_path=${schema}`, application_name: 'bench-read-raw' });
  const rawQuery: Database['query'] = async <Row>(text: string, params?: unknown[]) => (await raw.query(text, params)).rows as Row[];
  try {
    await migrate(database);
    progress(`read: writing ${LOG.events} events to PostgreSQL`);
    await fillLog(store, LOG.writers);
    await database.query('VACUUM ANALYZE ledger_events');
    return await timeReads([
      { label: `read    ours readLog        (PostgreSQL, pages of ${READ_PAGE})`, read: () => readThroughStore(store) },
      { label: `read    raw SELECT *        (PostgreSQL, pages of ${READ_PAGE})`, read: () => readRawPages(rawQuery) },
      { label: 'read    raw SELECT *        (PostgreSQL, one query, info)', read: () => readRawAtOnce(rawQuery) },
    ]);
  } finally {
    await raw.end();
    await store.close();
  }
}

async function pgliteReads(): Promise<Measurement[]> {
  const database = await PgliteDatabase.open();
  const store = new SqlEventStore(database);
  try {
    await migrate(database);
    progress(`read: writing ${LOG.events} events to PGlite`);
    await fillLog(store, 1);
    await database.query('VACUUM ANALYZE ledger_events');
    const query: Database['query'] = (text, params) => database.query(text, params);
    return await timeReads([
      { label: `read    ours readLog        (PGlite, pages of ${READ_PAGE}, info)`, read: () => readThroughStore(store) },
      { label: `read    raw SELECT *        (PGlite, pages of ${READ_PAGE}, info)`, read: () => readRawPages(query) },
    ]);
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const admin = quietPool({ connectionString: DATABASE_URL, max: 2, application_name: 'bench-admin' });
  const id = suffix();
  const schemas = [`bench_raw_${id}`, `bench_ours_${id}`, `bench_read_${id}`, `bench_guarded_${id}`];
  const [rawSchema, ourSchema, readSchema, guardedSchema] = schemas;
  const sample = canonicalEvent('bench-0', newEvent('bench-0', 0), 0, new Date().toISOString()).body;
  console.log(`PostgreSQL ${new URL(DATABASE_URL).host}; event body ${Buffer.byteLength(sample)} bytes (data ${JSON.stringify(ratification('bench-0', 0)).length})`);
  try {
    // Reads first: Emmett's driver (dumbo) sets pg's global type parsers (int8 → BigInt, json),
    // which would change what raw pg reads cost. The three PostgreSQL appenders then run back to back.
    const [oursRead, rawRead] = await postgresReads(readSchema);
    const raw = await rawAppends(admin, rawSchema);
    const ours = await ourPostgresAppends(admin, ourSchema);
    const emmett = await emmettAppends(admin, `bench_emmett_${id}`);
    const guarded = await ourPostgresAppends(admin, guardedSchema, true);
    await ourPgliteAppends();
    await pgliteReads();

    const ratio = (a: Measurement, b: Measurement): string => (perSecond(a) / perSecond(b)).toFixed(2);
    console.log(`ours guarded/unguarded = ${ratio(guarded, ours)}`);
    console.log(`RESULT append ours/raw=${ratio(ours, raw)} ours/emmett=${ratio(ours, emmett)} read ours/raw=${ratio(oursRead, rawRead)}`);
  } finally {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

await main();
