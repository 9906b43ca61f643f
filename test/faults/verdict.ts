import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { compareLogPositions, isLogPosition, type LogPosition } from '@ledger/event-store';
import { verifyConsistency } from '@ledger/verifiable-log';
import { ledger } from '../ledger-cli.js';
import { outcomeOf, type Operation } from './operations.js';

interface LoggedEvent {
  position: string;
  streamId: string;
  type: string;
  metadata: { idempotencyKey?: string; actor: string };
}

/** What the checker found; a run passes only when every list is empty and every check holds. */
export interface Verdict {
  ops: number;
  ok: number;
  failed: number;
  indeterminate: number;
  /** Commands that took more than one attempt (retried with their key after an indeterminate one). */
  retried: number;
  /** The longest any attempt waited for its answer (or for the client's timeout), in ms, and which it was. */
  longestAttemptMs: number;
  longestAttempt: string;
  /** Acknowledged commands whose events are not in the log. */
  lost: string[];
  /** Commands recorded twice, or a retry that answered other than the first answer. */
  duplicated: string[];
  /** Events in the log that no command attempted. */
  unexpected: string[];
  /** Commands of the workload, all valid, that were refused (a retry answered 409 for what it recorded, say). */
  refused: string[];
  /** Read models after the run equal a rebuild of the same log. */
  rebuildEqual: boolean;
  /** `ledger verify --url` passed, and every checkpoint seen is consistent with the latest (and no size had two roots). */
  verified: boolean;
  problems: string[];
}

export function passed(verdict: Verdict): boolean {
  return verdict.lost.length + verdict.duplicated.length + verdict.unexpected.length + verdict.refused.length === 0 && verdict.rebuildEqual && verdict.verified && verdict.indeterminate === 0;
}

/** `RESULT faults <name> …`, one line per fault, as `npm run bench:faults` prints it. */
export function resultLine(name: string, verdict: Verdict, recoverySeconds: number): string {
  return `RESULT faults ${name} ops=${verdict.ops} ok=${verdict.ok} retried=${verdict.retried} indeterminate=${verdict.indeterminate} lost=${verdict.lost.length} duplicated=${verdict.duplicated.length} unexpected=${verdict.unexpected.length} refused=${verdict.refused.length} rebuild_equal=${verdict.rebuildEqual} verify=${verdict.verified} recovery_s=${recoverySeconds.toFixed(1)}`;
}

/**
 * Keeps every signed checkpoint it sees while a fault run goes on, so that afterwards each can be
 * proven a prefix of the latest, and no tree size is seen with two roots.
 */
export class CheckpointWatch {
  readonly roots = new Map<number, Set<string>>();
  private readonly stop = new AbortController();
  private readonly watching: Promise<void>;

  constructor(private readonly baseUrl: () => string) {
    this.watching = this.watch();
  }

  private async watch(): Promise<void> {
    while (!this.stop.signal.aborted) {
      await this.look().catch(() => undefined);
      await sleep(300, undefined, { signal: this.stop.signal }).catch(() => undefined);
    }
  }

