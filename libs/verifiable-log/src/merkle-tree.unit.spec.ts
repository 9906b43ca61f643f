import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendToRange, consistencyProof, EMPTY_RANGE, EMPTY_ROOT, inclusionProof, leafHash, merkleRoot, nodeHash, rangeRoot, type Hash } from './merkle-tree.js';
import { verifyConsistency, verifyInclusion } from './proof-verification.js';

/** The published RFC 6962 / RFC 9162 vectors (transparency-dev/merkle), copied from ../shared/test-vectors so that a clean clone has them. */
interface Vectors {
  leafInputsHex: string[];
  rootsBySize: Record<string, string>;
  inclusionProofs: { leafIndex: number; treeSize: number; leafHash: string; root: string; proof: string[] }[];
  consistencyProofs: { size1: number; size2: number; root1: string; root2: string; proof: string[] }[];
}
const vectors = JSON.parse(readFileSync(join(process.cwd(), 'libs', 'verifiable-log', 'test', 'vectors', 'rfc6962-merkle.json'), 'utf8')) as Vectors;
const hex = (value: string) => Buffer.from(value, 'hex');
const leaves: Hash[] = vectors.leafInputsHex.map((input) => leafHash(hex(input)));

/** Every way of spoiling a proof an auditor must catch. */
function corruptions(proof: readonly Hash[]): [string, Hash[]][] {
  const flipped = (index: number) => proof.map((hash, at) => (at === index ? Buffer.from(hash.map((byte, position) => (position === 0 ? byte ^ 0x01 : byte))) : hash));
  return [
    ...proof.map((_, index): [string, Hash[]] => [`a bit flipped in component ${index}`, flipped(index)]),
    ['a component missing', proof.slice(0, -1)],
    ['a component added', [...proof, leaves[0]]],
    ['a component added in front', [leaves[0], ...proof]],
    ['components swapped', proof.length > 1 ? [proof[1], proof[0], ...proof.slice(2)] : [leaves[1]]],
    ['a short component', proof.map((hash, index) => (index === 0 ? hash.subarray(0, 31) : hash))],
  ];
}

describe('Merkle tree hashing (RFC 9162 §2.1)', () => {
  it('hashes a leaf as SHA-256(0x00 ‖ bytes) and a node as SHA-256(0x01 ‖ left ‖ right)', () => {
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(vectors.rootsBySize['1']);
    expect(nodeHash(leaves[0], leaves[1]).toString('hex')).toBe(vectors.rootsBySize['2']);
  });

  it.each(Object.entries(vectors.rootsBySize))('gives the published root of the tree of %s leaves', (size, root) => {
    expect(merkleRoot(leaves.slice(0, Number(size))).toString('hex')).toBe(root);
  });

  it('keeps the same roots as a compact range, leaf by leaf', () => {
    let range = EMPTY_RANGE;
    expect(rangeRoot(range).toString('hex')).toBe(vectors.rootsBySize['0']);
    for (const [index, leaf] of leaves.entries()) {
      range = appendToRange(range, leaf);
      expect(rangeRoot(range).toString('hex')).toBe(vectors.rootsBySize[String(index + 1)]);
      expect(range.hashes).toHaveLength([...(index + 1).toString(2)].filter((bit) => bit === '1').length);
    }
    const many = Array.from({ length: 1000 }, (_, index) => leafHash(Buffer.from(String(index))));
    expect(rangeRoot(many.reduce(appendToRange, EMPTY_RANGE))).toEqual(merkleRoot(many));
  });

  it('roots the empty tree at SHA-256 of nothing', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(vectors.rootsBySize['0']);
  });
});

