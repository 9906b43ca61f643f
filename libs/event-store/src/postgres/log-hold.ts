import type { Database } from './database.js';

/** The open transaction that keeps log readers from events committed after it began. */
export interface LogHold {
  pid: number;
  /** The database it runs in: any database of the cluster holds the log back. */
  database: string | null;
  applicationName: string;
  state: string | null;
  /** When its transaction began, and how many seconds ago. */
  transactionStart: string | null;
  seconds: number;
}

/**
 * The oldest transaction of the PostgreSQL cluster that holds an id, or null. Log readers see an
 * event only once every transaction that began before it committed has ended (see `readLog`),
 * and PostgreSQL's snapshot horizon is cluster-wide: a transaction left open in any database
 * holds back the projector and the sealer until it ends. Nothing is skipped; this says who is
 * holding. PGlite has one session and no such holder.
 */
export async function whatHoldsTheLog(database: Database): Promise<LogHold | null> {
  if (database.kind !== 'postgres') return null;
  const [row] = await database.query<{ pid: number; datname: string | null; application_name: string; state: string | null; xact_start: string | null; seconds: number | null }>(
    `SELECT pid, datname, application_name, state, xact_start::text AS xact_start,
            extract(epoch FROM now() - xact_start)::float8 AS seconds
       FROM pg_stat_activity
      WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
      ORDER BY age(backend_xid) DESC
      LIMIT 1`,
  );
  if (!row) return null;
  return {
    pid: row.pid,
    database: row.datname,
    applicationName: row.application_name,
    state: row.state,
    transactionStart: row.xact_start,
    seconds: Math.max(0, row.seconds ?? 0),
  };
}
