import canonicalize from 'canonicalize';
import { chainHash, GENESIS_HASH } from '@ledger/event-store';
import { CheckpointRefused, openCheckpoint, parseVerifierKey, type Checkpoint } from './checkpoint-note.js';
import type { ExportCheckpoint, ExportHeader, ExportLeaf, ExportLine, ExportUnsealedEvent } from './ledger-export.js';
import { appendToRange, EMPTY_RANGE, rangeRoot, type CompactRange } from './merkle-tree.js';
import { CHAIN_START, chainAfter, leafBytes, sealedLeafHash } from './sealed-leaf.js';

/** What an auditor brings from outside the export: the key and the checkpoint they kept. */
export interface TrustAnchors {
  /** The verifier key kept earlier (`<name>+<id>+<key>`); without it the export's own key is used, and that is said. */
  verifierKey?: string;
  /** A signed checkpoint kept earlier: the exported log must extend it. */
  checkpointNote?: string;
}

export interface VerificationReport {
  valid: boolean;
  leaves: number;
  checkpoints: number;
  /** The first thing found wrong: where (a leaf index, or a line) and why. */
  failure: { leafIndex: number | null; line: number; reason: string } | null;
  /** What the verification rested on, in words (e.g. "the key in the export itself"). */
  notes: string[];
}

