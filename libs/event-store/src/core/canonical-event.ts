import { createHash } from 'node:crypto';
import type { EventMetadata, NewEvent, StoredEvent } from './envelope.js';
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
  /** The data and metadata the body was written from (a store keeping them apart writes these). */
  data: unknown;
  metadata: EventMetadata;
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

  const data = canonicalJson(event.data, index, () => 'data');
  const dataBytes = Buffer.byteLength(data, 'utf8');
  if (dataBytes > MAX_EVENT_DATA_BYTES) throw new PayloadTooLargeError(index, dataBytes, MAX_EVENT_DATA_BYTES);

  const metadata: EventMetadata = { ...(event.metadata ?? {}), recordedAt };
  const body =
    `{"data":${data},"eventId":${JSON.stringify(eventId)},"metadata":${canonicalJson(metadata, index, () => 'metadata')},` +
    `"schemaVersion":${event.schemaVersion},"streamId":${canonicalJson(streamId, index, () => 'streamId')},"type":${JSON.stringify(event.type)}}`;
  return { eventId, type: event.type, schemaVersion: event.schemaVersion, body, actor: metadata.actor ?? null, data: event.data, metadata };
}

/** Where an event read from a SQL store carries its stored bytes: a property no copy, comparison or JSON sees. */
const STORED_BODY = Symbol('stored canonical body');

/**
 * Hands an event over with the canonical bytes its store keeps for it (the SQL stores do), so
 * that `canonicalBodyOf` answers exactly those bytes instead of rebuilding them. They ride on the
 * event itself, as a property neither enumerable nor writable (so a spread copy, `toEqual` and
 * `JSON.stringify` pass them by, as they would a WeakMap's entry). A WeakMap of every event read,
 * whose entries each scavenge walks, held a rebuild back: without it, 1.088 the rate (medians of
 * `bench:compare-rebuild`).
 */
export function withStoredBody<T extends StoredEvent>(event: T, body: string): T {
  return Object.defineProperty(event, STORED_BODY, { value: body });
}

/**
 * The exact bytes a stored event's hash chains over: as its store keeps them, or — from a store
 * that keeps the data and metadata apart (EventStoreDB) — rebuilt from the event as read, which
 * gives the same bytes, canonical JSON being a fixed point of parsing and writing again.
 */
export function canonicalBodyOf(event: StoredEvent): string {
  const stored = (event as { [STORED_BODY]?: string })[STORED_BODY];
  if (stored !== undefined) return stored;
  const { recordedAt, ...metadata } = event.metadata;
  return canonicalEvent(event.streamId, { eventId: event.eventId, type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata }, 0, recordedAt).body;
}

/**
 * The first of these events — consecutive in one stream, the first following `previousHash` —
 * whose stored hash does not follow from the one before and its bytes; null when all hold.
 */
export function firstBrokenLink(events: readonly StoredEvent[], previousHash: string): StoredEvent | null {
  let previous = previousHash;
  for (const event of events) {
    if (chainHash(previous, event.streamVersion, canonicalBodyOf(event)) !== event.hash) return event;
    previous = event.hash;
  }
  return null;
}

/** The hash that follows `previousHash` for the event at `streamVersion` with this body. */
export function chainHash(previousHash: string, streamVersion: number, body: string): string {
  const version = Buffer.alloc(4);
  version.writeUInt32BE(streamVersion);
  return createHash('sha256').update(Buffer.from(previousHash, 'hex')).update(version).update(body, 'utf8').digest('hex');
}

/**
 * RFC 8785 JSON in one pass, refusing what JSON would silently change: NaN, ±Infinity, bigint,
 * functions, symbols, cycles, lone surrogates, undefined in arrays. (An absent optional member —
 * `undefined` in an object — is left out, as JSON does.) Members are ordered by UTF-16 code
 * units and numbers written as ECMAScript writes them, which is what RFC 8785 prescribes; the
 * unit tests hold it to the `canonicalize` library byte for byte. `path` names the value only for
 * a refusal's message, so it is built only then: writing it for every member cost every command
 * as much as the rest of the walk.
 */
function canonicalJson(value: unknown, index: number, path: () => string, ancestors: unknown[] = []): string {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) throw new NonJsonValueError(index, `${path()} holds a lone surrogate`);
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NonJsonValueError(index, `${path()} is ${value}`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (ancestors.includes(value)) throw new NonJsonValueError(index, `${path()} refers to itself`);
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return canonicalJson((value as { toJSON(): unknown }).toJSON(), index, path, ancestors);
      }
      ancestors.push(value);
      let text: string;
      if (Array.isArray(value)) {
        text = `[${value.map((item, i) => canonicalJson(item, index, () => `${path()}[${i}]`, ancestors)).join(',')}]`;
      } else {
        const record = value as Record<string, unknown>;
        let members = '';
        for (const key of Object.keys(record).sort()) {
          if (record[key] === undefined) continue;
          if (!key.isWellFormed()) throw new NonJsonValueError(index, `${path()} has a key with a lone surrogate`);
          members += `${members === '' ? '' : ','}${PLAIN_KEY.test(key) ? `"${key}"` : JSON.stringify(key)}:${canonicalJson(record[key], index, () => `${path()}.${key}`, ancestors)}`;
        }
        text = `{${members}}`;
      }
      ancestors.pop();
      return text;
    }
    default:
      throw new NonJsonValueError(index, `${path()} is ${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}`);
  }
}

/** A key JSON writes as it is, between quotes: letters, digits, `_`, `-`, `.`, `:`. */
const PLAIN_KEY = /^[\w.:-]*$/;
