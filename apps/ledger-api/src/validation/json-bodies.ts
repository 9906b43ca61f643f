import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest, RawServerDefault } from 'fastify';
import { refusalOf } from './json-scan.js';

/**
 * The largest body any command takes: every text of the largest command at its cap, in characters
 * of three bytes, comes to under 1 MB. A larger one is refused (413) from its Content-Length,
 * before it is read.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

const isJson = (contentType: string | undefined): boolean => /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

const hasBody = (request: FastifyRequest): boolean => request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * The API takes its commands as JSON and nothing else: a body of any other media type under `/v1`
 * is refused with 415 before it is read (a form's encoding, which the website's sign-in takes,
 * would otherwise make a post); and JSON no command takes (nested too deep, a list or a text past
 * every field's cap: `refusalOf`) is refused with 400 before it is parsed.
 */
export function takeOnlyJsonCommands(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  // A callback hook, not an async one: it runs on every request, and most have no body.
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    if (request.url.startsWith('/v1/') && hasBody(request) && !isJson(request.headers['content-type'])) {
      done(new UnsupportedMediaTypeException(`Commands take a JSON body (Content-Type: application/json), not ${request.headers['content-type'] ?? 'a body without a Content-Type'}.`));
      return;
    }
    done(null, payload);
  });
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit: fastify.initialConfig.bodyLimit }, (request, body, done) => {
    const refusal = refusalOf(body);
    if (refusal) done(new BadRequestException(refusal), undefined);
    else parseJson(request, body.toString('utf8'), done);
  });
}
