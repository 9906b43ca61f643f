import type { Database } from '@ledger/event-store';
import type { LedgerCheckpoints } from './ledger-checkpoints.js';

/**
 * The sealed log as an auditor takes it away: NDJSON, one object a line.
 *
 *   {"kind":"ledger-export","version":1,"origin":…,"verifierKey":…,"fromLeaf":0,"exportedAt":…}
 *   {"kind":"checkpoint","treeSize":…,"rootHash":hex,"note":…,"issuedAt":…}          (every one, oldest first)
 *   {"kind":"leaf","leafIndex":…,"bytes":…,"leafHash":hex,"chainHash":hex,"event":{"body":…,"hash":hex}}
 *
 * Checkpoints come first so that a verifier reading the leaves once can compare the root at each
 * signed size as it passes it. Each leaf carries, beside the bytes sealed, the event as the store
 * holds it now, so that an event altered after sealing is caught. Only leaves the latest checkpoint
 * covers are exported: whatever is in an export is signed. Read page by page.
 */
export type ExportLine = ExportHeader | ExportCheckpoint | ExportLeaf;

export interface ExportHeader {
  kind: 'ledger-export';
  version: 1;
  origin: string;
  verifierKey: string;
  fromLeaf: number;
  exportedAt: string;
}

export interface ExportCheckpoint {
  kind: 'checkpoint';
  treeSize: number;
  rootHash: string;
  note: string;
  issuedAt: string;
}

export interface ExportLeaf {
  kind: 'leaf';
  leafIndex: number;
  bytes: string;
  leafHash: string;
  chainHash: string;
  /** The event as the store holds it at export time; null when it is no longer there. */
  event: { body: string; hash: string } | null;
}

const PAGE = 2_000;

/** The export's lines, from leaf `fromLeaf` on, read a page at a time. */
export async function* exportLedger(database: Database, checkpoints: LedgerCheckpoints, options: { fromLeaf?: number; now?: () => Date } = {}): AsyncGenerator<ExportLine> {
  const fromLeaf = options.fromLeaf ?? 0;
  const signed = await checkpoints.all();
  const covered = signed.at(-1)?.treeSize ?? 0;
  yield {
    kind: 'ledger-export',
    version: 1,
    origin: signed.at(-1)?.note.split('\n')[0] ?? '',
    verifierKey: checkpoints.verifierKey,
    fromLeaf,
    exportedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  for (const checkpoint of signed) {
    yield { kind: 'checkpoint', treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash.toString('hex'), note: checkpoint.note, issuedAt: checkpoint.issuedAt };
  }
  for (let next = fromLeaf; ; ) {
    const rows = await database.query<{ leaf_index: string; bytes: string; leaf_hash: string; chain_hash: string; body: string | null; hash: string | null }>(
      `SELECT l.leaf_index::text AS leaf_index, l.bytes, encode(l.leaf_hash, 'hex') AS leaf_hash, encode(l.chain_hash, 'hex') AS chain_hash,
              e.body, encode(e.hash, 'hex') AS hash
         FROM ledger_leaves l LEFT JOIN ledger_events e ON e.transaction_id = l.transaction_id AND e.position = l.position
        WHERE l.leaf_index >= $1 AND l.leaf_index < $2
        ORDER BY l.leaf_index
        LIMIT $3`,
      [next, covered, PAGE],
    );
    for (const row of rows) {
      yield {
        kind: 'leaf',
        leafIndex: Number(row.leaf_index),
        bytes: row.bytes,
        leafHash: row.leaf_hash,
        chainHash: row.chain_hash,
        event: row.body === null || row.hash === null ? null : { body: row.body, hash: row.hash },
      };
    }
    if (rows.length < PAGE) return;
    next = Number(rows[rows.length - 1].leaf_index) + 1;
  }
}
