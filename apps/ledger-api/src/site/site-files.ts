import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the site's files are: its templates and scripts, its stylesheet as built, and GOV.UK Frontend's. */
export interface SiteFiles {
  /** The repository's `site/views`: the pages' Nunjucks templates. */
  views: string;
  /** The repository's `site/assets`: the site's own script and icon. */
  assets: string;
  /** `dist/site`: the stylesheet `npm run build` compiles from `site/styles`. */
  builtAssets: string;
  /** GOV.UK Frontend's `dist` folder: its templates (`govuk/…`), script and assets. */
  govukFrontend: string;
}

/** The repository's root: the folder above this file (source or build) that holds `site/` beside a package.json. */
function repositoryRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(directory, 'site', 'views')) && existsSync(join(directory, 'package.json'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) throw new Error('No site/views folder beside a package.json above ' + fileURLToPath(import.meta.url));
    directory = parent;
  }
}

export function siteFiles(): SiteFiles {
  const root = repositoryRoot();
  const govukFrontend = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
  return { views: join(root, 'site', 'views'), assets: join(root, 'site', 'assets'), builtAssets: join(root, 'dist', 'site'), govukFrontend };
}
