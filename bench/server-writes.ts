/**
 * What the PostgreSQL server being measured writes, beside what the ledger asks of it.
 *
 * A measured run starts from a checkpoint: the pages earlier work left dirty (the ledger just
 * prepared, an earlier benchmark's rebuilds and dropped schemas, hundreds of megabytes) are written
 * out first — not by a checkpoint spread over the minutes the run falls in, whose writes the run's
 * commits then wait behind, nor by the measured statements when they need a buffer. On the shared
 * server, after a morning of rebuilds, `bench:commands` ran at 1,216 ratifications a second, and at
 * 1,697 right after a CHECKPOINT (a fresh cluster of its own, meanwhile, ran it at 1,551–1,593).
 * `BENCH_CHECKPOINT=off` measures the server as it stands. PostgreSQL's own benchmark scripts do the
 * same, as `bench:append` did from the start. After a run, what the server wrote during it: its
 * WAL, the checkpoints begun in it, and the buffers its client backends had to write out themselves.
 */
import type { Database } from '@ledger/event-store';
import type pg from 'pg';

/** One statement on the server being measured, answering its rows. */
export type ServerQuery = (sql: string) => Promise<Record<string, unknown>[]>;

export const onPool =
  (pool: pg.Pool): ServerQuery =>
  async (sql) =>
    (await pool.query(sql)).rows as Record<string, unknown>[];

export const onDatabase =
  (database: Database): ServerQuery =>
  (sql) =>
    database.query<Record<string, unknown>>(sql);

/** Whether measured runs start from a checkpoint (`BENCH_CHECKPOINT=off`: not). */
const CHECKPOINT_FIRST = process.env.BENCH_CHECKPOINT !== 'off';

/**
 * A checkpoint before a measured run, unless `BENCH_CHECKPOINT=off`; answers what it did, for the
 * printout. A server that refuses it (no superuser or `pg_checkpoint` role) is measured as it stands.
 */
export async function checkpointFirst(query: ServerQuery): Promise<string> {
  if (!CHECKPOINT_FIRST) return 'no checkpoint before the run (BENCH_CHECKPOINT=off)';
  const started = performance.now();
  try {
    await query('CHECKPOINT');
  } catch (error) {
    return `no checkpoint before the run: the server refused it (${(error as Error).message})`;
  }
  return `a checkpoint before the run, ${Math.round(performance.now() - started).toLocaleString('en-GB')} ms`;
}

export interface ServerWrites {
  walBytes: number;
  checkpoints: number;
  /** Buffers client backends wrote out themselves to free one; null where the server does not tell. */
  backendBuffers: number | null;
}

/** The first statement of `alternatives` the server answers (views moved between versions 15, 16 and 17). */
async function firstAnswered(query: ServerQuery, alternatives: readonly string[]): Promise<number | null> {
  for (const sql of alternatives) {
    try {
      const [row] = await query(sql);
      return Number(row.n);
    } catch {
      // not on this version: the next
    }
  }
  return null;
}

/** The server's running totals of what it wrote. */
export async function serverWrites(query: ServerQuery): Promise<ServerWrites> {
  const [walBytes, checkpoints, backendBuffers] = await Promise.all([
    firstAnswered(query, ['SELECT wal_bytes::float8 AS n FROM pg_stat_wal']),
    firstAnswered(query, [
      'SELECT (num_timed + num_requested)::float8 AS n FROM pg_stat_checkpointer',
      'SELECT (checkpoints_timed + checkpoints_req)::float8 AS n FROM pg_stat_bgwriter',
    ]),
    firstAnswered(query, [
      `SELECT coalesce(sum(writes), 0)::float8 AS n FROM pg_stat_io WHERE backend_type = 'client backend'`,
      'SELECT buffers_backend::float8 AS n FROM pg_stat_bgwriter',
    ]),
  ]);
  return { walBytes: walBytes ?? 0, checkpoints: checkpoints ?? 0, backendBuffers };
}

/** What the server wrote between two readings over `operations` of `operation`, as one line. */
export function describeServerWrites(before: ServerWrites, after: ServerWrites, operations: number, operation: string): string {
  const wal = after.walBytes - before.walBytes;
  const perOperation = ` (${(wal / operations / 1000).toFixed(1)} kB a ${operation})`;
  const checkpoints = after.checkpoints - before.checkpoints;
  const backend =
    after.backendBuffers === null || before.backendBuffers === null
      ? ''
      : `, ${(after.backendBuffers - before.backendBuffers).toLocaleString('en-GB')} buffers written out by its client backends`;
  return `PostgreSQL over the run: ${(wal / 1e6).toFixed(1)} MB of WAL${perOperation}, ${checkpoints} checkpoint${checkpoints === 1 ? '' : 's'} begun${backend}`;
}
