import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { HttpException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { LedgerEnvironment } from '../configuration/ledger-environment.js';

const MINUTE_MS = 60_000;
/** At most this many addresses are counted for failed keys, the least recent dropped first. */
const ADDRESSES_KEPT = 100_000;

/** Who a request counts against: its API key (as a hash: no secret is kept), or its address when it gives none. */
function callerOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  return header ? `key:${createHash('sha256').update(header).digest('base64url').slice(0, 22)}` : `address:${request.ip}`;
}

/** What nothing limits: liveness and readiness, for the load balancer; the site's static files, which a page load asks for several of. */
const unlimited = (request: FastifyRequest): boolean => request.url.startsWith('/health/') || request.url.startsWith('/assets/');

class TooManyRequests extends HttpException {
  constructor(detail: string) {
    super(detail, 429);
  }
}

/**
 * Limits that hold a flood, checked when a request arrives (Fastify's `onRequest`), before its
 * body is read: so that a flood costs no parsing.
 * - Each API key may make LEDGER_RATE_LIMIT_PER_KEY requests a minute; each address, without a
 *   key, LEDGER_RATE_LIMIT_PER_ADDRESS (`@fastify/rate-limit`). Past either: 429, with
 *   `Retry-After` and the `X-RateLimit-*` headers, as an RFC 9457 problem (answers within the
 *   limit carry none).
 * - An address whose keys failed (401) LEDGER_FAILED_KEYS_PER_MINUTE times in a minute is refused
 *   (429) any request with a key until the minute is out: guessing keys is slowed to a crawl.
 * The counts are each instance's own (in memory): behind N instances a client may make up to N
 * times the limit.
 */
export async function limitRates(app: NestFastifyApplication, environment: LedgerEnvironment): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const perKey = environment.LEDGER_RATE_LIMIT_PER_KEY;
  const perAddress = environment.LEDGER_RATE_LIMIT_PER_ADDRESS;
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: MINUTE_MS,
    keyGenerator: callerOf,
    // Answers within the limit carry no X-RateLimit-* headers: three more headers on every answer
    // cost the cheapest reads measurably, and a client learns the limit from the 429.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    max: (_request, caller) => (caller.startsWith('key:') ? perKey : perAddress),
    allowList: (request, caller) => unlimited(request) || (caller.startsWith('key:') ? perKey : perAddress) === 0,
    errorResponseBuilder: (request, context) =>
      new TooManyRequests(`${request.headers.authorization ? 'This API key' : 'This address'} has made more than ${context.max} requests in a minute; try again in ${context.after}.`),
  });

  const failedKeys = environment.LEDGER_FAILED_KEYS_PER_MINUTE;
  if (failedKeys === 0) return;
  const failures = new LRUCache<string, number>({ max: ADDRESSES_KEPT, ttl: MINUTE_MS, ttlAutopurge: false, updateAgeOnGet: false });
  // Callback hooks, not async ones: they run on every request, and most do nothing.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.headers.authorization || (failures.get(request.ip) ?? 0) < failedKeys) return done();
    void reply.header('Retry-After', String(Math.max(1, Math.ceil(failures.getRemainingTTL(request.ip) / 1000))));
    done(new TooManyRequests(`Keys sent from this address were refused ${failedKeys} times in a minute; no key is taken from it until the minute is out.`));
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (reply.statusCode === 401 && request.headers.authorization) {
      const count = (failures.get(request.ip) ?? 0) + 1;
      // The first failure starts the minute; later ones count within it.
      failures.set(request.ip, count, { ttl: count === 1 ? MINUTE_MS : Math.max(1, failures.getRemainingTTL(request.ip)) });
    }
    done();
  });
}
