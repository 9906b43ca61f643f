import { LRUCache } from 'lru-cache';

/** How long a name, an instrument or the footer's standing already read may be shown again on a page. */
export const FRESH_FOR_MS = 1_000;
/** At most this many ids are kept, the least recently shown dropped first. */
const KEPT = 10_000;

/**
 * Values by id — the names and instruments the pages show beside ids — kept for a second after
 * they were read, so that pages asked for together share one reading. Only what the read models
 * hold is kept: an id they do not know is asked for again every time, so a flood of made-up ids
 * cannot fill the memory.
 */
export class ReadInTheLastSecond<Value extends object | string> {
  private readonly kept = new LRUCache<string, Value>({ max: KEPT, ttl: FRESH_FOR_MS, ttlAutopurge: false });

  constructor(private readonly read: (ids: readonly string[]) => Promise<Record<string, Value>>) {}

  async of(ids: readonly string[]): Promise<Record<string, Value>> {
    const found: Record<string, Value> = {};
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const value = this.kept.get(id);
      if (value === undefined) missing.push(id);
      else found[id] = value;
    }
    if (missing.length === 0) return found;
    const read = await this.read(missing);
    for (const [id, value] of Object.entries(read)) this.kept.set(id, value);
    return { ...found, ...read };
  }
}
