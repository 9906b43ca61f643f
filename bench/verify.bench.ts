/**
 * Sealing, exporting and verifying a 100,000-event ledger, on the PostgreSQL named by
 * BENCH_DATABASE_URL (default the local `test` database), in a fresh schema dropped at the end:
 * events appended straight to the store (1,000 proposal streams of 100 ratification-sized events),
 * sealed, a checkpoint signed, the export written to a file, then verified offline — against a
 * baseline read of the same file (each line read and JSON-parsed, nothing checked) in the same run.
 * Last line: `RESULT verify_eps=<n> verify/read=<r> seal_eps=<n> export_eps=<n>`. Not a test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { migrate, PostgresDatabase, SqlEventStore, type NewEvent } from '@ledger/event-store';
import { exportLedger, ExportVerifier, LedgerCheckpoints, Sealer } from '@ledger/verifiable-log';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const PER_STREAM = 100;

function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${message}`);
}

const ratification = (proposal: number, version: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'RatificationRecorded',
  schemaVersion: 1,
  data: {
    proposalId: `bench-proposal-${proposal}`,
    ratificationId: `bench-proposal-${proposal}-r${version}`,
    deciderId: 'bench-council-cabinet',
    organisationId: 'bench-council',
    outcome: 'approved',
    decidedOn: '2021-12-13T00:00:00.000Z',
    reasons: 'Within the framework the committee agreed, and within budget.',
    authority: { holderId: 'bench-council-cabinet', chains: [[{ delegationId: 'cabinet-to-committee', fromId: 'bench-council-cabinet', toId: 'bench-committee', scopes: ['adult-social-care'], limitPence: 500_000_000 }]], readAt: [{ streamId: 'scheme-bench-council', version: 37 }] },
  },
  metadata: { actor: 'clerk:bench', correlationId: randomUUID() },
});

async function time<T>(label: string, events: number, work: () => Promise<T>): Promise<{ result: T; eps: number }> {
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const eps = events / seconds;
  progress('');
  console.log(`${label.padEnd(44)} ${Math.round(eps).toLocaleString('en-GB').padStart(9)} events/s (${seconds.toFixed(1)} s)`);
  return { result, eps };
}

async function main(): Promise<void> {
  const schema = `bench_verify_${randomBytes(4).toString('hex')}`;
  const database = await PostgresDatabase.connect({ connectionString: DATABASE_URL, schema, max: 8 });
  const folder = await mkdtemp(join(tmpdir(), 'ledger-verify-'));
  const file = join(folder, 'ledger.ndjson');
  try {
    await migrate(database);
    const store = new SqlEventStore(database);
    let next = 0;
    const streams = Math.ceil(EVENTS / PER_STREAM);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let stream = next++; stream < streams; stream = next++) {
          await store.append(`proposal-bench-proposal-${stream}`, Array.from({ length: PER_STREAM }, (_, version) => ratification(stream, version + 1)), { expectedVersion: 'no-stream' });
          if (stream % 50 === 0) progress(`appending: ${stream * PER_STREAM} events`);
        }
      }),
    );
    progress('');
    console.log(`appended ${EVENTS.toLocaleString('en-GB')} events to ${schema}`);

    const sealer = new Sealer(database, store, 2_000);
    const seal = await time('seal (leaf bytes, hashes, chain, range)', EVENTS, () => sealer.catchUp());
    const checkpoints = await LedgerCheckpoints.open(database, { name: 'decision-ledger.bench' });
    const checkpoint = (await checkpoints.issue())!;
    console.log(`signed a checkpoint of ${checkpoint.treeSize.toLocaleString('en-GB')} leaves`);

    const exported = await time('export to a file', EVENTS, async () => {
      const out = createWriteStream(file);
      for await (const line of exportLedger(database, store, checkpoints)) if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
      out.end();
      await once(out, 'finish');
    });

    const read = await time('baseline: read and parse every line', EVENTS, async () => {
      let lines = 0;
      for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (JSON.parse(line)) lines += 1;
      return lines;
    });
    const verified = await time('verify offline (ledger verify)', EVENTS, async () => {
      const verifier = new ExportVerifier({ verifierKey: checkpoints.verifierKey, checkpointNote: checkpoint.note });
      for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (!verifier.accept(line)) break;
      return verifier.finish();
    });
    if (!verified.result.valid || verified.result.leaves !== EVENTS) throw new Error(`the export did not verify: ${JSON.stringify(verified.result.failure)}`);
    console.log(`verify/read = ${(verified.eps / read.eps).toFixed(3)}`);
    console.log(`RESULT verify_eps=${Math.round(verified.eps)} verify/read=${(verified.eps / read.eps).toFixed(3)} seal_eps=${Math.round(seal.eps)} export_eps=${Math.round(exported.eps)}`);
  } finally {
    await rm(folder, { recursive: true, force: true });
    await database.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await database.close();
  }
}

await main();
