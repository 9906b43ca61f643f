import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The ledger's own folder — the one with its package.json and `migrations/` — found by walking up
 * from this file wherever the build put it: where the migrations, scenarios and the website's
 * templates are read from.
 */
export function ledgerPackageRoot(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'migrations'))) return folder;
    if (dirname(folder) === folder) throw new Error(`No migrations/ folder beside a package.json above ${fileURLToPath(import.meta.url)}`);
  }
}
