import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest, RawServerDefault } from 'fastify';

/** How deep a command's JSON may nest: a ratification, the deepest, nests four levels. */
export const MAX_JSON_DEPTH = 32;
/** The longest list any command takes (an API key's bodies); each field's own cap is lower or equal. */
export const MAX_LIST_ITEMS = 500;
/** The longest text any command takes (a proposal's summary, a decision's reasons); each field's own cap is lower or equal. */
export const MAX_TEXT_LENGTH = 50_000;

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

/**
 * The first list longer than MAX_LIST_ITEMS or text longer than MAX_TEXT_LENGTH anywhere in a
 * parsed body, said in a sentence; null when there is none. One pass over the value, so that it is
 * refused before the validators do work that grows with the square of a list (`ArrayUnique`).
 */
export function oversizedPart(body: unknown): string | null {
  const pending: [value: unknown, path: string][] = [[body, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string' && value.length > MAX_TEXT_LENGTH) return `${path || 'the body'} is ${value.length.toLocaleString('en-GB')} characters long; no field takes more than ${MAX_TEXT_LENGTH.toLocaleString('en-GB')}.`;
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST_ITEMS) return `${path || 'the body'} holds ${value.length.toLocaleString('en-GB')} items; no list takes more than ${MAX_LIST_ITEMS}.`;
      value.forEach((item, index) => pending.push([item, `${path}[${index}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) pending.push([item, path ? `${path}.${name}` : name]);
    }
  }
  return null;
}

const isJson = (contentType: string | undefined): boolean => /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

const hasBody = (request: FastifyRequest): boolean => request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * The API takes its commands as JSON and nothing else: a body of any other media type under `/v1`
 * is refused with 415 before it is read (a form's encoding, which the website's sign-in takes,
 * would otherwise make a post); JSON nested deeper than MAX_JSON_DEPTH is refused with 400 before
 * it is parsed, so that no request can send the validators into a recursion thousands deep; and a
 * list or text past every field's cap is refused with 400 before the validators see it.
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
    parseJson(request, body.toString('utf8'), (error, parsed) => {
      const oversized = error ? null : oversizedPart(parsed);
      if (oversized) done(new BadRequestException(oversized), undefined);
      else done(error, parsed);
    });
  });
}
