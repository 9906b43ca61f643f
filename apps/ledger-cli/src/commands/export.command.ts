import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { count, ProgressLine } from '../terminal.js';

/** `ledger export --url --key [--out]`: the sealed log and its checkpoints as NDJSON, streamed. */
export function exportCommand(program: Command): void {
  program
    .command('export')
    .description('save the sealed log and its signed checkpoints as NDJSON (to stdout unless --out), streamed: constant memory for any log')
    .requiredOption('--url <base>', 'the API, e.g. http://127.0.0.1:3000', process.env.LEDGER_URL)
    .requiredOption('--key <key>', 'an auditor (or admin) API key; or LEDGER_API_KEY', process.env.LEDGER_API_KEY)
    .option('--out <file>', 'where to save it')
    .option('--from-leaf <n>', 'the first leaf to export', '0')
    .action(async (options: { url: string; key: string; out?: string; fromLeaf: string }) => {
      const base = options.url.replace(/\/+$/, '');
      // Everything sealed now is signed first: an export holds only what a checkpoint covers.
      const signed = await fetch(`${base}/v1/ledger/checkpoints`, { method: 'POST', headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' }, body: '{}' });
      if (!signed.ok && signed.status !== 404) throw new Error(`POST /v1/ledger/checkpoints answered ${signed.status}\n${await signed.text()}`);
      const response = await fetch(`${base}/v1/ledger/export?fromLeaf=${Number(options.fromLeaf)}`, {
        headers: { authorization: `Bearer ${options.key}`, accept: 'application/x-ndjson' },
      });
      if (!response.ok || !response.body) throw new Error(`GET /v1/ledger/export answered ${response.status}\n${await response.text()}`);
      const progress = new ProgressLine();
      let leaves = 0;
      const counted = async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) leaves += 1;
          progress.update(`exporting: ${count(leaves)} lines`);
          yield chunk;
        }
      };
      const target = options.out ? createWriteStream(options.out) : process.stdout;
      await pipeline(response.body as unknown as AsyncIterable<Uint8Array>, counted, target);
      progress.done();
      if (options.out) console.error(`exported ${count(leaves)} lines to ${options.out}`);
    });
}
