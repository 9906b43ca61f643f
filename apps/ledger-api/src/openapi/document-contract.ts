import type { OpenAPIObject } from '@nestjs/swagger';

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;
type ResponseObject = Extract<OperationObject['responses'][string], { description: string }>;
type ParameterObject = Extract<NonNullable<OperationObject['parameters']>[number], { name: string }>;
type SchemaObject = Record<string, unknown>;
import { PROBLEM_CONTENT_TYPE } from '../problems/problem.js';
import { READ_ANSWER_SCHEMAS } from './read-answer-schemas.js';

/** An RFC 9457 problem as the API answers every error (API.md "Errors"). */
const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    code: { type: 'string', description: 'validation_failed, unauthenticated, forbidden, not_found, already_exists, version_conflict, invalid_transition, no_authority, not_on_route, idempotency_key_reused, rate_limited, projection_behind, …' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
    authority: { type: 'object', description: 'With no_authority: why the decider has no authority (the authority check’s answer).' },
  },
};

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemAnswer = (description: string): ResponseObject => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef } } });

/** What every command may be refused with, beside its own 201. */
const COMMAND_REFUSALS: Record<string, string> = {
  400: 'validation_failed: the body or a parameter is not valid (each field named in `errors`), or is over a cap (API.md).',
  401: 'unauthenticated: no API key, or one not known, revoked or expired.',
  403: 'forbidden: the key’s role may not do this, or an integration key acts for a body not on it.',
  404: 'not_found: what the path or body names does not exist.',
  409: 'already_exists, version_conflict or invalid_transition.',
  413: 'payload_too_large: the body is over 1 MB.',
  415: 'unsupported_media_type: a command’s body must be application/json.',
  422: 'no_authority (with `authority`), not_on_route or idempotency_key_reused.',
  429: 'rate_limited: too many requests from this key or address; see Retry-After.',
  503: 'projection_behind, event_store_unavailable or database unavailable; see Retry-After.',
};

/** What every read may be refused with. */
const READ_REFUSALS: Record<string, string> = {
  400: 'validation_failed: a query parameter, cursor or position is not valid.',
  401: 'unauthenticated: a key not known, revoked or expired (or none, where LEDGER_PUBLIC_READ=false).',
  403: 'forbidden: the key’s role may not read this.',
  404: 'not_found.',
  429: 'rate_limited: see Retry-After.',
  503: 'projection_behind: the read models did not reach minPosition in time; see Retry-After.',
};

/** An optional request header the contract names. */
const optionalHeader = (name: string, description: string, schema: SchemaObject): ParameterObject => ({ name, in: 'header', required: false, description, schema });

const LOG_POSITION: SchemaObject = { type: 'string', pattern: '^\\d+:\\d+$' };

const IDEMPOTENCY_KEY = optionalHeader(
  'Idempotency-Key',
  'The same key with the same body answers the first response again and appends nothing; with another body, 422 idempotency_key_reused.',
  { type: 'string', maxLength: 200 },
);

const MIN_POSITION = optionalHeader(
  'X-Ledger-Min-Position',
  'Wait until the read models include this log position (a command’s X-Ledger-Position); at most 5 s, then 503 projection_behind. Same as ?minPosition.',
  LOG_POSITION,
);

const AS_KNOWN_AT = optionalHeader(
  'X-Ledger-As-Known-At',
  'Read a kept replay: the read models as the ledger knew them at this instant (POST /v1/ledger/replays makes one).',
  { type: 'string', format: 'date-time' },
);

const POSITION_HEADER = { 'X-Ledger-Position': { description: 'The log position the command wrote: pass it back as minPosition to read your own write.', schema: LOG_POSITION } };

/**
 * Completes the document Nest generates into the contract integrations generate clients from:
 * the reads' answer schemas (generated from their types), the problem schema on every error,
 * every command's refusals and headers, every read's headers, and which operations take no key.
 * Schemas say `null` as JSON Schema 2020-12 does (OpenAPI 3.1), not with `nullable`.
 */
export function completeContract(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  // A read's answer named like a class Nest describes would be replaced by it, and clients would be generated from the wrong schema.
  const named = Object.keys(READ_ANSWER_SCHEMAS).filter((name) => name in (document.components?.schemas ?? {}) || name === 'Problem');
  if (named.length > 0) throw new Error(`The reads' answer schemas ${named.join(', ')} have the names of other schemas of the document; rename them in read-answers.ts.`);
  document.components.schemas = { ...READ_ANSWER_SCHEMAS, ...document.components.schemas, Problem: PROBLEM_SCHEMA } as Record<string, SchemaObject>;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses ??= {};
      if (path.startsWith('/v1/') && method === 'post') describeCommand(operation);
      if (path.startsWith('/v1/') && method === 'get') describeRead(operation);
      operation.responses.default ??= problemAnswer('Any other refusal or failure, as an RFC 9457 problem.');
      // An operation that names no security takes a key or none (public reads, the site, health).
      operation.security ??= [{ bearer: [] }, {}];
    }
  }
  return withNullAsType(document);
}

function describeCommand(operation: OperationObject): void {
  operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY];
  for (const [status, response] of Object.entries(operation.responses)) {
    if (status.startsWith('2') && response && 'description' in response) response.headers = { ...response.headers, ...POSITION_HEADER };
  }
  refusedWith(operation, COMMAND_REFUSALS);
}

function describeRead(operation: OperationObject): void {
  operation.parameters = [...(operation.parameters ?? []), MIN_POSITION, AS_KNOWN_AT];
  refusedWith(operation, READ_REFUSALS);
}

/** Each refusal as a problem: declared if it is not, and given the problem schema where a route described it in words only. */
function refusedWith(operation: OperationObject, refusals: Record<string, string>): void {
  for (const [status, description] of Object.entries(refusals)) {
    const declared = operation.responses[status];
    if (!declared) operation.responses[status] = problemAnswer(description);
    else if ('description' in declared && !declared.content) declared.content = problemAnswer(description).content;
  }
}

/** `{type: 'string', nullable: true}` → `{type: ['string', 'null']}`, throughout. */
function withNullAsType<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withNullAsType) as T;
  if (value === null || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const result = Object.fromEntries(Object.entries(rest).map(([key, inner]) => [key, withNullAsType(inner)]));
  if (nullable === true) {
    if (typeof result.type === 'string') result.type = [result.type, 'null'];
    else if (result.$ref || result.allOf) return { anyOf: [{ ...result }, { type: 'null' }] } as T;
  }
  return result as T;
}
