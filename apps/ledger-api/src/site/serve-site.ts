import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import nunjucks from 'nunjucks';
import { sendSecurityHeaders } from './security-headers.js';
import { shareSiteMacros } from './site-macros.js';
import { SiteSessions } from './sign-in/site-sessions.js';
import { siteFiles } from './site-files.js';

/** GOV.UK Frontend's files the pages load, served under /assets beside the site's own. */
const GOVUK_FILES = ['govuk-frontend.min.js', 'govuk-frontend.min.js.map'];

/**
 * Nunjucks works out the path of a relatively imported template (GOV.UK Frontend's macros import
 * each other as `../…`) on every render of every page, and the pages' templates never move: each
 * loader remembers the paths it has worked out. A page of history spent about 60 µs on them.
 */
function rememberTemplatePaths(environment: nunjucks.Environment): void {
  for (const loader of (environment as unknown as { loaders: { resolve(from: string, to: string): string }[] }).loaders) {
    const resolve = loader.resolve.bind(loader);
    const known = new Map<string, Map<string, string>>(); // from → to → path: no key to build on every import
    loader.resolve = (from, to) => {
      let fromHere = known.get(from);
      if (fromHere === undefined) known.set(from, (fromHere = new Map()));
      let path = fromHere.get(to);
      if (path === undefined) fromHere.set(to, (path = resolve(from, to)));
      return path;
    };
  }
}

/**
 * The website for people, beside the JSON API: pages rendered from Nunjucks templates with GOV.UK
 * Frontend's components (its templates, script and assets; the stylesheet `npm run build` compiles
 * from `site/styles`), and security headers on every answer. Call before routes are added (the
 * OpenAPI reader's included), so that every route gets its headers (unless a proxy in front sets
 * them: LEDGER_SECURITY_HEADERS=false).
 */
export async function serveSite(app: NestFastifyApplication, options: { securityHeaders: boolean }): Promise<void> {
  const files = siteFiles();
  const fastify = app.getHttpAdapter().getInstance();
  // A form sent without JavaScript sends its empty fields too (`?from=&to=`): on the site's pages an
  // empty field is no filter. The JSON API keeps refusing an empty value.
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (!request.url.startsWith('/v1/') && request.query !== null && typeof request.query === 'object') {
      const query = request.query as Record<string, unknown>;
      for (const [name, value] of Object.entries(query)) if (value === '') delete query[name];
    }
    done();
  });
  await app.register(fastifyCookie, { secret: app.get(SiteSessions).secret });
  if (options.securityHeaders) sendSecurityHeaders(app);
  app.setViewEngine({
    engine: { nunjucks },
    templates: [files.views, files.govukFrontend],
    options: {
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure: (environment: nunjucks.Environment) => {
        rememberTemplatePaths(environment);
        shareSiteMacros(environment, files.views);
      },
    },
  });
  app.useStaticAssets({
    root: [files.assets, files.builtAssets, join(files.govukFrontend, 'govuk')],
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    allowedPath: (path, root) => root !== join(files.govukFrontend, 'govuk') || GOVUK_FILES.includes(path.replace(/^\//, '')),
    maxAge: '1h',
  });
}
