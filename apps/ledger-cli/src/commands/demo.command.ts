import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { ledgerPackageRoot } from '@ledger/event-store';
import { importScenarios } from '../scenarios/scenario-import.js';
import { count, ProgressLine } from '../terminal.js';

/** The papers' facts worth a first look, as pages an anonymous reader may open in a browser. */
const WHERE_TO_LOOK: [string, string][] = [
  ['The ledger’s home page: organisations, their bodies, the latest decisions', '/'],
  ['Wokingham: the Enhanced Section 75 approval route, step by step, two steps still open (seed 000)', '/proposals/wokingham-enhanced-section-75-partnership'],
  ['… a decision on it: the record, the authority relied on as a chain, and whether it still holds', '/proposals/wokingham-enhanced-section-75-partnership/decisions/wbc-corporate-team-2017-05-09'],
  ['Wiltshire: the Alliance Joint Committee and the authority it held on 1 August 2022, from the ICB (seed 001)', '/bodies/wiltshire-alliance-joint-committee?at=2022-08-01'],
  ['… asked on 1 March 2022, before the ICB existed: no', '/authority?holderId=wiltshire-alliance-joint-committee&organisationId=bsw-icb&scopes=bcf&at=2022-03-01'],
  ['Wiltshire: BSW CCG, dissolved at the end of 30 June 2022, and what became of its delegations', '/organisations/bsw-ccg'],
  ['Wirral: the Cabinet decision of 27 November 2017 as the public sees it, the exempt appendix withheld (seed 002)', '/proposals/wirral-integrated-commissioning'],
  ['Wokingham: the Integrated Partnership and who sat on it in November 2018 (seed 003)', '/bodies/wokingham-integrated-partnership?at=2018-11-08'],
  ['Every decision, newest first (seed 004 and the rest)', '/decisions'],
  ['The audit trail: every event, in order, in plain English', '/audit'],
  ['The sealed log: the signed checkpoint and how to verify it (sign in as an auditor to verify a decision in the browser)', '/ledger'],
  ['The JSON API integrations use (OpenAPI)', '/docs'],
];

/**
 * `ledger demo`: a fresh embedded ledger (PGlite in memory) with the five seed scenarios loaded,
 * and where to look. It runs until interrupted.
 */
export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('start a fresh embedded ledger with the five seed scenarios loaded, and say where to look')
    .option('--port <port>', 'where the API listens', process.env.PORT ?? '3000')
    .action(async ({ port }: { port: string }) => {
      const root = ledgerPackageRoot();
      const key = `demo-admin-${randomBytes(24).toString('base64url')}`;
      const url = `http://127.0.0.1:${port}`;
      const api = spawn(process.execPath, [join(root, 'dist', 'apps', 'ledger-api', 'src', 'main.js')], {
        env: { ...process.env, PORT: port, HOST: '127.0.0.1', LEDGER_DATA_DIR: 'memory://', DATABASE_URL: '', LEDGER_BOOTSTRAP_ADMIN_KEY: key, LEDGER_PUBLIC_READ: 'true', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const stopped = once(api, 'exit');
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => api.kill('SIGTERM'));
      try {
        await ready(url, api);
        const folder = join(root, 'scenarios');
        const files = (await readdir(folder)).filter((file) => file.endsWith('.ndjson')).sort().map((file) => join(folder, file));
        const progress = new ProgressLine();
        const result = await importScenarios(files, { url, key }, ({ file, done, calls }) => progress.update(`loading ${file}: ${done}/${calls}`)).finally(() => progress.done());
        // Reads wait until the read models include the last decision loaded.
        if (result.lastPosition) await fetch(`${url}/v1/audit?limit=1&minPosition=${result.lastPosition}`);
        // Sealed and signed now, rather than at the next interval.
        await fetch(`${url}/v1/ledger/checkpoints`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{}' });
        console.log(`Decision Ledger demo: ${count(result.calls)} calls from the ${files.length} seed papers loaded into a fresh embedded ledger at ${url}\n`);
        console.log('Open in a browser (as the public sees it; sign in at /sign-in with the key below to see exempt detail and proofs):');
        for (const [what, path] of WHERE_TO_LOOK) console.log(`  ${what}\n    ${url}${path}`);
        console.log(`\nAdmin API key for this demo: ${key}\nStop with Ctrl-C.`);
      } catch (error) {
        api.kill('SIGTERM');
        throw error;
      }
      await stopped;
    });
}

/** Waits until the API answers /health/ready; fails if it exits first. */
async function ready(url: string, api: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (api.exitCode !== null) throw new Error(`The API exited with code ${api.exitCode} before it was ready (is port ${new URL(url).port} taken?).`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`The API at ${url} was not ready after 30 s.`);
}
