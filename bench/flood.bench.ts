/**
 * A flood of the worst bodies a client may send, against the liveness of the process.
 *
 * The API starts as its own process on a fresh schema of the PostgreSQL named by
 * BENCH_DATABASE_URL. First `/health/live` is read alone for 10 s (the baseline); then 20
 * connections send, for 10 s, the worst bodies there are, valid and invalid, while one more
 * connection reads `/health/live`:
 *   - valid: a proposal with 100 scopes and a 50,000-character summary, every field at its cap;
 *   - invalid: 100,000 scopes; 10,000 conflicts of interest; JSON nested 3,000 deep; over 1 MB
 *     (413); a form's encoding (415); a summary of 60,000 characters.
 * Each command must be answered as the flood expects (201 or its refusal), and `/health/live`
 * must stay quick: the event loop is never held by one body.
 * Last line: `RESULT flood live_p99_ms=<n> live_alone_p99_ms=<n> bodies_per_s=<n>`. Not a test.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { PostgresDatabase } from '@ledger/event-store';
import { startApiProcess, stopApiProcess } from './api-process.js';
import { ADMIN_KEY, BASE, CONNECTIONS, DATABASE_URL, dropBenchSchema, PORT, send } from './read-ledger.js';

const SECONDS = 10;
const JSON_HEADERS = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };

const route = [{ organisationId: 'flood-council', bodyId: 'flood-cabinet', requirement: 'approve' }];
const proposal = (id: string, more: Record<string, unknown> = {}) => ({ id, title: 'A proposal at every cap', summary: 's'.repeat(50_000), scopes: Array.from({ length: 100 }, (_, index) => `function-${index}`), keyDecision: false, proposedById: 'flood-cabinet', route, tabledOn: '2018-01-08', ...more });

/** What the flood sends, and the status each must answer. */
const BODIES: { what: string; status: number; contentType?: string; body: (n: number) => string }[] = [
  { what: 'a proposal at every cap', status: 201, body: (n) => JSON.stringify(proposal(`flood-${randomBytes(6).toString('hex')}-${n}`)) },
  { what: '100,000 scopes', status: 400, body: () => JSON.stringify(proposal('flood-scopes', { scopes: Array.from({ length: 100_000 }, (_, index) => `s${index}`) })) },
  { what: '10,000 conflicts of interest', status: 400, body: () => JSON.stringify({ ratificationId: 'flood-r', deciderId: 'flood-cabinet', version: 1, outcome: 'approved', decidedOn: '2018-01-15', conflictsOfInterest: Array.from({ length: 10_000 }, (_, index) => ({ member: `Cllr ${index}`, interest: 'a care provider' })) }) },
  { what: 'JSON nested 3,000 deep', status: 400, body: () => `{"id":"flood-deep","x":${'['.repeat(3000)}${']'.repeat(3000)}}` },
  { what: 'more than 1 MB', status: 413, body: () => JSON.stringify(proposal('flood-large', { summary: 'x'.repeat(1_100_000) })) },
  { what: 'a form', status: 415, contentType: 'application/x-www-form-urlencoded', body: () => 'id=flood-form&title=Form' },
  { what: 'a 60,000-character summary', status: 400, body: () => JSON.stringify(proposal('flood-summary', { summary: 'x'.repeat(60_000) })) },
];

/** Each kind of body made once (the valid one anew each time, for a new id), so that making them costs the load generator little. */
const made = BODIES.map((kind) => kind.body(0));

async function liveLatency(seconds: number): Promise<autocannon.Result> {
  return autocannon({ url: `${BASE}/health/live`, connections: 1, duration: seconds });
}

async function main(): Promise<void> {
  const schema = `bench_flood_${randomBytes(4).toString('hex')}`;
  const database = await PostgresDatabase.connect({ connectionString: DATABASE_URL, schema, max: 2 });
  const api = await startApiProcess(PORT, { DATABASE_URL, DATABASE_SCHEMA: schema, LEDGER_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY });
  try {
    for (const [path, body] of [
      ['/v1/organisations', { id: 'flood-council', name: 'Flood Council', kind: 'local-authority', functions: ['function-0'], establishedOn: '1974-04-01' }],
      ['/v1/bodies', { id: 'flood-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'flood-council', establishedOn: '2000-05-01' }],
    ] as const) {
      const answer = await send('POST', path, body, ADMIN_KEY);
      if (answer.status !== 201) throw new Error(`${path} answered ${answer.status}: ${answer.text}`);
    }
    for (const [index, kind] of BODIES.entries()) {
      const response = await fetch(`${BASE}/v1/proposals${index === 2 ? '/flood-x/ratifications' : ''}`, { method: 'POST', headers: { ...JSON_HEADERS, ...(kind.contentType ? { 'content-type': kind.contentType } : {}) }, body: kind.body(1) });
      if (response.status !== kind.status) throw new Error(`${kind.what} answered ${response.status}, not ${kind.status}: ${(await response.text()).slice(0, 200)}`);
    }

    const alone = await liveLatency(SECONDS);
    console.log(`/health/live alone: ${Math.round(alone.requests.average).toLocaleString('en-GB')} req/s, p99 ${alone.latency.p99} ms`);

    let sent = 0;
    const flood = autocannon({
      url: BASE,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (request) => {
            const index = sent++ % BODIES.length;
            const kind = BODIES[index];
            return {
              ...request,
              method: 'POST',
              path: index === 2 ? '/v1/proposals/flood-x/ratifications' : '/v1/proposals',
              headers: { ...JSON_HEADERS, ...(kind.contentType ? { 'content-type': kind.contentType } : {}) },
              body: index === 0 ? kind.body(sent) : made[index],
            };
          },
        },
      ],
    });
    const live = await liveLatency(SECONDS);
    const result = await flood;
    const unexpected = result.non2xx - Object.entries(result.statusCodeStats ?? {}).filter(([status]) => ['400', '413', '415'].includes(status)).reduce((sum, [, stats]) => sum + (stats as { count: number }).count, 0);
    console.log(`the flood: ${result.requests.total.toLocaleString('en-GB')} bodies in ${SECONDS} s (${Math.round(result.requests.average)} a second), by status ${JSON.stringify(Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, (stats as { count: number }).count])))}, ${result.errors} failed to send`);
    console.log(`/health/live meanwhile: ${Math.round(live.requests.average).toLocaleString('en-GB')} req/s, p50 ${live.latency.p50} ms, p99 ${live.latency.p99} ms, max ${live.latency.max} ms (alone: p99 ${alone.latency.p99} ms)`);
    if (unexpected > 0) throw new Error(`${unexpected} answers were neither 2xx nor the refusals the flood expects`);
    console.log(`RESULT flood live_p99_ms=${live.latency.p99} live_alone_p99_ms=${alone.latency.p99} bodies_per_s=${Math.round(result.requests.average)}`);
  } finally {
    await stopApiProcess(api);
    await dropBenchSchema(database, schema);
    await database.close();
  }
}

await main();
