import type { Database } from '@ledger/event-store';
import { readModelReader, ReadModelGenerations, type ClosableReadModelReader, type ReadModelReader } from '@ledger/read-models';
import { asKnownOfRequest } from './as-known-at.interceptor.js';

const LOOK_AGAIN_MS = 1_000;

/** PostgreSQL's `undefined_table`: what a read into a dropped generation's tables meets. */
const isMissingRelation = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === '42P01';

/**
 * Reads from whichever generation of read models is active: when a rebuild swaps a new one in,
 * this process follows within a second, while the old one served every read meanwhile; a read
 * that finds its generation dropped follows at once.
 */
export class LiveReadModels implements ReadModelReader {
  private reader: ClosableReadModelReader;
  private checkedAt = Date.now();
  private readonly generations: ReadModelGenerations;

  constructor(
    private readonly database: Database,
    schema: string,
  ) {
    this.reader = readModelReader(database, schema);
    this.generations = new ReadModelGenerations(database);
  }

  get schema(): string {
    return this.reader.schema;
  }

  async query<Row>(text: string, params?: unknown[]): Promise<Row[]> {
    const asKnown = asKnownOfRequest.getStore(); // a read asked for the ledger as it stood at a past moment
    if (asKnown) return asKnown.reader.query<Row>(text, params);
    if (Date.now() - this.checkedAt > LOOK_AGAIN_MS) await this.follow();
    const reader = this.reader;
    try {
      return await reader.query<Row>(text, params);
    } catch (error) {
      // Its generation was dropped (two rebuilds swapped others in since this process last looked): ask the active one.
      if (!isMissingRelation(error) || (await this.follow()) === reader.schema) throw error;
      return this.reader.query<Row>(text, params);
    }
  }

  /** Looks up the active generation now, and switches to it if it changed. */
  async follow(): Promise<string> {
    this.checkedAt = Date.now();
    const active = await this.generations.activeName();
    if (active && active !== this.reader.schema) {
      const previous = this.reader;
      this.reader = readModelReader(this.database, active);
      setTimeout(() => void previous.close(), 5_000).unref(); // reads already under way finish first
    }
    return this.reader.schema;
  }

  async close(): Promise<void> {
    await this.reader.close();
  }

  /** Nest lets go of the connections when the application stops. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}
