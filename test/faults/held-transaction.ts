import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { organisationStreamId } from '@ledger/governance';
import { SqlEventStore, type Database, type SqlSession } from '@ledger/event-store';
import { FAULT_ADMIN_KEY, runFault, type FaultLedger } from './fault-run.js';
import type { Verdict } from './verdict.js';

export interface HeldTransactionOptions {
  writers: number;
  /** Seconds each transaction is held open after its append. */
  holdSeconds: number;
  loadSeconds: number;
  databaseTimeoutMs: number;
}

/** What the API said while a transaction held the log back. */
export interface WhileHeld {
  ending: 'commit' | 'rollback';
  /** /health/ready once the hold had lasted past LEDGER_READY_MAX_LAG. */
  readiness: { status: number; body: string };
  /** `ledger_log_held_back_seconds` from /metrics at the same moment. */
  heldBackSeconds: number;
}

const READY_MAX_LAG_SECONDS = 2;

/**
 * Fault 4: a transaction appends to the log through the store's own append and is held open —
 * one then commits, one rolls back — while the writers go on. Events committed after it began
 * are held back from every log reader until it ends; nothing may be skipped (the committed one
 * is in the log, the read models and the seal), nothing may stall after it ends, the rolled-back
 * position is passed over, and readiness names the holder while it lasts.
 */
export async function runHeldTransaction(options: HeldTransactionOptions): Promise<{ verdict: Verdict; whileHeld: WhileHeld[] }> {
  const { verdict, injected } = await runFault({ ...options, apiEnvironment: { LEDGER_READY_MAX_LAG: String(READY_MAX_LAG_SECONDS) } }, async (ledger) => {
    const whileHeld: WhileHeld[] = [];
    for (const ending of ['commit', 'rollback'] as const) {
      await sleep(options.loadSeconds * 1000);
      whileHeld.push(await holdAnAppend(ledger, ending, options.holdSeconds));
    }
    await sleep(options.loadSeconds * 1000);
    return whileHeld;
  });
  return { verdict, whileHeld: injected };
}

async function holdAnAppend(ledger: FaultLedger, ending: 'commit' | 'rollback', holdSeconds: number): Promise<WhileHeld> {
  const client = new pg.Client({ connectionString: ledger.databaseUrl, application_name: `fault-held-${ending}` });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${ledger.databaseSchema}`);
    await client.query('BEGIN');
    const organisationId = `fault-held-${ending}-${randomUUID().slice(0, 8)}`;
    const idempotencyKey = `held-${organisationId}`;
    const store = new SqlEventStore(inTransaction(client, ledger.databaseSchema));
    const { positions } = await store.append(
      organisationStreamId(organisationId),
      [{
        eventId: randomUUID(),
        type: 'OrganisationRegistered',
        schemaVersion: 1,
        data: { organisationId, name: 'Held Back Parish Council', kind: 'other', functions: ['bcf'], establishedOn: '2010-03-31T23:00:00.000Z' },
        metadata: { actor: 'fault-checker', correlationId: randomUUID(), idempotencyKey },
      }],
      { expectedVersion: 0 },
    );
    await sleep((READY_MAX_LAG_SECONDS + 1) * 1000);
    const ready = await fetch(`${ledger.api.baseUrl}/health/ready`);
    const metrics = await (await fetch(`${ledger.api.baseUrl}/metrics`, { headers: { authorization: `Bearer ${FAULT_ADMIN_KEY}` } })).text();
    const heldBackSeconds = Number(/^ledger_log_held_back_seconds (\S+)$/m.exec(metrics)?.[1] ?? Number.NaN);
    await sleep(Math.max(0, holdSeconds - READY_MAX_LAG_SECONDS - 1) * 1000);
    await client.query(ending === 'commit' ? 'COMMIT' : 'ROLLBACK');
    if (ending === 'commit') ledger.client.recordDirect('held-append', idempotencyKey, positions[0]);
    return { ending, readiness: { status: ready.status, body: await ready.text() }, heldBackSeconds };
  } finally {
    await client.end();
  }
}

/** The store's SQL on one connection inside its open transaction. */
function inTransaction(client: pg.Client, schema: string): Database {
  const session: SqlSession = {
    query: async <Row>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as Row[],
    execScript: async (text: string) => void (await client.query(text)),
    copyIn: () => Promise.reject(new Error('no COPY on a held transaction')),
  };
  return {
    kind: 'postgres',
    schema,
    ...session,
    transaction: async (work) => work(session),
    onSchema: () => Promise.reject(new Error('not on a held transaction')),
    listen: () => Promise.reject(new Error('not on a held transaction')),
    close: async () => undefined,
  };
}