  async look(): Promise<void> {
    const response = await fetch(`${this.baseUrl()}/v1/ledger/checkpoint`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return;
    const { treeSize, rootHash } = (await response.json()) as { treeSize: number; rootHash: string };
    this.roots.set(treeSize, (this.roots.get(treeSize) ?? new Set()).add(rootHash));
  }

  async finish(): Promise<void> {
    this.stop.abort();
    await this.watching;
  }
}

/**
 * Judges a fault run once the faults are over: reads the whole log through `/v1/events` and
 * compares it with the history of commands; re-sends every answered command with its key, which
 * must answer exactly as the first time; lets the read models catch up and compares them with a
 * rebuild of the same log; verifies the sealed log and every checkpoint seen.
 */
export async function judge(
  history: readonly Operation[],
  ledgerAt: { baseUrl: string; apiKey: string; databaseUrl: string; databaseSchema: string } | { baseUrl: string; apiKey: string; compareRebuild: (last: string | undefined, problems: string[]) => Promise<boolean> },
  checkpoints: CheckpointWatch,
): Promise<Verdict> {
  const problems: string[] = [];
  await untilReadersSee(ledgerAt, lastAnswered(history));
  const log = await readWholeLog(ledgerAt.baseUrl, ledgerAt.apiKey);
  const byKey = new Map<string, LoggedEvent[]>();
  const unexpected: string[] = [];
  const keys = new Set(history.map((operation) => operation.idempotencyKey));
  for (const event of log) {
    const key = event.metadata.idempotencyKey;
    if (key === undefined || !keys.has(key)) {
      unexpected.push(`${event.type} at ${event.position} (key ${key ?? 'none'})`);
      continue;
    }
    byKey.set(key, [...(byKey.get(key) ?? []), event]);
  }

  const lost: string[] = [];
  const duplicated: string[] = [];
  const refused: string[] = [];
  for (const operation of history) {
    const events = byKey.get(operation.idempotencyKey) ?? [];
    const label = `#${operation.id} ${operation.kind} ${operation.path} (${operation.idempotencyKey})`;
    const streams = new Map<string, Set<string>>();
    for (const event of events) streams.set(event.streamId, (streams.get(event.streamId) ?? new Set()).add(event.position.split(':')[0]));
    for (const [streamId, transactions] of streams) if (transactions.size > 1) duplicated.push(`${label}: appended to ${streamId} in ${transactions.size} transactions`);
    const outcome = outcomeOf(operation);
    if (outcome === 'failed') refused.push(`${label}: ${operation.answer!.status} ${JSON.stringify(operation.answer!.body).slice(0, 300)}`);
    if (outcome !== 'ok') continue;
    const position = operation.answer!.body?.position as string | undefined;
    if (!position || !events.some((event) => event.position === position)) lost.push(`${label}: answered ${position}, not in the log under its key`);
    if (operation.direct) continue;
    const again = await resend(ledgerAt, operation);
    if (again.status !== operation.answer!.status || JSON.stringify(again.body) !== JSON.stringify(operation.answer!.body)) {
      duplicated.push(`${label}: the retry answered ${again.status} ${JSON.stringify(again.body).slice(0, 200)}, the first ${JSON.stringify(operation.answer!.body).slice(0, 200)}`);
    }
  }

  const last = log.at(-1)?.position;
  const rebuildEqual = 'compareRebuild' in ledgerAt ? await ledgerAt.compareRebuild(last, problems) : await readModelsEqualRebuild(ledgerAt, last, problems);
  const verified = await sealVerifies(ledgerAt, checkpoints, problems);
  const counts = { ok: 0, failed: 0, indeterminate: 0 };
  for (const operation of history) counts[outcomeOf(operation)] += 1;
  const attempts = history.flatMap((operation) => operation.attempts.map((attempt) => ({ operation, attempt })));
  const longest = attempts.reduce<(typeof attempts)[number] | undefined>((slowest, each) => (!slowest || each.attempt.ms > slowest.attempt.ms ? each : slowest), undefined);
  const longestAttemptMs = longest?.attempt.ms ?? 0;
  const longestAttempt = longest ? `#${longest.operation.id} ${longest.operation.kind}: ${longest.attempt.status ?? longest.attempt.error}` : '';
  const retried = history.filter((operation) => operation.attempts.length > 1).length;
  return { ops: history.length, ...counts, retried, longestAttemptMs, longestAttempt, lost, duplicated, unexpected, refused, rebuildEqual, verified, problems };
}

/** The latest position any command was answered with. */
function lastAnswered(history: readonly Operation[]): LogPosition | undefined {
  const positions = history.map((operation) => operation.answer?.body?.position).filter((position): position is LogPosition => isLogPosition(position));
  return positions.sort(compareLogPositions).at(-1);
}

/**
 * Waits until the log's readers see this position. The log is read in commit-safe order: no reader
 * passes a transaction still open (the projector's, the sealer's), so just after the load a command
 * answered may not yet be readable, though it is kept. The read models include it only once the
 * log's readers have passed it: `minPosition` waits for that.
 */
async function untilReadersSee(ledgerAt: { baseUrl: string; apiKey: string }, position: LogPosition | undefined): Promise<void> {
  if (!position) return;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250)) {
    const response = await fetch(`${ledgerAt.baseUrl}/v1/audit?limit=1&minPosition=${position}`, { headers: { authorization: `Bearer ${ledgerAt.apiKey}` } });
    await response.text();
    if (response.ok) return;
  }
  throw new Error(`the log's readers did not reach ${position}, the last position answered, within 60 s`);
}

async function readWholeLog(baseUrl: string, apiKey: string): Promise<LoggedEvent[]> {
  const response = await fetch(`${baseUrl}/v1/events`, { headers: { authorization: `Bearer ${apiKey}`, accept: 'application/x-ndjson' } });
  if (!response.ok) throw new Error(`GET /v1/events answered ${response.status}: ${await response.text()}`);
  return (await response.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as LoggedEvent);
}

