#!/usr/bin/env node
// The `ledger` command: runs the built CLI (`npm install` builds it; `npm run build` after a change).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'apps', 'ledger-cli', 'src', 'main.js');
if (!existsSync(main)) {
  console.error('ledger: the command line is not built yet; run `npm run build` first.');
  process.exit(1);
}
await import(pathToFileURL(main).href);
