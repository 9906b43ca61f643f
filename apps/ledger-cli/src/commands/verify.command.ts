import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { ExportVerifier, type VerificationReport } from '@ledger/verifiable-log';
import { count, ProgressLine } from '../terminal.js';
import { readTrustAnchors } from '../trust-anchors.js';

/**
 * `ledger verify <export> [--checkpoint <file>] [--public-key <file>]`, offline, or
 * `ledger verify --url --key` against a running ledger: exit 0 when everything holds, else 1
 * naming the first bad leaf and why.
 */
export function verifyCommand(program: Command): void {
  program
    .command('verify')
    .description('verify an export offline (or a running ledger with --url): leaf hashes, chains, roots, signatures; exit 1 naming the first bad leaf')
    .argument('[export]', 'an export file (from ledger export)')
    .option('--checkpoint <file>', 'a signed checkpoint you kept: the log must extend it')
    .option('--public-key <file>', 'the verifier key you kept (<name>+<id>+<key>)')
    .option('--url <base>', 'verify a running ledger instead of a file', process.env.LEDGER_URL)
    .option('--key <key>', 'an auditor (or admin) API key, with --url; or LEDGER_API_KEY', process.env.LEDGER_API_KEY)
    .action(async (file: string | undefined, options: { checkpoint?: string; publicKey?: string; url?: string; key?: string }) => {
      const verifier = new ExportVerifier(await readTrustAnchors(options));
      const lines = createInterface({ input: await source(file, options), crlfDelay: Infinity });
      const progress = new ProgressLine();
      const started = performance.now();
      let read = 0;
      for await (const line of lines) {
        read += 1;
        if (read % 10_000 === 0) progress.update(`verifying: ${count(read)} lines`);
        if (!verifier.accept(line)) break;
      }
      progress.done();
      report(verifier.finish(), (performance.now() - started) / 1000, file ?? `the export of ${options.url}`);
    });
}

async function source(file: string | undefined, options: { url?: string; key?: string }): Promise<NodeJS.ReadableStream> {
  if (file) return createReadStream(file);
  if (!options.url || !options.key) throw new Error('Give an export file, or --url and --key of a running ledger.');
  const response = await fetch(`${options.url.replace(/\/+$/, '')}/v1/ledger/export`, { headers: { authorization: `Bearer ${options.key}`, accept: 'application/x-ndjson' } });
  if (!response.ok || !response.body) throw new Error(`GET /v1/ledger/export answered ${response.status}\n${await response.text()}`);
  return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
}

/** The verdict; a failure's line is a line of `exported` (the file, or the export of a running ledger). */
function report(result: VerificationReport, seconds: number, exported: string): void {
  for (const note of result.notes) console.log(`note: ${note}`);
  if (result.valid) {
    console.log(`verified: ${count(result.leaves)} leaves and ${count(result.checkpoints)} signed checkpoints hold (${count(result.leaves / Math.max(seconds, 0.001))} leaves/s).`);
    return;
  }
  const line = `line ${result.failure!.line} of ${exported}`;
  const where = result.failure!.leafIndex === null ? line : `leaf ${result.failure!.leafIndex} (${line})`;
  console.log(`NOT VERIFIED at ${where}: ${result.failure!.reason}`);
  process.exitCode = 1;
}