class VerificationFailed extends Error {
  constructor(
    readonly leafIndex: number | null,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Checks an export line by line, offline, keeping only a few hashes per stream and the tree's
 * compact range: every leaf hash, the leaf indexes dense and in order, every stream's hash chain
 * and the running leaf chain; the Merkle root at every checkpoint's size; every signature; that
 * each event as stored still matches what was sealed; and that the log extends a checkpoint the
 * auditor kept. It stops at the first failure, naming the leaf and why.
 */
export class ExportVerifier {
  private header: ExportHeader | null = null;
  private verifierKey: string | null;
  private readonly checkpoints = new Map<number, { checkpoint: Checkpoint; line: number }>();
  private largestCheckpoint = 0;
  private keyName: string | null = null;
  private kept: Checkpoint | null = null;
  private nextLeaf = 0;
  private chain = CHAIN_START;
  private range: CompactRange = EMPTY_RANGE;
  private readonly streams = new Map<string, { version: number; hash: string }>();
  private lineNumber = 0;
  private failure: VerificationReport['failure'] = null;
  private readonly notes: string[] = [];

  constructor(private readonly anchors: TrustAnchors = {}) {
    this.verifierKey = anchors.verifierKey ?? null;
  }

  /** Takes the next line of the export; answers false once something is wrong (the report says what). */
  accept(text: string): boolean {
    if (this.failure) return false;
    this.lineNumber += 1;
    if (text.trim() === '') return true;
    try {
      this.take(JSON.parse(text) as ExportLine);
    } catch (error) {
      const leafIndex = error instanceof VerificationFailed ? error.leafIndex : null;
      this.failure = { leafIndex, line: this.lineNumber, reason: error instanceof SyntaxError ? `line ${this.lineNumber} is not JSON` : (error as Error).message };
      return false;
    }
    return true;
  }

  /** The verdict, once every line has been given. */
  finish(): VerificationReport {
    if (!this.failure) {
      try {
        if (!this.header) throw new VerificationFailed(null, 'the export has no header line');
        if (this.checkpoints.size === 0) throw new VerificationFailed(null, 'the export holds no signed checkpoint: nothing in it is authenticated');
        if (this.largestCheckpoint > this.nextLeaf) {
          throw new VerificationFailed(this.nextLeaf, `the log is truncated: it ends at leaf ${this.nextLeaf}, but a checkpoint of ${this.largestCheckpoint} leaves was signed`);
        }
        if (this.kept && this.kept.treeSize > this.nextLeaf) {
          throw new VerificationFailed(this.nextLeaf, `the log is truncated: it ends at leaf ${this.nextLeaf}, but the checkpoint you kept has ${this.kept.treeSize} leaves`);
        }
      } catch (error) {
        this.failure = { leafIndex: (error as VerificationFailed).leafIndex, line: this.lineNumber, reason: (error as Error).message };
      }
    }
    return { valid: this.failure === null, leaves: this.nextLeaf, checkpoints: this.checkpoints.size, failure: this.failure, notes: this.notes };
  }

  private take(line: ExportLine): void {
    switch (line.kind) {
      case 'ledger-export':
        return this.takeHeader(line);
      case 'checkpoint':
        return this.takeCheckpoint(line);
      case 'leaf':
        return this.takeLeaf(line);
      case 'unsealed-event':
        return this.refuseUnsealed(line);
      default:
        throw new VerificationFailed(null, `line ${this.lineNumber} is neither a header, a checkpoint, a leaf nor an unsealed event`);
    }
  }

  private takeHeader(header: ExportHeader): void {
    if (this.header) throw new VerificationFailed(null, 'the export has two header lines');
    if (header.version !== 1) throw new VerificationFailed(null, `export version ${String(header.version)} is not one this verifier reads`);
    // Only a whole log can be verified: every root is computed from leaf 0.
    if (header.fromLeaf !== 0) throw new VerificationFailed(null, `the export starts at leaf ${String(header.fromLeaf)}: only an export of the whole log (from leaf 0) can be verified`);
    this.header = header;
    if (!this.verifierKey) {
      this.verifierKey = header.verifierKey;
      this.notes.push('no verifier key was given: signatures were checked with the key in the export itself, which proves nothing against a re-signed history');
    } else if (this.verifierKey.trim() !== header.verifierKey) {
      this.notes.push('the export names another key than the one you kept; checkpoints were checked with yours');
    }
    try {
      this.keyName = parseVerifierKey(this.verifierKey).name;
    } catch (error) {
      throw new VerificationFailed(null, `the verifier key is not one: ${(error as Error).message}`);
    }
    if (this.anchors.checkpointNote) {
      try {
        this.kept = this.opened(this.anchors.checkpointNote);
      } catch (error) {
        throw new VerificationFailed(null, `the checkpoint you kept does not open with the verifier key: ${(error as Error).message}`);
      }
    }
  }

  /** A checkpoint signed by the verifier key for its own origin (a key signs one log). */
  private opened(note: string): Checkpoint {
    const checkpoint = openCheckpoint(note, this.verifierKey!);
    if (checkpoint.origin !== this.keyName) throw new CheckpointRefused(`it is a checkpoint of ${checkpoint.origin}, not of ${this.keyName}`);
    return checkpoint;
  }

  private takeCheckpoint(line: ExportCheckpoint): void {
    if (!this.header || !this.verifierKey) throw new VerificationFailed(null, 'a checkpoint comes before the header');
    if (this.nextLeaf > 0) throw new VerificationFailed(null, 'a checkpoint comes after the leaves');
    let checkpoint: Checkpoint;
    try {
      checkpoint = this.opened(line.note);
    } catch (error) {
      throw new VerificationFailed(null, `the checkpoint of ${line.treeSize} leaves is not validly signed: ${(error as CheckpointRefused).message}`);
    }
    if (checkpoint.treeSize !== line.treeSize || checkpoint.rootHash.toString('hex') !== line.rootHash) {
      throw new VerificationFailed(null, `the checkpoint of ${line.treeSize} leaves says otherwise in its signed note`);
    }
    const same = this.checkpoints.get(checkpoint.treeSize);
    if (same && !same.checkpoint.rootHash.equals(checkpoint.rootHash)) {
      throw new VerificationFailed(null, `two checkpoints of ${checkpoint.treeSize} leaves were signed with different roots: the log forked`);
    }
    if (checkpoint.treeSize <= this.largestCheckpoint && !same) throw new VerificationFailed(null, `the checkpoint of ${checkpoint.treeSize} leaves comes after a larger one`);
    this.largestCheckpoint = Math.max(this.largestCheckpoint, checkpoint.treeSize);
    this.checkpoints.set(checkpoint.treeSize, { checkpoint, line: this.lineNumber });
  }

  /** The store holds an event among the sealed ones that no leaf seals: it was added behind the seal. */
  private refuseUnsealed(line: ExportUnsealedEvent): never {
    let described = `an event at log position ${line.position}`;
    try {
      const body = JSON.parse(line.event.body) as { streamId?: unknown; streamVersion?: unknown; type?: unknown };
      described = `${String(body.type)} of ${String(body.streamId)} at log position ${line.position}`;
    } catch {
      // described by its position alone
    }
    throw new VerificationFailed(
      this.nextLeaf,
      `the event store holds ${described}, before leaf ${this.nextLeaf}, that the seal does not include: it was added behind the seal`,
    );
  }

  private takeLeaf(leaf: ExportLeaf): void {
    if (!this.header) throw new VerificationFailed(leaf.leafIndex, 'a leaf comes before the header');
    const at = this.nextLeaf;
    const fail = (reason: string) => new VerificationFailed(at, `leaf ${at}: ${reason}`);
    if (leaf.leafIndex !== at) throw fail(leaf.leafIndex > at ? `missing: the next leaf is ${leaf.leafIndex}` : `out of order: leaf ${leaf.leafIndex} comes again`);
    if (at >= this.largestCheckpoint) throw fail(`no signed checkpoint covers it (the largest has ${this.largestCheckpoint} leaves)`);
    let sealed: { body: string; hash: string; position: string; streamVersion: number };
    try {
      sealed = JSON.parse(leaf.bytes);
    } catch {
      throw fail('its bytes are not JSON');
    }
    if (canonicalize(sealed) !== leaf.bytes) throw fail('its bytes are not in RFC 8785 canonical form');
    const leafHash = sealedLeafHash(leaf.bytes);
    if (leafHash.toString('hex') !== leaf.leafHash) throw fail(`its hash does not match its bytes (stated ${leaf.leafHash}, computed ${leafHash.toString('hex')})`);
    const chain = chainAfter(this.chain, leafHash);
    if (chain.toString('hex') !== leaf.chainHash) throw fail('the running chain over the leaves is broken here (a leaf before it was removed, changed or moved)');
    this.chain = chain;

    // The event's own stream chain, and the event as stored now against what was sealed.
    let body: { streamId?: unknown };
    try {
      body = JSON.parse(sealed.body);
    } catch {
      throw fail('the sealed event body is not JSON');
    }
    const streamId = String(body.streamId);
    const stream = this.streams.get(streamId);
    const expected = stream ? stream.version + 1 : 1;
    if (sealed.streamVersion !== expected) {
      throw fail(`${streamId} version ${sealed.streamVersion} where version ${expected} was due (an event was removed or moved)`);
    }
    const computed = chainHash(stream?.hash ?? GENESIS_HASH, sealed.streamVersion, sealed.body);
    if (computed !== sealed.hash) throw fail(`the hash chain of ${streamId} breaks at version ${sealed.streamVersion}`);
    this.streams.set(streamId, { version: sealed.streamVersion, hash: sealed.hash });
    if (leaf.event === null) throw fail(`the event ${streamId} v${sealed.streamVersion} at ${sealed.position} is no longer in the store`);
    if (leafBytes({ body: leaf.event.body, hash: leaf.event.hash, position: sealed.position, streamVersion: sealed.streamVersion }) !== leaf.bytes) {
      throw fail(`the event ${streamId} v${sealed.streamVersion} at log position ${sealed.position} has been altered in the store since it was sealed`);
    }

    // The Merkle tree, compared with every checkpoint at its size.
    this.nextLeaf = at + 1;
    this.range = appendToRange(this.range, leafHash);
    const size = this.range.size;
    const root = rangeRoot(this.range);
    const signed = this.checkpoints.get(size);
    if (signed && !signed.checkpoint.rootHash.equals(root)) throw fail(`the tree of ${size} leaves does not have the root the checkpoint of ${size} leaves signed`);
    if (this.kept && this.kept.treeSize === size && !this.kept.rootHash.equals(root)) {
      throw fail(`the tree of ${size} leaves does not have the root of the checkpoint you kept: the history was rewritten`);
    }
  }
}
