import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

/** What every answer of the API depends on besides its address: who asks (exempt detail, roles) and what they accept (JSON or CSV). */
const DEPENDS_ON = ['Authorization', 'Accept'];

function varyBy(reply: FastifyReply, names: readonly string[]): void {
  const given = String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const missing = names.filter((name) => !given.some((known) => known.toLowerCase() === name.toLowerCase()));
  if (missing.length > 0) void reply.header('Vary', [...given, ...missing].join(', '));
}

/**
 * The API's answers (`/v1`, `/metrics`) are the caller's own: what an anonymous reader is shown
 * differs from what a scrutiny key is shown, and a list is JSON or CSV by `Accept`. So none is kept
 * by a shared cache or the browser (`Cache-Control: private, no-store`), and each says what it
 * varies by (`Vary: Authorization, Accept`). The website sets its pages' own.
 */
export function keepAnswersPrivate(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      if (request.url.startsWith('/v1/') || request.url === '/metrics') {
        void reply.header('Cache-Control', 'private, no-store');
        varyBy(reply, DEPENDS_ON);
      }
      done(null, payload);
    });
}
