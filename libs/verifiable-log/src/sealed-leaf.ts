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

/** The exact bytes a leaf hashes: RFC 8785 JSON of the sealed event (by the `canonicalize` library). */
export function leafBytes(event: SealedEvent): string {
  const { body, hash, position, streamVersion } = event;
  return canonicalize({ body, hash, position, streamVersion })!;
}

/** The running chain over the leaves starts from 32 zero bytes. */
export const CHAIN_START: Hash = Buffer.alloc(32);

/** The running chain after a leaf: SHA-256(previous ‖ leaf hash). */
export function chainAfter(previous: Hash, leaf: Hash): Hash {
  return createHash('sha256').update(previous).update(leaf).digest();
}

export function sealedLeafHash(bytes: string): Hash {
  return leafHash(Buffer.from(bytes, 'utf8'));
}
