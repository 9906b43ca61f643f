import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ledgerPackageRoot } from '@ledger/event-store';

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

export function siteFiles(): SiteFiles {
  const root = ledgerPackageRoot();
  const govukFrontend = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
  return { views: join(root, 'site', 'views'), assets: join(root, 'site', 'assets'), builtAssets: join(root, 'dist', 'site'), govukFrontend };
}
