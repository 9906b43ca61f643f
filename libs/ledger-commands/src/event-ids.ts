import { createHash, randomUUID } from 'node:crypto';

/**
 * The id of the `index`-th event a command appends to a stream. With an idempotency key it is
 * derived from key, stream and index (a UUID in version-5 layout over SHA-256), so a retried
 * command proposes the same ids and the store answers the first append again.
 */
export function eventIdFor(idempotencyKey: string | null, actor: string, streamId: string, index: number): string {
  if (idempotencyKey === null) return randomUUID();
  const hash = createHash('sha256').update(`${actor}\u0000${idempotencyKey}\u0000${streamId}\u0000${index}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
