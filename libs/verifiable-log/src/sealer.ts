import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, parseLogPosition, type Database, type LogPosition } from '@ledger/event-store';
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

interface EventRow {
  transaction_id: string;
  position: string;
  stream_version: number;
  body: string;
  hash: string;
}

export const headOf = (row: SealRow): SealHead => ({
  nextLeaf: Number(row.next_leaf),
  logPosition: row.log_position,
  chainHash: Buffer.from(row.chain_hash, 'hex'),
  range: { size: Number(row.next_leaf), hashes: row.compact_range.map((hash) => Buffer.from(hash, 'hex')) },
});

export const SEAL_HEAD_SQL = 'SELECT next_leaf::text AS next_leaf, log_position, chain_hash, compact_range FROM ledger_seal';

/**
 * Seals the log: takes committed events in the log's commit-safe order and gives each the next
 * leaf index, storing the bytes it hashed, the leaf hash and the running chain, and keeping the
 * tree's compact range — all in one transaction with the seal's head row locked, so two sealers
 * never give one index twice and a crash neither skips nor repeats an event.
 */
export class Sealer {
  constructor(
    private readonly database: Database,
    private readonly batchSize = 1_000,
  ) {}

  /** Seals the next batch of committed events; answers how many (0 when the seal is current). */
  async sealBatch(): Promise<number> {
    return this.database.transaction(async (session) => {
      const [row] = await session.query<SealRow>(`${SEAL_HEAD_SQL} FOR UPDATE`);
      const head = headOf(row);
      const { transactionId, sequence } = parseLogPosition(head.logPosition);
      const events = await session.query<EventRow>(
        `SELECT transaction_id::text AS transaction_id, position::text AS position, stream_version, body, encode(hash, 'hex') AS hash FROM ledger_events
          WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
            AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY ledger_events.transaction_id, ledger_events.position -- the numbers, not the text columns of the same names
          LIMIT $3`,
        [transactionId.toString(), sequence.toString(), this.batchSize],
      );
      if (events.length === 0) return 0;
      let { chainHash, range } = head;
      const leaves = events.map((event, index) => {
        const bytes = leafBytes({ body: event.body, hash: event.hash, position: `${event.transaction_id}:${event.position}`, streamVersion: event.stream_version });
        const hash = sealedLeafHash(bytes);
        chainHash = chainAfter(chainHash, hash);
        range = appendToRange(range, hash);
        return { leaf_index: head.nextLeaf + index, transaction_id: event.transaction_id, position: event.position, bytes, leaf_hash: hash.toString('hex'), chain_hash: chainHash.toString('hex') };
      });
      await session.query(
        `INSERT INTO ledger_leaves (leaf_index, transaction_id, position, bytes, leaf_hash, chain_hash)
         SELECT r.leaf_index, r.transaction_id::xid8, r.position, r.bytes, decode(r.leaf_hash, 'hex'), decode(r.chain_hash, 'hex')
           FROM json_to_recordset($1::json) AS r(leaf_index bigint, transaction_id text, position bigint, bytes text, leaf_hash text, chain_hash text)`,
        [JSON.stringify(leaves)],
      );
      const last = events[events.length - 1];
      await session.query('UPDATE ledger_seal SET next_leaf = $1, log_position = $2, chain_hash = $3, compact_range = $4::text[]', [
        range.size,
        `${last.transaction_id}:${last.position}`,
        chainHash.toString('hex'),
        range.hashes.map((hash) => hash.toString('hex')),
      ]);
      return events.length;
    });
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
    const [last] = await this.database.query<{ position: string }>(
      `SELECT transaction_id::text || ':' || position::text AS position FROM ledger_events
        ORDER BY ledger_events.transaction_id DESC, ledger_events.position DESC LIMIT 1`,
    );
    if (!last) return;
    const deadline = Date.now() + timeoutMs;
    while (compareLogPositions((await this.head()).logPosition as LogPosition, last.position as LogPosition) < 0) {
      if ((await this.sealBatch()) > 0) continue;
      if (Date.now() > deadline) throw new Error(`The seal did not reach log position ${last.position} within ${timeoutMs} ms.`);
      await sleep(20);
    }
  }

  async head(): Promise<SealHead> {
    const [row] = await this.database.query<SealRow>(SEAL_HEAD_SQL);
    return headOf(row);
  }
}
