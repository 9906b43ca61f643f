import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Database } from '@ledger/event-store';
import { rawPublicKey, signCheckpoint, verifierKey } from './checkpoint-note.js';
import type { CheckpointPublication } from './checkpoint-publication.js';
import { LEAF_AT_POSITION_SQL } from './leaf-positions.js';
import { RefusalToSignError } from './log-integrity-error.js';
import { appendToRange, consistencyProof, inclusionProof, merkleRoot, rangeRoot, type CompactRange, type Hash } from './merkle-tree.js';
import { verifyConsistency } from './proof-verification.js';
import { headOf, SEAL_HEAD_SQL } from './sealer.js';

/** A signed checkpoint as the ledger keeps and serves it. */
export interface IssuedCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  /** The whole C2SP signed note. */
  note: string;
  issuedAt: string;
}

export interface CheckpointSigner {
  /** The key's name, also the checkpoints' origin. */
  name: string;
  privateKey: KeyObject;
}

/** Where the key that signs checkpoints comes from. */
export interface SigningKeySource {
  /** The checkpoints' origin line and the key's name. */
  name: string;
  /** `LEDGER_SIGNING_KEY`: the Ed25519 private key, PEM. */
  privateKeyPem?: string;
  /** `LEDGER_SIGNING_KEY_FILE`: a file holding it, PEM (a mounted secret, say). */
  privateKeyFile?: string;
  /** `LEDGER_SIGNING_KEY_REQUIRED`: refuse to go on without a key given from outside the database. */
  required?: boolean;
}

/** No leaf at this position, or a tree larger than what is sealed. */
export class SealedLogRangeError extends Error {
  constructor(
    message: string,
    /** The question names something the seal does not hold (a position), rather than a bad size. */
    readonly unknown = false,
  ) {
    super(message);
    this.name = 'SealedLogRangeError';
  }
}

interface CheckpointRow {
  tree_size: string;
  root_hash: string;
  note: string;
  issued_at: Date | string;
}

const toIssued = (row: CheckpointRow): IssuedCheckpoint => ({
  treeSize: Number(row.tree_size),
  rootHash: Buffer.from(row.root_hash, 'hex'),
  note: row.note,
  issuedAt: new Date(row.issued_at).toISOString(),
});

async function keyFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`LEDGER_SIGNING_KEY_FILE ${file} cannot be read: ${(error as Error).message}`);
  }
}

/** Checkpoints are signed with Ed25519 only (C2SP signed-note algorithm 0x01). */
function ed25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`LEDGER_SIGNING_KEY must be an Ed25519 private key, not ${key.asymmetricKeyType ?? 'this'}.`);
  return key;
}

const CHECKPOINT_COLUMNS = "tree_size::text AS tree_size, encode(root_hash, 'hex') AS root_hash, note, issued_at";

/**
 * Signed checkpoints over the sealed log and the proofs that tie leaves and checkpoints together.
 * It never signs a checkpoint inconsistent with the one before: each new tree is proven to extend
 * the last signed one from the stored leaves before it is signed.
 */
export class LedgerCheckpoints {
  constructor(
    private readonly database: Database,
    private readonly signer: CheckpointSigner,
    private readonly publication: CheckpointPublication | null = null,
  ) {}

  /**
   * The signer from `LEDGER_SIGNING_KEY` (PEM) or `LEDGER_SIGNING_KEY_FILE` when given — kept
   * outside the database, so that its owner cannot sign a history of their own — else, unless a
   * key is required, the key kept in the store: generated on first use and kept, so that every
   * later checkpoint is signed by the same key. Each checkpoint signed is handed to `publication`.
   */
  static async open(database: Database, source: SigningKeySource, publication: CheckpointPublication | null = null): Promise<LedgerCheckpoints> {
    const pem = source.privateKeyPem || (source.privateKeyFile ? await keyFile(source.privateKeyFile) : undefined);
    if (pem) return new LedgerCheckpoints(database, { name: source.name, privateKey: ed25519(createPrivateKey(pem)) }, publication);
    if (source.required) {
      throw new Error('LEDGER_SIGNING_KEY_REQUIRED is true, but no signing key was given: set LEDGER_SIGNING_KEY (an Ed25519 private key, PEM) or LEDGER_SIGNING_KEY_FILE (a file holding one).');
    }
    const generated = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await database.query('INSERT INTO ledger_signing_key (name, private_key) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [source.name, generated]);
    const [kept] = await database.query<{ name: string; private_key: string }>('SELECT name, private_key FROM ledger_signing_key');
    return new LedgerCheckpoints(database, { name: kept.name, privateKey: ed25519(createPrivateKey(kept.private_key)) }, publication);
  }

  /** The verifier key an auditor keeps: `<name>+<id>+<base64 key>`. */
  get verifierKey(): string {
    return verifierKey(this.signer.name, rawPublicKey(this.signer.privateKey));
  }

  /** Why publishing the latest checkpoint failed, if it did (it is tried again with the next round). */
  get publicationFailure(): string | null {
    return this.publication?.lastFailure ?? null;
  }

  get publicKey(): Buffer {
    return rawPublicKey(this.signer.privateKey);
  }

  async latest(): Promise<IssuedCheckpoint | null> {
    const [row] = await this.database.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints ORDER BY ledger_checkpoints.tree_size DESC LIMIT 1`); // the number, not the text column of the same name
    return row ? toIssued(row) : null;
  }

  async all(): Promise<IssuedCheckpoint[]> {
    const rows = await this.database.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints ORDER BY ledger_checkpoints.tree_size`);
    return rows.map(toIssued);
  }

