import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import nunjucks from 'nunjucks';
import { SiteSessions } from './sign-in/site-sessions.js';
import { siteFiles } from './site-files.js';

/** GOV.UK Frontend's files the pages load, served under /assets beside the site's own. */
const GOVUK_FILES = ['govuk-frontend.min.js', 'govuk-frontend.min.js.map'];

/**
 * The site's security headers: helmet's defaults, and a Content-Security-Policy that allows no
 * inline script or style and nothing from elsewhere. The API's reader at /docs (Swagger UI) keeps
 * its inline styles and data: images.
 */
const SITE_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
};
const DOCS_POLICY = { ...SITE_POLICY, 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] };

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
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) (route as { helmet?: unknown }).helmet = { contentSecurityPolicy: { useDefaults: false, directives: DOCS_POLICY } };
  });
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
  if (options.securityHeaders) await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: SITE_POLICY } });
  app.setViewEngine({
    engine: { nunjucks },
    templates: [files.views, files.govukFrontend],
    options: { throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
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
