import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata, NewEvent } from './envelope.js';
import { InvalidEventError, NonJsonValueError, PayloadTooLargeError } from './errors.js';

/** The largest `data` an event may carry, measured as its canonical UTF-8 bytes. */
export const MAX_EVENT_DATA_BYTES = 1024 * 1024;

/** The hash a stream's first event chains from. */
export const GENESIS_HASH = '0'.repeat(64);

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,199}$/;

/** An event checked and turned into the exact bytes the store keeps and hashes. */
export interface CanonicalEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  /** RFC 8785 JSON of `{data, eventId, metadata, schemaVersion, streamId, type}`. */
  body: string;
  actor: string | null;
}

/**
 * Checks an event and writes its canonical body (RFC 8785). The body is assembled from the
 * canonical form of each member in the key order RFC 8785 prescribes, so the data is
 * canonicalised once and its size known without a second pass.
 */
export function canonicalEvent(streamId: string, event: NewEvent, index: number, recordedAt: string): CanonicalEvent {
  if (typeof event !== 'object' || event === null) throw new InvalidEventError(index, 'an event must be an object.');
  const eventId = typeof event.eventId === 'string' ? event.eventId.toLowerCase() : event.eventId;
  if (typeof eventId !== 'string' || !UUID_PATTERN.test(eventId)) {
    throw new InvalidEventError(index, `eventId ${JSON.stringify(event.eventId)} is not a UUID.`);
  }
  if (typeof event.type !== 'string' || !EVENT_TYPE_PATTERN.test(event.type)) {
    throw new InvalidEventError(index, `type ${JSON.stringify(event.type)} must be 1–200 letters, digits or "_.:-", starting with a letter.`);
  }
  if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
    throw new InvalidEventError(index, `schemaVersion ${JSON.stringify(event.schemaVersion)} must be a whole number ≥ 1.`);
  }
  if (event.data === undefined) throw new InvalidEventError(index, 'data is missing.');

  const data = canonicalJson(event.data, index, 'data');
  const dataBytes = Buffer.byteLength(data, 'utf8');
  if (dataBytes > MAX_EVENT_DATA_BYTES) throw new PayloadTooLargeError(index, dataBytes, MAX_EVENT_DATA_BYTES);

  const metadata: EventMetadata = { ...(event.metadata ?? {}), recordedAt };
  const body =
    `{"data":${data},"eventId":${JSON.stringify(eventId)},"metadata":${canonicalJson(metadata, index, 'metadata')},` +
    `"schemaVersion":${event.schemaVersion},"streamId":${canonicalJson(streamId, index, 'streamId')},"type":${JSON.stringify(event.type)}}`;
  return { eventId, type: event.type, schemaVersion: event.schemaVersion, body, actor: metadata.actor ?? null };
}

/** The hash that follows `previousHash` for the event at `streamVersion` with this body. */
export function chainHash(previousHash: string, streamVersion: number, body: string): string {
  const version = Buffer.alloc(4);
  version.writeUInt32BE(streamVersion);
  return createHash('sha256').update(Buffer.from(previousHash, 'hex')).update(version).update(body, 'utf8').digest('hex');
}

function canonicalJson(value: unknown, index: number, path: string): string {
  assertJsonSafe(value, index, path);
  try {
    const text = canonicalize(value);
    if (text === undefined) throw new Error('nothing to encode');
    return text;
  } catch (error) {
    throw new NonJsonValueError(index, `${path}: ${(error as Error).message}`);
  }
}

/** Refuses what JSON would silently change: NaN, ±Infinity, bigint, functions, symbols, cycles, undefined in arrays. */
function assertJsonSafe(value: unknown, index: number, path: string, ancestors: object[] = []): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new NonJsonValueError(index, `${path} is ${value}`);
      return;
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new NonJsonValueError(index, `${path} is a ${typeof value}`);
    case 'object': {
      if (value === null) return;
      if (ancestors.includes(value)) throw new NonJsonValueError(index, `${path} refers to itself`);
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return;
      const next = [...ancestors, value];
      if (Array.isArray(value)) {
        value.forEach((item, i) => assertJsonSafe(item, index, `${path}[${i}]`, next));
      } else {
        // An absent optional member (`undefined`) is left out, as JSON does; it reads back absent.
        for (const [key, item] of Object.entries(value)) {
          if (item !== undefined) assertJsonSafe(item, index, `${path}.${key}`, next);
        }
      }
    }
  }
}
