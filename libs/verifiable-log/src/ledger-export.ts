import { canonicalBodyOf, compareLogPositions, LOG_START, type Database, type EventStore, type LogPosition, type StoredEvent } from '@ledger/event-store';
import { LEAVES_WHERE_NOW } from './leaf-positions.js';
import type { LedgerCheckpoints } from './ledger-checkpoints.js';

/**
 * The sealed log as an auditor takes it away: NDJSON, one object a line.
 *
 *   {"kind":"ledger-export","version":1,"origin":…,"verifierKey":…,"fromLeaf":0,"exportedAt":…}
 *   {"kind":"checkpoint","treeSize":…,"rootHash":hex,"note":…,"issuedAt":…}          (every one, oldest first)
 *   {"kind":"leaf","leafIndex":…,"bytes":…,"leafHash":hex,"chainHash":hex,"event":{"body":…,"hash":hex}}
 *   {"kind":"unsealed-event","position":…,"event":{"body":…,"hash":hex}}     (only where the store holds one)
 *
 * Checkpoints come first so that a verifier reading the leaves once can compare the root at each
 * signed size as it passes it. Each leaf carries, beside the bytes sealed, the event as the store
 * holds it now (its canonical bytes, rebuilt from the event as read, and its stored hash), so that
 * an event altered or removed after sealing is caught; and an event the store holds among the
 * sealed ones that no leaf seals (added behind the seal) is written where it stands as an
 * `unsealed-event` line, which no verifier accepts: the export shows the store holds exactly the
 * sealed events, nothing missing, nothing extra. Only leaves the latest checkpoint covers are
 * exported: whatever is in an export is signed. Read page by page.
 */
export type ExportLine = ExportHeader | ExportCheckpoint | ExportLeaf | ExportUnsealedEvent;

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

/** An event the store holds among the sealed ones, at a position no leaf seals. */
export interface ExportUnsealedEvent {
  kind: 'unsealed-event';
  position: string;
  event: { body: string; hash: string };
}

const PAGE = 2_000;

/** The export's lines, from leaf `fromLeaf` on, read a page at a time. */
export async function* exportLedger(database: Database, store: EventStore, checkpoints: LedgerCheckpoints, options: { fromLeaf?: number; now?: () => Date } = {}): AsyncGenerator<ExportLine> {
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
  for (let from = fromLeaf; from < covered; ) {
    // The leaf before the page too: the events of the page are those the log holds after it, now.
    const rows = await database.query<{ leaf_index: string; position: LogPosition; bytes: string; leaf_hash: string; chain_hash: string }>(
      `SELECT leaf_index::text AS leaf_index, current_position AS position, bytes,
              encode(leaf_hash, 'hex') AS leaf_hash, encode(chain_hash, 'hex') AS chain_hash
         FROM ${LEAVES_WHERE_NOW}
        WHERE leaf_index >= $1 AND leaf_index < $2
        ORDER BY leaves.leaf_index
        LIMIT $3`,
      [Math.max(0, from - 1), covered, PAGE + 1],
    );
    const before = from > 0 ? rows.shift() : undefined;
    if (rows.length === 0) return;
    const stored = await eventsThrough(store, before?.position ?? LOG_START, rows[rows.length - 1].position);
    let next = 0;
    for (const row of rows) {
      for (; next < stored.length && compareLogPositions(stored[next].position, row.position) < 0; next++) {
        yield { kind: 'unsealed-event', position: stored[next].position, event: { body: canonicalBodyOf(stored[next]), hash: stored[next].hash } };
      }
      const event = stored[next]?.position === row.position ? stored[next++] : undefined;
      yield {
        kind: 'leaf',
        leafIndex: Number(row.leaf_index),
        bytes: row.bytes,
        leafHash: row.leaf_hash,
        chainHash: row.chain_hash,
        event: event ? { body: canonicalBodyOf(event), hash: event.hash } : null,
      };
    }
    from = Number(rows[rows.length - 1].leaf_index) + 1;
  }
}

/** The events the store holds now after `after` and through `through`, in log order. */
async function eventsThrough(store: EventStore, after: LogPosition, through: LogPosition): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let from = after; ; ) {
    const page = await store.readLog({ after: from, limit: PAGE });
    for (const event of page) {
      if (compareLogPositions(event.position, through) > 0) return events;
      events.push(event);
    }
    if (page.length === 0) return events;
    from = page[page.length - 1].position;
  }
}
