import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest, RawServerDefault } from 'fastify';

/** How deep a command's JSON may nest: a ratification, the deepest, nests four levels. */
export const MAX_JSON_DEPTH = 32;

const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/** How deep this JSON nests, read in one pass over its bytes, stopping once past `limit`. */
export function nestingDepth(json: Buffer, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < json.length; index++) {
    const byte = json[index];
    if (inString) {
      if (byte === 0x5c) index++; // \ escapes the next byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (OPEN.has(byte)) {
      deepest = Math.max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (CLOSE.has(byte)) depth--;
  }
  return deepest;
}

const isJson = (contentType: string | undefined): boolean => /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

const hasBody = (request: FastifyRequest): boolean => request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * The API takes its commands as JSON and nothing else: a body of any other media type under `/v1`
 * is refused with 415 before it is read (a form's encoding, which the website's sign-in takes,
 * would otherwise make a post); and JSON nested deeper than MAX_JSON_DEPTH is refused with 400
 * before it is parsed, so that no request can send the validators into a recursion thousands deep.
 */
export function takeOnlyJsonCommands(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preParsing', async (request) => {
    if (request.url.startsWith('/v1/') && hasBody(request) && !isJson(request.headers['content-type'])) {
      throw new UnsupportedMediaTypeException(`Commands take a JSON body (Content-Type: application/json), not ${request.headers['content-type'] ?? 'a body without a Content-Type'}.`);
    }
  });
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit: fastify.initialConfig.bodyLimit }, (request, body, done) => {
    if (nestingDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(new BadRequestException(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels; no command of the ledger needs more than a few.`), undefined);
      return;
    }
    parseJson(request, body.toString('utf8'), done);
  });
}
