import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the ledger's package.json, wherever the build put this file. */
export function packageRoot(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'scenarios'))) return folder;
    if (dirname(folder) === folder) throw new Error('Cannot find the ledger package (a folder with package.json and scenarios/).');
  }
}
