import {
  canonicalBodyOf,
  compareLogPositions,
  followLog,
  LOG_START,
  type Database,
  type EventStore,
  type FollowLogOptions,
  type LogPosition,
  type OrderedLog,
  type ReadLogOptions,
  type StoredEvent,
} from '@ledger/event-store';
import { LEAF_AT_POSITION_SQL, LEAVES_AT_POSITIONS_SQL, LEAVES_WHERE_NOW } from './leaf-positions.js';
import { LogIntegrityError } from './log-integrity-error.js';
import { leafBytes, sealedLeafHash } from './sealed-leaf.js';
import { Sealer, type SealedEvents } from './sealer.js';

interface LeafRow {
  leaf_index: string;
  /** Where its event stands in the event store now. */
  current_position: LogPosition;
  /** The position it was sealed at, in its signed bytes. */
  sealed_position: string;
  leaf_hash: string;
}

const DEFAULT_PAGE = 1_000;

/**
 * The log as the read models, a rebuild, a replay and the raw-log read take it: only events the
 * seal covers, each checked against its leaf — the event the store holds at the leaf's position,
 * its bytes and hash giving the leaf's hash — so that an event added behind the seal, or one
 * removed, altered or moved since it was sealed, stops the reader with a `LogIntegrityError`
 * instead of reaching a register. Given a sealer, it seals what follows the seal first (the
 * sealer checks each stream's hash chain before it seals), so it reads as far as the log is
 * consistent, a moment behind the head; a projector's passes on what that sealer has just sealed
 * as it sealed it (`passingOnSealed`).
 */