  /**
   * Signs a checkpoint over everything sealed, when the seal has grown since the last one; answers
   * the latest, having handed it to the publication (again, if publishing it failed before).
   */
  async issue(): Promise<IssuedCheckpoint | null> {
    const latest = await this.signGrowth();
    if (latest) await this.publication?.publish(latest);
    return latest;
  }

  private async signGrowth(): Promise<IssuedCheckpoint | null> {
    const [headRow] = await this.database.query<Parameters<typeof headOf>[0]>(SEAL_HEAD_SQL);
    const head = headOf(headRow);
    const last = await this.latest();
    if (head.nextLeaf === 0 || (last && last.treeSize >= head.nextLeaf)) return last;
    const rootHash = rangeRoot(head.range);
    if (last && !(await this.extends(last, head.range))) {
      throw new RefusalToSignError(`Refusing to sign: the sealed log of ${head.nextLeaf} leaves does not extend the checkpoint of ${last.treeSize}.`);
    }
    const note = signCheckpoint({ origin: this.signer.name, treeSize: head.nextLeaf, rootHash }, this.signer.name, this.signer.privateKey);
    await this.database.query(
      "INSERT INTO ledger_checkpoints (tree_size, root_hash, note, compact_range) VALUES ($1, decode($2, 'hex'), $3, $4::text[]) ON CONFLICT (tree_size) DO NOTHING",
      [head.nextLeaf, rootHash.toString('hex'), note, head.range.hashes.map((hash) => hash.toString('hex'))],
    );
    return this.latest();
  }

  /**
   * Whether the sealed tree `range` extends the signed checkpoint `last`: the checkpoint's own
   * compact range (which must give its signed root) with the leaves sealed since appended gives
   * `range`'s root. Only the new leaves are read; a checkpoint kept without its range (signed
   * before migration 0006) is checked from every leaf.
   */
  private async extends(last: IssuedCheckpoint, range: CompactRange): Promise<boolean> {
    const [row] = await this.database.query<{ compact_range: string[] | null }>('SELECT compact_range FROM ledger_checkpoints WHERE tree_size = $1', [last.treeSize]);
    if (row?.compact_range) {
      let extended: CompactRange = { size: last.treeSize, hashes: row.compact_range.map((hash) => Buffer.from(hash, 'hex')) };
      if (!rangeRoot(extended).equals(last.rootHash)) return false;
      const since = await this.database.query<{ leaf_hash: string }>(
        "SELECT encode(leaf_hash, 'hex') AS leaf_hash FROM ledger_leaves WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index",
        [last.treeSize, range.size],
      );
      for (const leaf of since) extended = appendToRange(extended, Buffer.from(leaf.leaf_hash, 'hex'));
      return extended.size === range.size && rangeRoot(extended).equals(rangeRoot(range));
    }
    const leaves = await this.leafHashes(range.size);
    return merkleRoot(leaves).equals(rangeRoot(range)) && verifyConsistency(last.treeSize, range.size, consistencyProof(leaves, last.treeSize, range.size), last.rootHash, rangeRoot(range));
  }

  /**
   * The leaf of the event at a log position — its index, hash and the bytes it hashes (the sealed
   * event: its canonical body, chain hash, position and stream version) — and its audit path in the
   * tree of `treeSize` leaves.
   */
  async inclusion(position: string, treeSize: number): Promise<{ leafIndex: number; treeSize: number; leafHash: Buffer; leafBytes: string; rootHash: Buffer; proof: Hash[] }> {
    const [leaf] = await this.database.query<{ leaf_index: string }>(LEAF_AT_POSITION_SQL, [position]);
    if (!leaf) throw new SealedLogRangeError(`There is no sealed event at log position ${position}.`, true);
    const leafIndex = Number(leaf.leaf_index);
    if (leafIndex >= treeSize) throw new SealedLogRangeError(`Leaf ${leafIndex} is not in a tree of ${treeSize} leaves.`);
    const [leaves, [{ bytes }]] = await Promise.all([
      this.leafHashes(treeSize),
      this.database.query<{ bytes: string }>('SELECT bytes FROM ledger_leaves WHERE leaf_index = $1', [leafIndex]),
    ]);
    return { leafIndex, treeSize, leafHash: leaves[leafIndex], leafBytes: bytes, rootHash: merkleRoot(leaves), proof: inclusionProof(leaves, leafIndex, treeSize) };
  }

  /** That the tree of `fromSize` leaves is a prefix of the tree of `toSize`. */
  async consistency(fromSize: number, toSize: number): Promise<{ fromSize: number; toSize: number; fromRoot: Buffer; toRoot: Buffer; proof: Hash[] }> {
    if (fromSize > toSize) throw new SealedLogRangeError(`fromSize ${fromSize} is larger than toSize ${toSize}.`);
    const leaves = await this.leafHashes(toSize);
    return { fromSize, toSize, fromRoot: merkleRoot(leaves.slice(0, fromSize)), toRoot: merkleRoot(leaves), proof: consistencyProof(leaves, fromSize, toSize) };
  }

  /** The hashes of the first `size` leaves; refuses a tree larger than what is sealed. */
  private async leafHashes(size: number): Promise<Hash[]> {
    const rows = await this.database.query<{ leaf_hash: string }>("SELECT encode(leaf_hash, 'hex') AS leaf_hash FROM ledger_leaves WHERE leaf_index < $1 ORDER BY leaf_index", [size]);
    if (rows.length < size) throw new SealedLogRangeError(`The sealed log holds ${rows.length} leaves, not ${size}.`);
    return rows.map((row) => Buffer.from(row.leaf_hash, 'hex'));
  }
}
