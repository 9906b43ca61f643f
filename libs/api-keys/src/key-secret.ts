import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Every key the ledger issues starts with this, so that secret scanners (GitHub's, a CI's) can
 * recognise a leaked one: `ledger_<key id>_<secret>`.
 */
export const API_KEY_PREFIX = 'ledger_';

/** The key id: 16 characters of [a-z0-9], public (it names the key in the log), never enough to use the key. */
const KEY_ID = /^[a-z0-9]{16}$/;
const KEY_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A key as presented: its id, when it has the ledger's form, and the hash it is kept as. */
export interface PresentedKey {
  /** Null for a key issued before keys had ids (`dl_…`), found by its hash alone. */
  keyId: string | null;
  hash: string;
}

/** A new key: the id that names it in the log and the whole key, shown once. */
export function generateApiKey(): { keyId: string; key: string } {
  const keyId = Array.from(randomBytes(16), (byte) => KEY_ID_ALPHABET[byte % KEY_ID_ALPHABET.length]).join('');
  return { keyId, key: `${API_KEY_PREFIX}${keyId}_${randomBytes(32).toString('base64url')}` };
}

/** Keys are kept only as this hash. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The key id a presented key carries, or null when it does not have the ledger's form. */
export function keyIdOf(key: string): string | null {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const keyId = key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + 16);
  return KEY_ID.test(keyId) && key[API_KEY_PREFIX.length + 16] === '_' ? keyId : null;
}

export function presentedKey(key: string): PresentedKey {
  return { keyId: keyIdOf(key), hash: hashApiKey(key) };
}

/** Whether two hashes (hex) are the same, in time that does not depend on where they differ. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Roughly how many bits of randomness a secret shows: its length times the Shannon entropy of its
 * characters. `openssl rand -base64 32` shows about 200; `change-me-to-a-long-secret` about 100
 * and a word repeated far less. It cannot prove a secret random, only catch one that is not.
 */
export function apparentEntropyBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const character of secret) counts.set(character, (counts.get(character) ?? 0) + 1);
  const length = [...secret].length;
  let bitsPerCharacter = 0;
  for (const count of counts.values()) bitsPerCharacter -= (count / length) * Math.log2(count / length);
  return bitsPerCharacter * length;
}