describe('inclusion proofs', () => {
  it.each(vectors.inclusionProofs.map((vector) => [vector.leafIndex, vector.treeSize, vector] as const))('proves leaf %i in a tree of %i as published, and the proof verifies', (_index, _size, vector) => {
    const proof = inclusionProof(leaves, vector.leafIndex, vector.treeSize);
    expect(proof.map((hash) => hash.toString('hex'))).toEqual(vector.proof);
    expect(verifyInclusion(hex(vector.leafHash), vector.leafIndex, vector.treeSize, vector.proof.map(hex), hex(vector.root))).toBe(true);
  });

  it('verifies every leaf of every tree up to 8 leaves, and proves nothing about the wrong leaf, index, size or root', () => {
    for (let size = 1; size <= 8; size++) {
      const root = merkleRoot(leaves.slice(0, size));
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(leaves, index, size);
        expect(verifyInclusion(leaves[index], index, size, proof, root)).toBe(true);
        expect(verifyInclusion(leaves[(index + 1) % 8], index, size, proof, root)).toBe(false);
        if (size > 1) expect(verifyInclusion(leaves[index], (index + 1) % size, size, proof, root)).toBe(false);
        // A size is only ever claimed with that size's root (a checkpoint binds them).
        for (const other of [size - 1, size + 1].filter((candidate) => candidate > index && candidate <= 8)) {
          expect(verifyInclusion(leaves[index], index, other, proof, merkleRoot(leaves.slice(0, other)))).toBe(false);
        }
        expect(verifyInclusion(leaves[index], index, size, proof, merkleRoot(leaves.slice(0, size === 8 ? 7 : size + 1)))).toBe(false);
      }
    }
    expect(verifyInclusion(leaves[0], 8, 8, [], merkleRoot(leaves))).toBe(false);
    expect(verifyInclusion(leaves[0], -1, 8, [], merkleRoot(leaves))).toBe(false);
  });

  it.each(vectors.inclusionProofs.flatMap((vector) => corruptions(vector.proof.map(hex)).map(([how, proof]) => [how, vector.leafIndex, vector.treeSize, proof, vector] as const)))(
    'refuses a proof with %s (leaf %i of %i)',
    (_how, _index, _size, proof, vector) => {
      expect(verifyInclusion(hex(vector.leafHash), vector.leafIndex, vector.treeSize, proof, hex(vector.root))).toBe(false);
    },
  );
});

describe('consistency proofs', () => {
  it.each(vectors.consistencyProofs.map((vector) => [vector.size1, vector.size2, vector] as const))('proves the tree of %i a prefix of the tree of %i as published, and the proof verifies', (_from, _to, vector) => {
    const proof = consistencyProof(leaves, vector.size1, vector.size2);
    expect(proof.map((hash) => hash.toString('hex'))).toEqual(vector.proof);
    expect(verifyConsistency(vector.size1, vector.size2, vector.proof.map(hex), hex(vector.root1), hex(vector.root2))).toBe(true);
  });

  it('verifies every pair of sizes up to 8, including equal sizes and the empty tree', () => {
    for (let to = 0; to <= 8; to++) {
      for (let from = 0; from <= to; from++) {
        const proof = consistencyProof(leaves, from, to);
        expect(verifyConsistency(from, to, proof, merkleRoot(leaves.slice(0, from)), merkleRoot(leaves.slice(0, to)))).toBe(true);
      }
    }
  });

  it.each(vectors.consistencyProofs.flatMap((vector) => corruptions(vector.proof.map(hex)).map(([how, proof]) => [how, vector.size1, vector.size2, proof, vector] as const)))(
    'refuses a proof with %s (%i to %i)',
    (_how, _from, _to, proof, vector) => {
      expect(verifyConsistency(vector.size1, vector.size2, proof, hex(vector.root1), hex(vector.root2))).toBe(false);
    },
  );

  it.each(vectors.consistencyProofs.map((vector) => [vector.size1, vector.size2, vector] as const))('refuses wrong sizes and swapped roots (%i to %i)', (_from, _to, vector) => {
    const proof = vector.proof.map(hex);
    expect(verifyConsistency(vector.size1, vector.size2, proof, hex(vector.root2), hex(vector.root1))).toBe(false);
    // A size is only ever claimed with that size's root (a checkpoint binds them).
    const rootOf = (size: number) => merkleRoot(leaves.slice(0, size));
    expect(verifyConsistency(vector.size1 + 1, vector.size2, proof, rootOf(vector.size1 + 1), hex(vector.root2))).toBe(false);
    expect(verifyConsistency(vector.size1 - 1, vector.size2, proof, rootOf(vector.size1 - 1), hex(vector.root2))).toBe(false);
    if (vector.size2 < 8) expect(verifyConsistency(vector.size1, vector.size2 + 1, proof, hex(vector.root1), rootOf(vector.size2 + 1))).toBe(false);
    expect(verifyConsistency(vector.size1, vector.size2 - 1, proof, hex(vector.root1), rootOf(vector.size2 - 1))).toBe(false);
    expect(verifyConsistency(vector.size2, vector.size1, proof, hex(vector.root2), hex(vector.root1))).toBe(false);
    expect(verifyConsistency(vector.size1, vector.size2, proof, hex(vector.root1), hex(vector.root1))).toBe(false);
  });

  it('does not let a tree be consistent with a different tree of the same size', () => {
    expect(verifyConsistency(5, 5, [], merkleRoot(leaves.slice(0, 5)), merkleRoot([...leaves.slice(0, 4), leaves[7]]))).toBe(false);
  });
});
