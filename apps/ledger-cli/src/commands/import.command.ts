import { basename } from 'node:path';
import { type Command } from 'commander';
import { importScenarios } from '../scenarios/scenario-import.js';
import { count, ProgressLine } from '../terminal.js';

/** `ledger import <file…> --url --key`: plays scenario files against a running API. */
export function importCommand(program: Command): void {
  program
    .command('import')
    .description('play scenario files (NDJSON of REST calls) against a running API, stopping at the first refusal')
    .argument('<files...>', 'scenario files, played in the order given')
    .requiredOption('--url <base>', 'the API, e.g. http://127.0.0.1:3000', process.env.LEDGER_URL)
    .requiredOption('--key <key>', 'an API key allowed every command (clerk or admin); or LEDGER_API_KEY', process.env.LEDGER_API_KEY)
    .action(async (files: string[], options: { url: string; key: string }) => {
      const progress = new ProgressLine();
      const result = await importScenarios(files, options, ({ file, done, calls }) => progress.update(`importing ${file}: ${done}/${calls}`)).finally(() => progress.done());
      console.log(`imported ${count(result.calls)} calls from ${files.map((file) => basename(file)).join(', ')}${result.lastPosition ? `; last at log position ${result.lastPosition}` : ''}.`);
    });
}
