import { createHash, hash } from 'node:crypto';

/**
 * Merkle tree hashing as RFC 9162 §2.1 (and RFC 6962) defines it, with SHA-256: a leaf is
 * `SHA-256(0x00 ‖ bytes)`, an interior node `SHA-256(0x01 ‖ left ‖ right)`, and the tree over n
 * leaves splits at the largest power of two below n. Hashes are 32-byte Buffers.
 */

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export type Hash = Buffer;

/**
 * A leaf's hash. Text is hashed as its UTF-8 bytes, in one call: the prefix is then U+0000, which
 * UTF-8 writes as the one byte 0x00, so the text needs no Buffer of its own.
 */
export function leafHash(bytes: Uint8Array | string): Hash {
  if (typeof bytes === 'string') return hash('sha256', `\u0000${bytes}`, 'buffer');
  return createHash('sha256').update(LEAF_PREFIX).update(bytes).digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over the leaves' hashes. */
export function merkleRoot(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_ROOT;
  return subtreeRoot(leaves, 0, leaves.length);
}

/** The root of leaves[start, end), computed level by level (no recursion on large trees). */
export function subtreeRoot(leaves: readonly Hash[], start: number, end: number): Hash {
  if (end - start === 1) return leaves[start];
  const k = splitPoint(end - start);
  return nodeHash(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end));
}

/** PATH(m, D[n]): the audit path of leaf m in the tree of the first `treeSize` leaves. */
export function inclusionProof(leaves: readonly Hash[], leafIndex: number, treeSize = leaves.length): Hash[] {
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize || treeSize > leaves.length) {
    throw new RangeError(`No leaf ${leafIndex} in a tree of ${treeSize}.`);
  }
  const path: Hash[] = [];
  let start = 0;
  let end = treeSize;
  let m = leafIndex;
  const frames: Hash[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      frames.push(subtreeRoot(leaves, start + k, end));
      end = start + k;
    } else {
      frames.push(subtreeRoot(leaves, start, start + k));
      start += k;
      m -= k;
    }
  }
  // PATH lists the siblings from the leaf up; the walk above went from the root down.
  for (let index = frames.length - 1; index >= 0; index--) path.push(frames[index]);
  return path;
}

/** PROOF(m, D[n]): that the tree of the first `fromSize` leaves is a prefix of the tree of `toSize`. */
export function consistencyProof(leaves: readonly Hash[], fromSize: number, toSize = leaves.length): Hash[] {
  if (!Number.isSafeInteger(fromSize) || fromSize < 0 || fromSize > toSize || toSize > leaves.length) {
    throw new RangeError(`No consistency proof from a tree of ${fromSize} to one of ${toSize}.`);
  }
  if (fromSize === 0 || fromSize === toSize) return [];
  const proof: Hash[] = [];
  subproof(leaves, fromSize, 0, toSize, true, proof);
  return proof;
}

/** SUBPROOF(m, D[start, end), b), appending in the order RFC 9162 writes it. */
function subproof(leaves: readonly Hash[], m: number, start: number, end: number, complete: boolean, into: Hash[]): void {
  const n = end - start;
  if (m === n) {
    if (!complete) into.push(subtreeRoot(leaves, start, end));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(leaves, m, start, start + k, complete, into);
    into.push(subtreeRoot(leaves, start + k, end));
  } else {
    subproof(leaves, m - k, start + k, end, false, into);
    into.push(subtreeRoot(leaves, start, start + k));
  }
}

/**
 * The tree of n leaves kept as its compact range: the roots of the perfect subtrees it splits
 * into, largest first (one per set bit of n). Appending a leaf and taking the root cost O(log n),
 * so a sealer never rereads the leaves to sign a checkpoint.
 */
export interface CompactRange {
  size: number;
  hashes: Hash[];
}

export const EMPTY_RANGE: CompactRange = { size: 0, hashes: [] };

export function appendToRange(range: CompactRange, leaf: Hash): CompactRange {
  const hashes = [...range.hashes, leaf];
  for (let size = range.size; size % 2 === 1; size = Math.floor(size / 2)) {
    const right = hashes.pop()!;
    const left = hashes.pop()!;
    hashes.push(nodeHash(left, right));
  }
  return { size: range.size + 1, hashes };
}

export function rangeRoot(range: CompactRange): Hash {
  if (range.hashes.length === 0) return EMPTY_ROOT;
  let root = range.hashes[range.hashes.length - 1];
  for (let index = range.hashes.length - 2; index >= 0; index--) root = nodeHash(range.hashes[index], root);
  return root;
}
