const BUCKETS = 64;

/**
 * An immutable map from string keys that shares structure between versions: `set` copies one of
 * 64 buckets and the bucket list, not the whole map. Folding a scheme of thousands of events with a
 * plain `new Map(old).set(…)` per event is quadratic; this keeps it close to linear.
 * Iteration order is by bucket, then insertion: the same for every fold of the same events.
 */
export class PersistentMap<V> implements ReadonlyMap<string, V> {
  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(new Array<ReadonlyMap<string, V> | undefined>(BUCKETS).fill(undefined), 0);
  }

  private constructor(
    private readonly buckets: readonly (ReadonlyMap<string, V> | undefined)[],
    readonly size: number,
  ) {}

  get(key: string): V | undefined {
    return this.buckets[bucketOf(key)]?.get(key);
  }

  has(key: string): boolean {
    return this.buckets[bucketOf(key)]?.has(key) ?? false;
  }

  /** A new map with `key` set to `value`; this one is unchanged. */
  set(key: string, value: V): PersistentMap<V> {
    const index = bucketOf(key);
    const bucket = new Map(this.buckets[index]);
    const size = bucket.has(key) ? this.size : this.size + 1;
    bucket.set(key, value);
    const buckets = [...this.buckets];
    buckets[index] = bucket;
    return new PersistentMap(buckets, size);
  }

  *entries(): MapIterator<[string, V]> {
    for (const bucket of this.buckets) if (bucket) yield* bucket.entries();
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/** FNV-1a over the key's UTF-16 code units. */
function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}
