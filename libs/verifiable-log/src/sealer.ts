import { setTimeout as sleep } from 'node:timers/promises';
import {
  BinaryCopy,
  canonicalBodyOf,
  chainHash,
  compareLogPositions,
  GENESIS_HASH,
  parseLogPosition,
  type Database,
  type EventStore,
  type LogPosition,
  type SqlSession,
  type StoredEvent,
} from '@ledger/event-store';
import { LogIntegrityError } from './log-integrity-error.js';
import { appendToRange, type CompactRange } from './merkle-tree.js';
import { chainAfter, leafBytes, sealedLeafHash } from './sealed-leaf.js';

/** Where sealing stands (the `ledger_seal` row). */
export interface SealHead {
  nextLeaf: number;
  logPosition: string;
  chainHash: Buffer;
  range: CompactRange;
}

interface SealRow {
  next_leaf: string;
  log_position: string;
  chain_hash: string;
  compact_range: string[];
}

export const headOf = (row: SealRow): SealHead => ({
  nextLeaf: Number(row.next_leaf),
  logPosition: row.log_position,
  chainHash: Buffer.from(row.chain_hash, 'hex'),
  range: { size: Number(row.next_leaf), hashes: row.compact_range.map((hash) => Buffer.from(hash, 'hex')) },
});

const LEAF_COLUMNS = ['leaf_index', 'transaction_id', 'position', 'bytes', 'leaf_hash', 'chain_hash'];

export const SEAL_HEAD_SQL = 'SELECT next_leaf::text AS next_leaf, log_position, chain_hash, compact_range FROM ledger_seal';

/** Events sealed in log order, and the leaf index of the first: a page of its own, for a reader to pass on. */
export interface SealedEvents {
  firstLeaf: number;
  events: StoredEvent[];
}

/** How many of its last batches a sealer keeps for its sealed log to pass on: a projector a batch or two behind still finds its next. */
const BATCHES_KEPT = 4;

/** A stream's last sealed event: its version and hash chain (hex). */
interface SealedStreamHead {
  version: number;
  hash: string;
}

/**
 * Seals the log: takes committed events in the log's commit-safe order and gives each the next
 * leaf index, storing the bytes it hashed, the leaf hash and the running chain, and keeping the
 * tree's compact range. It reads the events through the event store — PostgreSQL, PGlite or
 * EventStoreDB alike — and writes the leaves and the head in one transaction with the head row
 * locked, having checked the head is where it read from: two sealers never give one index twice,
 * and a crash neither skips nor repeats an event.
 *
 * It seals only what follows from what it sealed before: each event must be the next version of
 * its stream, its hash chained from the hash sealed for the version before
 * (`ledger_sealed_streams`) over its bytes. Anything else — a broken chain, a version missing or
 * repeated — is a `LogIntegrityError`, and nothing of the batch is sealed.
 */
