/**
 * The website's pages under load, each against the JSON read of the same data in the same run.
 *
 * On the PostgreSQL named by BENCH_DATABASE_URL (default the local `test` database), on the ledger of
 * `npm run bench:read` (about 200,000 events, made through the API's commands in a schema of its
 * own; `BENCH_SCHEMA=<name>` keeps it for the next run, `BENCH_PROPOSALS` scales it down): the read
 * models are rebuilt, the API starts as its own process, and 20 autocannon connections read for
 * 10 s each, as an anonymous member of the public, after 5 s of each read unmeasured (so that the
 * first read measured does not pay for compiling its code and loading its pages alone):
 *   - a decision page `/proposals/{id}/decisions/{ratificationId}` against `/v1/proposals/{id}`;
 *   - a body's decisions register `/bodies/{id}/decisions` against `/v1/bodies/{id}/decisions?limit=25`;
 *   - a proposal page `/proposals/{id}` against `/v1/proposals/{id}`.
 * Last line: `RESULT site decision_p99_ms=<n> register_p99_ms=<n> page/json=<r>`, page/json being the
 * lowest of the three ratios of requests/s. Not a test.
 */
import type { ChildProcess } from 'node:child_process';
import { SqlEventStore } from '@ledger/event-store';
import { READ_MODEL_PROJECTIONS, rebuildReadModels } from '@ledger/read-models';
import { SealedLog, Sealer } from '@ledger/verifiable-log';
import { stopApiProcess } from './api-process.js';
import { cannon, committee, dropBenchSchema, openBenchLedger, ORGANISATIONS, progress, sealedLogReadBack, startApi, warmUp, type Latency } from './read-ledger.js';

const random = (count: number) => Math.floor(Math.random() * count);

async function pair(label: string, page: () => string, json: () => string, apiPid: number): Promise<{ page: Latency; json: Latency; ratio: number }> {
  await warmUp(page, null);
  await warmUp(json, null);
  const measuredPage = await cannon(`page ${label}`, page, null, apiPid);
  const measuredJson = await cannon(`JSON ${label}`, json, null, apiPid);
  const ratio = measuredPage.rps / measuredJson.rps;
  console.log(`  page/json = ${ratio.toFixed(3)}`);
  return { page: measuredPage, json: measuredJson, ratio };
}

async function main(): Promise<void> {
  const { database, schema, kept, proposals } = await openBenchLedger('bench_site');
  let api: ChildProcess | undefined;
  try {
    const store = new SqlEventStore(database);
    await new Sealer(database, store, 2_000).catchUp();
    const rebuilt = await rebuildReadModels(new SealedLog(database, store), database, READ_MODEL_PROJECTIONS, ({ events: done }) => progress(`rebuilding the read models: ${done.toLocaleString('en-GB')} events`));
    progress('');
    console.log(`read models rebuilt into ${rebuilt.schema} in ${rebuilt.seconds.toFixed(1)} s`);
    api = await startApi(schema);
    await sealedLogReadBack();

    const proposal = () => `bench-proposal-${random(proposals)}`;
    const decisionPage = () => {
      const id = proposal();
      return `/proposals/${id}/decisions/${id}-r1`;
    };
    const registerPage = () => `/bodies/${committee(random(ORGANISATIONS), 1)}/decisions`;
    const decisions = await pair('decision /proposals/{id}/decisions/{rid}', decisionPage, () => `/v1/proposals/${proposal()}`, api.pid!);
    const registers = await pair('register /bodies/{id}/decisions', registerPage, () => `/v1/bodies/${committee(random(ORGANISATIONS), 1)}/decisions?limit=25`, api.pid!);
    const proposalPages = await pair('proposal /proposals/{id}', () => `/proposals/${proposal()}`, () => `/v1/proposals/${proposal()}`, api.pid!);
    const lowest = Math.min(decisions.ratio, registers.ratio, proposalPages.ratio);
    console.log(`RESULT site decision_p99_ms=${decisions.page.p99.toFixed(1)} register_p99_ms=${registers.page.p99.toFixed(1)} page/json=${lowest.toFixed(3)}`);
  } finally {
    await stopApiProcess(api);
    if (!kept) await dropBenchSchema(database, schema);
    await database.close();
  }
}

await main();
