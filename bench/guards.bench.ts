/**
 * What the rate limits and the security headers cost: the same reads and commands against two API
 * processes on one ledger, measured in the same run, alternately.
 *
 * On the PostgreSQL named by BENCH_DATABASE_URL (default the local `test` database), in a fresh
 * schema: the ledger `bench:read` loads, scaled down (`BENCH_PROPOSALS`, default 1,000: about
 * 15,000 events), its read models rebuilt. Then two API processes on it, neither running a
 * projector (so that each measures only the requests): **guarded**, as deployed — the rate limits
 * counting every request (limits too high for the benchmark to reach: what they cost is measured,
 * not what they refuse), the failed-key slow-down, helmet's security headers — and **bare**, with
 * `LEDGER_RATE_LIMIT_PER_KEY=0`, `LEDGER_RATE_LIMIT_PER_ADDRESS=0`,
 * `LEDGER_FAILED_KEYS_PER_MINUTE=0` and `LEDGER_SECURITY_HEADERS=false`. Private-answer caching
 * headers stay on in both (they are not optional). For each load — the cheapest read
 * (`/v1/authority/check`), a register (`/v1/ratifications`) and a command (`POST /v1/organisations`)
 * — 20 connections for 5 s per round, twelve rounds in the order guarded, bare, bare, guarded,
 * guarded, bare, … (the machine's speed drifts within a minute), after a warm-up of each.
 * Printed: req/s, p99 and the API's CPU per request of each, and guarded/bare.
 * `BENCH_BARE=limits` (or `headers`) takes only that guard from the bare API, to say what each costs;
 * `BENCH_BARE=none` runs two identical APIs, to see what the comparison itself can tell apart.
 * `BENCH_LOADS=authority` (a comma-separated choice of authority, ratifications, commands) runs only those.
 * `BENCH_PROFILE=<folder>` writes each API's CPU profile there (`node --cpu-prof`), to be compared.
 * Last line: `RESULT guards authority=<r> ratifications=<r> commands=<r>` (guarded/bare req/s).
 * Not a test.
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';

process.env.BENCH_PROPOSALS ??= '1000';
const { SqlEventStore } = await import('@ledger/event-store');
const { READ_MODEL_PROJECTIONS, rebuildReadModels } = await import('@ledger/read-models');
const { SealedLog, Sealer } = await import('@ledger/verifiable-log');
const { startApiProcess, stopApiProcess } = await import('./api-process.js');
const { cpuTimes } = await import('./process-cpu.js');
const { ADMIN_KEY, COMMITTEES, DATABASE_URL, ORGANISATIONS, SCOPES, committee, dropBenchSchema, holderOf, openBenchLedger, organisationId, pick } = await import('./read-ledger.js');

const CONNECTIONS = 20;
const ROUND_SECONDS = 5;
const ORDER = ['guarded', 'bare', 'bare', 'guarded', 'guarded', 'bare', 'bare', 'guarded', 'guarded', 'bare', 'bare', 'guarded'] as const;
type Variant = (typeof ORDER)[number];

/** What the bare API goes without: `BENCH_BARE=limits` or `headers` measures one guard alone (default: both). */
const BARE = process.env.BENCH_BARE ?? 'both';
if (!['both', 'limits', 'headers', 'none'].includes(BARE)) throw new Error(`BENCH_BARE is both, limits, headers or none, not ${BARE}`);
const LIMITS = { LEDGER_RATE_LIMIT_PER_KEY: '100000000', LEDGER_RATE_LIMIT_PER_ADDRESS: '100000000', LEDGER_FAILED_KEYS_PER_MINUTE: '20' };
const NO_LIMITS = { LEDGER_RATE_LIMIT_PER_KEY: '0', LEDGER_RATE_LIMIT_PER_ADDRESS: '0', LEDGER_FAILED_KEYS_PER_MINUTE: '0' };

const VARIANTS: Record<Variant, { port: number; environment: Record<string, string> }> = {
  guarded: { port: 3996, environment: { ...LIMITS, LEDGER_SECURITY_HEADERS: 'true' } },
  bare: { port: 3997, environment: { ...(BARE === 'headers' || BARE === 'none' ? LIMITS : NO_LIMITS), LEDGER_SECURITY_HEADERS: BARE === 'limits' || BARE === 'none' ? 'true' : 'false' } },
};

interface Load {
  label: string;
  method: 'GET' | 'POST';
  /** The path (and body, for a command) of the next request; `variant` keeps two processes' ids apart. */
  next: (variant: Variant) => { path: string; body?: string };
}

interface Totals {
  requests: number;
  seconds: number;
  apiCpuMs: number;
  /** CPU of the load generator (this process) and of PostgreSQL: on a small machine they share the cores with the API. */
  clientCpuMs: number;
  postgresCpuMs: number;
  p99s: number[];
}

