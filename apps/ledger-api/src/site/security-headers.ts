import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every answer: no inline script or style, nothing from elsewhere.
 * The API's reader at /docs (Swagger UI) keeps its inline styles and data: images.
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
 * The headers helmet's middleware sets, asked of it once: they depend on nothing in the request.
 * Their names in lower case, as Fastify keeps them (it lower-cases each name it is given).
 */
function headersOf(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  middleware({ headers: {} } as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * What the JSON API's answers carry: the OWASP REST Security Cheat Sheet's set. An answer of
 * data is never a page to frame, run script in or send a referrer from, so its policy allows
 * nothing; the headers that protect HTML in older browsers (X-XSS-Protection, X-Download-Options,
 * X-DNS-Prefetch-Control, X-Permitted-Cross-Domain-Policies, Origin-Agent-Cluster, the
 * cross-origin policies) are for the site's pages. Every header on every answer costs the
 * cheapest reads measurably (`npm run bench:guards`).
 */
const API_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Which answers carry which headers: the JSON API's, the site's pages and files, the API's reader at /docs. */
function headersFor(url: string): 'api' | 'site' | 'docs' {
  if (url.startsWith('/v1/') || url.startsWith('/health/') || url.startsWith('/metrics')) return 'api';
  return url.startsWith('/docs') ? 'docs' : 'site';
}

type HeaderSet = Record<string, string>;

const HSTS = 'strict-transport-security';
const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/** A set as sent over plain HTTP, and the same with Strict-Transport-Security over HTTPS (RFC 6797 §7.2: only there). */
function overEither(headers: HeaderSet): { http: HeaderSet; https: HeaderSet } {
  return { http: headers, https: { ...headers, [HSTS]: HSTS_VALUE } };
}

/**
 * Security headers on every answer, asked of helmet once, at start, and set as Fastify's own: per
 * request, `@fastify/helmet` builds helmet's middleware again and writes through the raw
 * response, which cost the cheapest reads about 80 µs of CPU each (`npm run bench:guards`).
 * - The site's pages and files: helmet's whole set, with the policy above (/docs: with inline
 *   styles and data: images for Swagger UI).
 * - The JSON API's answers (`/v1`, `/health`, `/metrics`): `API_HEADERS`.
 * - Strict-Transport-Security only on answers sent over HTTPS (RFC 6797 §7.2: never over plain
 *   HTTP); behind a proxy that terminates TLS, set LEDGER_TRUST_PROXY so that its
 *   `X-Forwarded-Proto` tells.
 */
export function sendSecurityHeaders(app: NestFastifyApplication): void {
  const headers = {
    site: overEither(headersOf(helmet({ contentSecurityPolicy: { useDefaults: false, directives: SITE_POLICY }, strictTransportSecurity: false }))),
    docs: overEither(headersOf(helmet({ contentSecurityPolicy: { useDefaults: false, directives: DOCS_POLICY }, strictTransportSecurity: false }))),
    api: overEither(API_HEADERS),
  };
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      const set = headers[headersFor(request.url)];
      void reply.headers(request.protocol === 'https' ? set.https : set.http);
      done();
    });
}