export class SealedLog implements OrderedLog {
  /** The leaf after the last page read, to start the next page from without a lookup. */
  private resume: { after: LogPosition; nextLeaf: number } | null = null;

  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly sealer: Sealer | null = null,
    private readonly passesOnSealed = false,
  ) {}

  /** The sealed log of `store`, sealing what follows the seal as it reads (a rebuild's or replay's). */
  static sealing(database: Database, store: EventStore): SealedLog {
    return new SealedLog(database, store, new Sealer(database, store));
  }

  /**
   * This log as a projector that shares its sealer follows it: what the sealer has just sealed is
   * passed on as sealed (`passOn`). Every other reader — the auditor's `/v1/events`, a rebuild, the
   * audit — reads the store and checks each event against its leaf.
   */
  passingOnSealed(): SealedLog {
    return new SealedLog(this.database, this.store, this.sealer, true);
  }

  async readLog({ after = LOG_START, limit = DEFAULT_PAGE }: ReadLogOptions = {}): Promise<StoredEvent[]> {
    const size = Math.max(1, Math.trunc(limit));
    const sealed = this.sealedJustAfter(after, size);
    if (sealed) return this.passOn(sealed);
    const first = await this.leafAfter(after);
    if (first === null) return this.sealer && (await this.sealer.sealBatch()) > 0 ? this.readLog({ after, limit }) : [];
    let leaves = await this.leavesFrom(first, size);
    if (leaves.length < size && this.sealer) {
      try {
        if ((await this.sealer.sealBatch()) > 0) {
          const justSealed = leaves.length === 0 ? this.sealedJustAfter(after, size) : null;
          if (justSealed) return this.passOn(justSealed);
          leaves = await this.leavesFrom(first, size);
        }
      } catch (error) {
        if (leaves.length === 0) throw error; // else what is sealed is passed on first; the refusal comes again on the next read
      }
    }
    if (leaves.length === 0) return [];
    const events = await this.store.readLog({ after, limit: leaves.length });
    leaves.forEach((leaf, index) => checkSealed(events[index], leaf));
    const page = events.slice(0, leaves.length);
    this.resume = { after: page[page.length - 1].position, nextLeaf: first + page.length };
    return page;
  }

  /** What this reader's sealer has just sealed after `after` (at most `limit`), when this reader passes that on. */
  private sealedJustAfter(after: LogPosition, limit: number): SealedEvents | null {
    return this.passesOnSealed ? (this.sealer?.sealedAfter(after, limit) ?? null) : null;
  }

  /**
   * A page of events this reader's sealer has just sealed, as it read and sealed them, not read
   * back from the store and checked again: what the read models get is then exactly what was
   * sealed — an event altered in the store since cannot reach them this way, nor another added
   * behind the seal (the sealer's count before each checkpoint, the audit and every other reader
   * still find either). In the API the sealing loop and the projector share the sealer, and this
   * spares the projector reading each event and its leaf back and hashing it again.
   */
  private passOn({ firstLeaf, events }: SealedEvents): StoredEvent[] {
    this.resume = { after: events[events.length - 1].position, nextLeaf: firstLeaf + events.length };
    return events;
  }

  followLog(options?: FollowLogOptions): AsyncIterable<StoredEvent[]> {
    return followLog(this, options);
  }

  /** The position of the last sealed event (sealing what follows first, given a sealer). */
  async headPosition(): Promise<LogPosition> {
    if (this.sealer) await this.sealer.catchUp();
    return this.sealedThrough();
  }

  /** The position of the last sealed event, as the seal stands now. */
  private async sealedThrough(): Promise<LogPosition> {
    const [row] = await this.database.query<{ log_position: LogPosition }>('SELECT log_position FROM ledger_seal');
    return row.log_position;
  }

  /** How many sealed events stand up to and including `position`. */
  async countLogThrough(position: LogPosition): Promise<number> {
    return (await this.leafAfter(position)) ?? (await this.sealedLeaves());
  }

  /**
   * One stream's events from `fromVersion` on (at most `maxCount`) as far as the log position
   * `through` — where a read model stands — each checked against its leaf as `readLog` checks the
   * log's: what a read of one stream as the read models knew it serves (a proposal's history)
   * instead of a copy of its events kept in a read model. It ends before the first event not
   * sealed yet (beyond the seal: the read models that take the sealed log do not hold it either).
   * An event behind the seal that no leaf seals, one altered since it was sealed, or a version
   * missing between the first and the last throws `LogIntegrityError`.
   */
  async readStreamThrough(streamId: string, { fromVersion = 1, through, maxCount }: { fromVersion?: number; through: LogPosition; maxCount?: number }): Promise<StoredEvent[]> {
    const read = await this.store.readStream(streamId, { fromVersion, maxCount });
    const cut = read.findIndex((event) => compareLogPositions(event.position, through) > 0);
    const events = cut === -1 ? read : read.slice(0, cut);
    if (events.length === 0) return events;
    const leaves = new Map(
      (await this.database.query<LeafRow>(LEAVES_AT_POSITIONS_SQL, [events.map((event) => event.position)], { name: 'ledger_leaves_at_positions' })).map((leaf) => [leaf.current_position, leaf]),
    );
    for (const [index, event] of events.entries()) {
      if (event.streamVersion !== fromVersion + index) throw missingVersion(streamId, fromVersion + index, event);
      const leaf = leaves.get(event.position);
      if (!leaf) {
        if (compareLogPositions(event.position, await this.sealedThrough()) > 0) return events.slice(0, index); // not sealed yet
        throw unsealedEvent(event);
      }
      checkSealed(event, leaf);
    }
    return events;
  }

  /**
   * Reads the whole sealed log, checking every event against its leaf (an event added between
   * sealed ones, or before the first, shows as out of place): answers how many were checked, or
   * throws `LogIntegrityError` at the first the seal does not explain.
   */
  async audit(signal?: AbortSignal): Promise<number> {
    const reader = new SealedLog(this.database, this.store);
    let checked = 0;
    for (let after = LOG_START; !signal?.aborted; ) {
      const page = await reader.readLog({ after, limit: 2_000 });
      if (page.length === 0) break;
      checked += page.length;
      after = page[page.length - 1].position;
    }
    return checked;
  }

  /**
   * The index of the first leaf after `position`; null when `position` lies beyond the seal (its
   * event is not sealed yet). A position that is no sealed event's (one an auditor chose) is
   * placed among the leaves by their positions.
   */
  private async leafAfter(position: LogPosition): Promise<number | null> {
    if (position === LOG_START) return 0;
    if (this.resume?.after === position) return this.resume.nextLeaf;
    const [leaf] = await this.database.query<{ leaf_index: string }>(LEAF_AT_POSITION_SQL, [position], { name: 'ledger_leaf_at_position' });
    if (leaf) {
      this.resume = { after: position, nextLeaf: Number(leaf.leaf_index) + 1 };
      return this.resume.nextLeaf;
    }
    // Not a sealed event's position: the first leaf whose event stands after it (leaves are in log order).
    let low = 0;
    let high = await this.sealedLeaves();
    if (high === 0 || compareLogPositions(position, await this.positionOfLeaf(high - 1)) > 0) return null;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (compareLogPositions(await this.positionOfLeaf(middle), position) > 0) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private async sealedLeaves(): Promise<number> {
    const [row] = await this.database.query<{ next_leaf: string }>('SELECT next_leaf::text AS next_leaf FROM ledger_seal');
    return Number(row.next_leaf);
  }

  private async positionOfLeaf(index: number): Promise<LogPosition> {
    const [row] = await this.database.query<{ current_position: LogPosition }>(`SELECT current_position FROM ${LEAVES_WHERE_NOW} WHERE leaf_index = $1`, [index]);
    return row.current_position;
  }

  private leavesFrom(first: number, limit: number): Promise<LeafRow[]> {
    return this.database.query<LeafRow>(
      `SELECT leaf_index::text AS leaf_index, current_position, transaction_id::text || ':' || position::text AS sealed_position, encode(leaf_hash, 'hex') AS leaf_hash
         FROM ${LEAVES_WHERE_NOW}
        WHERE leaf_index >= $1
        ORDER BY leaves.leaf_index
        LIMIT $2`,
      [first, limit],
      { name: 'ledger_sealed_leaves_from' }, // a follower asks this every moment: planned once per connection
    );
  }
}