async function resend(ledgerAt: { baseUrl: string; apiKey: string }, operation: Operation): Promise<{ status: number; body: unknown }> {
  const response = await fetch(ledgerAt.baseUrl + operation.path, {
    method: 'POST',
    headers: { authorization: `Bearer ${ledgerAt.apiKey}`, 'content-type': 'application/json', 'idempotency-key': operation.idempotencyKey },
    body: JSON.stringify(operation.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

type Query = <Row>(text: string, params?: unknown[]) => Promise<Row[]>;

/** Every read-model table of the active generation, each as one digest (the projector's checkpoint and the migrations record aside). */
export async function readModelDigests(query: Query, schema: string): Promise<Map<string, string>> {
  const [active] = await query<{ schema_name: string }>(`SELECT schema_name FROM ${schema}.ledger_read_model_generations WHERE active`);
  const tables = await query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name NOT IN ('projection_checkpoint', 'ledger_migrations') ORDER BY table_name`,
    [active.schema_name],
  );
  const digests = new Map<string, string>();
  for (const { table_name } of tables) {
    const [row] = await query<{ digest: string; count: string }>(
      `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest, count(*)::text AS count FROM ${active.schema_name}.${table_name} t`,
    );
    digests.set(table_name, `${row.count} rows ${row.digest}`);
  }
  return digests;
}

/** The tables whose digests differ, as the checker reports them (empty when the read models equal the rebuild). */
export function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const tables = new Set([...before.keys(), ...after.keys()]);
  return [...tables].filter((table) => before.get(table) !== after.get(table)).map((table) => `read model ${table}: ${before.get(table)} after the run, ${after.get(table)} rebuilt`);
}

/** Waits until the read models include `last` (a read with minPosition); notes it when they do not. */
export async function untilReadModelsInclude(ledgerAt: { baseUrl: string; apiKey: string }, last: string | undefined, problems: string[]): Promise<void> {
  if (!last) return;
  const caughtUp = await fetch(`${ledgerAt.baseUrl}/v1/proposals?limit=1&minPosition=${encodeURIComponent(last)}`, { headers: { authorization: `Bearer ${ledgerAt.apiKey}` } });
  if (!caughtUp.ok) problems.push(`the read models did not reach ${last}: ${caughtUp.status} ${await caughtUp.text()}`);
}

async function readModelsEqualRebuild(ledgerAt: { baseUrl: string; apiKey: string; databaseUrl: string; databaseSchema: string }, last: string | undefined, problems: string[]): Promise<boolean> {
  await untilReadModelsInclude(ledgerAt, last, problems);
  const client = new pg.Client({ connectionString: ledgerAt.databaseUrl });
  await client.connect();
  const query: Query = async <Row>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as Row[];
  try {
    const before = await readModelDigests(query, ledgerAt.databaseSchema);
    const rebuilt = await ledger(['rebuild'], { DATABASE_URL: ledgerAt.databaseUrl, DATABASE_SCHEMA: ledgerAt.databaseSchema });
    if (rebuilt.code !== 0) {
      problems.push(`ledger rebuild failed: ${rebuilt.stderr || rebuilt.stdout}`);
      return false;
    }
    const differing = differences(before, await readModelDigests(query, ledgerAt.databaseSchema));
    problems.push(...differing);
    return differing.length === 0;
  } finally {
    await client.end();
  }
}

async function sealVerifies(ledgerAt: { baseUrl: string; apiKey: string }, checkpoints: CheckpointWatch, problems: string[]): Promise<boolean> {
  const headers = { authorization: `Bearer ${ledgerAt.apiKey}` };
  const issued = await fetch(`${ledgerAt.baseUrl}/v1/ledger/checkpoints`, { method: 'POST', headers });
  if (!issued.ok) problems.push(`a checkpoint could not be signed now: ${issued.status} ${await issued.text()}`);
  await checkpoints.look();
  await checkpoints.finish();
  let holds = issued.ok;
  for (const [size, roots] of checkpoints.roots) {
    if (roots.size > 1) {
      problems.push(`tree size ${size} was signed with ${roots.size} roots`);
      holds = false;
    }
  }
  const latest = Math.max(...checkpoints.roots.keys());
  const latestRoot = Buffer.from([...checkpoints.roots.get(latest)!][0], 'hex');
  for (const [size, roots] of checkpoints.roots) {
    if (size === latest || size === 0) continue;
    const response = await fetch(`${ledgerAt.baseUrl}/v1/ledger/proofs/consistency?fromSize=${size}&toSize=${latest}`, { headers });
    const { proof } = (await response.json()) as { proof: string[] };
    if (!verifyConsistency(size, latest, proof.map((hash) => Buffer.from(hash, 'hex')), Buffer.from([...roots][0], 'hex'), latestRoot)) {
      problems.push(`the checkpoint of ${size} leaves is not a prefix of the latest (${latest})`);
      holds = false;
    }
  }
  const verify = await ledger(['verify', '--url', ledgerAt.baseUrl, '--key', ledgerAt.apiKey], {});
  if (verify.code !== 0) problems.push(`ledger verify --url failed: ${verify.stdout}${verify.stderr}`);
  return holds && verify.code === 0;
}