async function round(load: Load, variant: Variant, key: string, pid: number, seconds: number): Promise<Totals> {
  const before = cpuTimes(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${VARIANTS[variant].port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: load.method,
        setupRequest: (request) => {
          const { path, body } = load.next(variant);
          return { ...request, path, body, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) } };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${load.label} on the ${variant} API: ${result.non2xx} answers were not 2xx and ${result.errors} failed`);
  const after = cpuTimes(pid);
  return {
    requests: result.requests.total,
    seconds,
    apiCpuMs: after.api - before.api,
    clientCpuMs: after.bench - before.bench,
    postgresCpuMs: after.postgres - before.postgres,
    p99s: [result.latency.p99],
  };
}

async function compare(load: Load, keys: Record<Variant, string>, pids: Record<Variant, number>): Promise<number> {
  for (const variant of ['guarded', 'bare'] as const) await round(load, variant, keys[variant], pids[variant], 3); // warm-up
  const none = (): Totals => ({ requests: 0, seconds: 0, apiCpuMs: 0, clientCpuMs: 0, postgresCpuMs: 0, p99s: [] });
  const totals: Record<Variant, Totals> = { guarded: none(), bare: none() };
  for (const variant of ORDER) {
    const measured = await round(load, variant, keys[variant], pids[variant], ROUND_SECONDS);
    const total = totals[variant];
    Object.assign(total, {
      requests: total.requests + measured.requests,
      seconds: total.seconds + measured.seconds,
      apiCpuMs: total.apiCpuMs + measured.apiCpuMs,
      clientCpuMs: total.clientCpuMs + measured.clientCpuMs,
      postgresCpuMs: total.postgresCpuMs + measured.postgresCpuMs,
      p99s: [...total.p99s, ...measured.p99s],
    });
  }
  const describe = (variant: Variant) => {
    const { requests, seconds, apiCpuMs, clientCpuMs, postgresCpuMs, p99s } = totals[variant];
    const perRequest = (ms: number) => ((ms * 1000) / requests).toFixed(0);
    return `${variant} ${Math.round(requests / seconds).toLocaleString('en-GB').padStart(6)} req/s, p99 ${Math.max(...p99s).toFixed(0)} ms, CPU µs/request: API ${perRequest(apiCpuMs)}, client ${perRequest(clientCpuMs)}, PostgreSQL ${perRequest(postgresCpuMs)}`;
  };
  const ratio = totals.guarded.requests / totals.bare.requests;
  const addedMicroseconds = ((totals.guarded.apiCpuMs / totals.guarded.requests - totals.bare.apiCpuMs / totals.bare.requests) * 1000).toFixed(0);
  console.log(`${load.label.padEnd(40)} ${describe('guarded')} | ${describe('bare')} | guarded/bare ${ratio.toFixed(3)}, ${addedMicroseconds} µs CPU added`);
  return ratio;
}

async function main(): Promise<void> {
  const { database, schema, kept } = await openBenchLedger('bench_guards');
  const processes: ChildProcess[] = [];
  try {
    const store = new SqlEventStore(database);
    await new Sealer(database, store, 2_000).catchUp();
    await rebuildReadModels(new SealedLog(database, store), database, READ_MODEL_PROJECTIONS);
    const pids = {} as Record<Variant, number>;
    for (const variant of ['guarded', 'bare'] as const) {
      const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, `--cpu-prof-name=${variant}.cpuprofile`] : [];
      const api = await startApiProcess(
        VARIANTS[variant].port,
        { DATABASE_URL, DATABASE_SCHEMA: schema, LEDGER_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, LEDGER_RUN_PROJECTOR: 'false', ...VARIANTS[variant].environment },
        profile,
      );
      processes.push(api);
      pids[variant] = api.pid!;
    }
    // One clerk key for both (the keys live in the database they share), issued through the guarded API.
    const issued = await fetch(`http://127.0.0.1:${VARIANTS.guarded.port}/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `bench-guards-${Date.now()}`, role: 'clerk' }),
    });
    const key = ((await issued.json()) as { key: string }).key;
    const keys = { guarded: key, bare: key };

    const pastDate = () => `${2013 + Math.floor(Math.random() * 11)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-15`;
    let registered = 0;
    const run = `${Date.now().toString(36)}`;
    const loads = (process.env.BENCH_LOADS ?? 'authority,ratifications,commands').split(',');
    const authority = !loads.includes('authority') ? NaN : await compare(
      {
        label: 'GET /v1/authority/check',
        method: 'GET',
        next: () => {
          const o = Math.floor(Math.random() * ORGANISATIONS);
          const k = Math.floor(Math.random() * SCOPES.length);
          return { path: `/v1/authority/check?holderId=${pick([holderOf(o, k), committee(o, 1 + (k % COMMITTEES))])}&organisationId=${organisationId(o)}&scopes=${SCOPES[k]}&amountPence=1000000&at=${pastDate()}` };
        },
      },
      keys,
      pids,
    );
    const ratifications = !loads.includes('ratifications') ? NaN : await compare(
      {
        label: 'GET /v1/ratifications?organisationId&from&to',
        method: 'GET',
        next: () => {
          const year = 2018 + Math.floor(Math.random() * 6);
          return { path: `/v1/ratifications?organisationId=${organisationId(Math.floor(Math.random() * ORGANISATIONS))}&from=${year}-01-01&to=${year}-06-30` };
        },
      },
      keys,
      pids,
    );
    const commands = !loads.includes('commands') ? NaN : await compare(
      {
        label: 'POST /v1/organisations',
        method: 'POST',
        next: (variant) => {
          registered += 1;
          const id = `guards-${run}-${variant}-${registered}`;
          return { path: '/v1/organisations', body: JSON.stringify({ id, name: `Guarded Parish ${registered}`, kind: 'other', functions: ['bcf'], establishedOn: '2010-04-01' }) };
        },
      },
      keys,
      pids,
    );
    console.log(`RESULT guards${BARE === 'both' ? '' : ` (bare without ${BARE} only)`} authority=${authority.toFixed(3)} ratifications=${ratifications.toFixed(3)} commands=${commands.toFixed(3)}`);
  } finally {
    for (const api of processes) await stopApiProcess(api);
    if (!kept) await dropBenchSchema(database, schema);
    await database.close();
  }
}

await main();