/** That `event`, the store's next event, is the one sealed as `leaf`. */
function checkSealed(event: StoredEvent | undefined, leaf: LeafRow): void {
  const sealed = `leaf ${leaf.leaf_index} (log position ${leaf.current_position})`;
  if (event === undefined || compareLogPositions(event.position, leaf.current_position) > 0) {
    throw new LogIntegrityError(`The sealed event of ${sealed} is no longer in the event store: it was removed after it was sealed.`, leaf.current_position);
  }
  if (event.position !== leaf.current_position) throw unsealedEvent(event);
  const bytes = leafBytes({ body: canonicalBodyOf(event), hash: event.hash, position: leaf.sealed_position, streamVersion: event.streamVersion });
  if (sealedLeafHash(bytes).toString('hex') !== leaf.leaf_hash) {
    throw new LogIntegrityError(
      `The event at log position ${event.position} (${event.streamId} v${event.streamVersion}) is not the event sealed as ${sealed}: it was altered or moved after it was sealed.`,
      event.position,
    );
  }
}

function unsealedEvent(event: StoredEvent): LogIntegrityError {
  return new LogIntegrityError(
    `The event store holds an event the seal does not include, behind the seal: ${event.streamId} v${event.streamVersion} (${event.type}) at log position ${event.position}. It was added after the events around it were sealed.`,
    event.position,
  );
}

function missingVersion(streamId: string, version: number, next: StoredEvent): LogIntegrityError {
  return new LogIntegrityError(
    `The event store no longer holds ${streamId} v${version}: the stream goes on at v${next.streamVersion} (log position ${next.position}). It was removed after it was sealed.`,
    next.position,
  );
}
