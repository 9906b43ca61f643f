import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { leafHash, type Hash } from './merkle-tree.js';

/** What a leaf seals of one event: its stored canonical body, its stream chain hash, where it stands. */
export interface SealedEvent {
  /** The event's canonical body exactly as the store keeps and hashes it (RFC 8785 JSON). */
  body: string;
  /** Its stream's hash chain at this event, hex. */
  hash: string;
  /** Its log position, `"<transaction>:<sequence>"`. */
  position: string;
  streamVersion: number;
}

/**
 * The exact bytes a leaf hashes: RFC 8785 JSON of the sealed event. Its members are written in
 * RFC 8785's key order, each string as `JSON.stringify` writes it — what the `canonicalize` library
 * answers, byte for byte (its unit test), without the library scanning the whole body in
 * JavaScript for lone surrogates, which cost a rebuild a tenth of its time. Text with a lone
 * surrogate, which RFC 8785 refuses, still goes to the library, to be refused as before.
 */
export function leafBytes(event: SealedEvent): string {
  const { body, hash, position, streamVersion } = event;
  if (!Number.isSafeInteger(streamVersion) || ![body, hash, position].every((text) => typeof text === 'string' && text.isWellFormed())) {
    return canonicalize({ body, hash, position, streamVersion })!;
  }
  return `{"body":${JSON.stringify(body)},"hash":${JSON.stringify(hash)},"position":${JSON.stringify(position)},"streamVersion":${streamVersion}}`;
}

/** The running chain over the leaves starts from 32 zero bytes. */
export const CHAIN_START: Hash = Buffer.alloc(32);

/** The running chain after a leaf: SHA-256(previous ‖ leaf hash). */
export function chainAfter(previous: Hash, leaf: Hash): Hash {
  return createHash('sha256').update(previous).update(leaf).digest();
}

/** A leaf's hash over the UTF-8 bytes of its text. */
export function sealedLeafHash(bytes: string): Hash {
  return leafHash(bytes);
}
