import { nodeHash, type Hash } from './merkle-tree.js';

/**
 * The verifiers of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency): what an auditor runs
 * on proofs the ledger hands out, trusting nothing but the roots it kept. Each answers whether the
 * proof holds; a malformed proof (wrong length, sizes out of range) does not hold.
 */

const lsb = (value: bigint) => (value & 1n) === 1n;

/** Whether `leaf` is the leaf at `leafIndex` of the tree of `treeSize` leaves whose root is `root`. */
export function verifyInclusion(leaf: Hash, leafIndex: number, treeSize: number, proof: readonly Hash[], root: Hash): boolean {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return false;
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize - 1);
  let r = leaf;
  for (const p of proof) {
    if (p.length !== 32 || sn === 0n) return false;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

/** Whether the tree of `fromSize` leaves with root `fromRoot` is a prefix of the tree of `toSize` with root `toRoot`. */
export function verifyConsistency(fromSize: number, toSize: number, proof: readonly Hash[], fromRoot: Hash, toRoot: Hash): boolean {
  if (!Number.isSafeInteger(fromSize) || !Number.isSafeInteger(toSize) || fromSize < 0 || fromSize > toSize) return false;
  if (fromSize === toSize) return proof.length === 0 && fromRoot.equals(toRoot);
  if (fromSize === 0) return proof.length === 0; // every tree extends the empty one
  if (proof.length === 0 || proof.some((hash) => hash.length !== 32)) return false;
  const path = isPowerOfTwo(fromSize) ? [fromRoot, ...proof] : [...proof];
  let fn = BigInt(fromSize - 1);
  let sn = BigInt(toSize - 1);
  while (lsb(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && fr.equals(fromRoot) && sr.equals(toRoot);
}

const isPowerOfTwo = (n: number) => n > 0 && (BigInt(n) & (BigInt(n) - 1n)) === 0n;