export class Sealer {
  /** The last batches this sealer sealed, newest first (see `sealedAfter`). */
  private readonly recent: { after: LogPosition; firstLeaf: number; events: readonly StoredEvent[] }[] = [];
  /** The batch this sealer is sealing, if any: the next waits for it (see `sealBatch`). */
  private sealing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly batchSize = 1_000,
  ) {}

  /**
   * Seals the next batch of committed events; answers how many (0 when the seal is current).
   * One batch at a time per sealer: the sealing loop and a sealed log reading ahead of the seal
   * share one in the API, and two batches at once would read the same events, race for the head
   * row, and leave the loser to wait for the winner's commit and read again. Sealers of other
   * processes are kept apart by that head row.
   */
  sealBatch(): Promise<number> {
    const batch = this.sealing.then(() => this.sealNextBatch());
    this.sealing = batch.catch(() => undefined);
    return batch;
  }

  private async sealNextBatch(): Promise<number> {
    for (;;) {
      const head = await this.head();
      const events = await this.store.readLog({ after: head.logPosition as LogPosition, limit: this.batchSize });
      if (events.length === 0) return 0;
      const sealed = await this.sealAfter(head, events);
      if (sealed > 0) {
        this.recent.unshift({ after: head.logPosition as LogPosition, firstLeaf: head.nextLeaf, events });
        this.recent.length = Math.min(this.recent.length, BATCHES_KEPT);
        return sealed;
      }
      // else another sealer sealed them first: read on from where it left off
    }
  }

  /**
   * At most `limit` of the events this sealer sealed just after `after`, as it read and sealed
   * them, and the leaf index of the first — from one of the last few batches it sealed, committed;
   * null when none of them holds the event after `after`. What its sealed log passes on without
   * reading them back.
   */
  sealedAfter(after: LogPosition, limit: number): SealedEvents | null {
    for (const batch of this.recent) {
      const start = batch.after === after ? 0 : batch.events.findIndex((event) => event.position === after) + 1;
      if ((start > 0 || batch.after === after) && start < batch.events.length) {
        return { firstLeaf: batch.firstLeaf + start, events: batch.events.slice(start, start + limit) };
      }
    }
    return null;
  }

  private sealAfter(head: SealHead, events: readonly StoredEvent[]): Promise<number> {
    return this.database.transaction(async (session) => {
      const [row] = await session.query<SealRow>(`${SEAL_HEAD_SQL} FOR UPDATE`);
      if (row.log_position !== head.logPosition) return 0;
      const streams = await this.sealedStreamHeads(session, events);
      let { chainHash: leafChain, range } = head;
      const leaves = new BinaryCopy();
      events.forEach((event, index) => {
        const body = canonicalBodyOf(event);
        streams.set(event.streamId, followingHead(streams.get(event.streamId), event, body));
        const bytes = leafBytes({ body, hash: event.hash, position: event.position, streamVersion: event.streamVersion });
        const hash = sealedLeafHash(bytes);
        leafChain = chainAfter(leafChain, hash);
        range = appendToRange(range, hash);
        const { transactionId, sequence } = parseLogPosition(event.position);
        leaves.row(LEAF_COLUMNS.length).int8(head.nextLeaf + index).xid8(transactionId).int8(sequence).text(bytes).bytes(hash).bytes(leafChain);
      });
      // By binary COPY: the leaf's bytes (the event's body, escaped once more as a JSON string) and its hashes go as they are, nothing escaped again.
      await session.copyIn('ledger_leaves', LEAF_COLUMNS, leaves.pieces(), 'binary');
      await session.query(
        `INSERT INTO ledger_sealed_streams (stream_id, version, hash)
         SELECT r.stream_id, r.version, decode(r.hash, 'hex') FROM json_to_recordset($1::json) AS r(stream_id text, version integer, hash text)
         ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, hash = EXCLUDED.hash`,
        [JSON.stringify([...streams].map(([streamId, { version, hash }]) => ({ stream_id: streamId, version, hash })))],
      );
      await session.query('UPDATE ledger_seal SET next_leaf = $1, log_position = $2, chain_hash = $3, compact_range = $4::text[]', [
        range.size,
        events[events.length - 1].position,
        leafChain.toString('hex'),
        range.hashes.map((hash) => hash.toString('hex')),
      ]);
      return events.length;
    });
  }

  /** Where the batch's streams stand in the seal (locked with the seal head, so they cannot move). */
  private async sealedStreamHeads(session: SqlSession, events: readonly StoredEvent[]): Promise<Map<string, SealedStreamHead>> {
    const rows = await session.query<{ stream_id: string; version: number; hash: string }>(
      "SELECT stream_id, version, encode(hash, 'hex') AS hash FROM ledger_sealed_streams WHERE stream_id = ANY($1::text[])",
      [[...new Set(events.map((event) => event.streamId))]],
    );
    return new Map(rows.map((row) => [row.stream_id, { version: row.version, hash: row.hash }]));
  }

  /**
   * That the store holds exactly the events sealed up to the seal head — as many as there are
   * leaves — so that none was added behind the seal or removed from under it since. The count
   * is cheap on the SQL stores; EventStoreDB, whose log nobody can write behind, cannot tell it
   * without reading everything, and is not asked.
   */
  async checkNothingAddedOrRemoved(): Promise<void> {
    const head = await this.head();
    const held = await this.store.countLogThrough(head.logPosition as LogPosition);
    if (held === null || held === head.nextLeaf) return;
    throw new LogIntegrityError(
      held > head.nextLeaf
        ? `The event store holds ${held} events up to log position ${head.logPosition}, but only ${head.nextLeaf} were sealed there: ${held - head.nextLeaf} added behind the seal. Run ledger verify to find them.`
        : `The event store holds ${held} events up to log position ${head.logPosition}, but ${head.nextLeaf} were sealed there: ${head.nextLeaf - held} sealed removed. Run ledger verify to find them.`,
      head.logPosition,
    );
  }

  /** Seals until the seal includes everything the log lets readers see now. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (let sealed = await this.sealBatch(); sealed > 0; sealed = await this.sealBatch()) total += sealed;
    return total;
  }

  /**
   * Seals through every event committed now — including those the log's commit-safe order still
   * holds back behind a transaction open elsewhere, which it waits out (at most `timeoutMs`).
   */
  async sealCommitted(timeoutMs = 10_000): Promise<void> {
    const last = await this.store.lastCommittedPosition();
    const deadline = Date.now() + timeoutMs;
    while (compareLogPositions((await this.head()).logPosition as LogPosition, last) < 0) {
      if ((await this.sealBatch()) > 0) continue;
      if (Date.now() > deadline) throw new Error(`The seal did not reach log position ${last} within ${timeoutMs} ms.`);
      await sleep(20);
    }
  }

  async head(): Promise<SealHead> {
    const [row] = await this.database.query<SealRow>(SEAL_HEAD_SQL, [], { name: 'ledger_seal_head' });
    return headOf(row);
  }
}

/**
 * Where a stream stands once `event` is sealed: refused unless it is the next version of its
 * stream, its hash chained from the one sealed before over its bytes.
 */
function followingHead(sealed: SealedStreamHead | undefined, event: StoredEvent, body: string): SealedStreamHead {
  const previous = sealed ?? { version: 0, hash: GENESIS_HASH };
  const where = `${event.streamId} v${event.streamVersion} at log position ${event.position}`;
  if (event.streamVersion !== previous.version + 1) {
    throw new LogIntegrityError(
      `Refusing to seal ${where}: version ${previous.version + 1} of ${event.streamId} was due (${event.streamVersion <= previous.version ? 'that version was sealed already' : 'a version before it is missing'}).`,
      event.position,
    );
  }
  if (chainHash(previous.hash, event.streamVersion, body) !== event.hash) {
    throw new LogIntegrityError(`Refusing to seal ${where}: its hash does not follow from its bytes and the hash sealed for version ${previous.version} (the stream's hash chain is broken).`, event.position);
  }
  return { version: event.streamVersion, hash: event.hash };
}
