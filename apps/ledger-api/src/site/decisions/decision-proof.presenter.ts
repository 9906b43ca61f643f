import type { IssuedCheckpoint } from '@ledger/verifiable-log';

/** An inclusion proof as the sealed log gives it. */
export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  leafHash: Buffer;
  leafBytes: string;
  rootHash: Buffer;
  proof: Buffer[];
}

/** What the decision page shows an auditor, and what its script checks in the browser. */
export interface DecisionProofContent {
  ratificationId: string;
  leafIndex: number;
  treeSize: string;
  leafHash: string;
  leafBytes: string;
  rootHash: string;
  auditPath: string[];
  note: string;
  verifierKey: string;
  signedOn: string;
}

/** The proof that a decision is in the sealed log: its leaf, its audit path to the latest checkpoint, and that checkpoint, signed. */
export function presentDecisionProof(ratificationId: string, inclusion: InclusionProof, checkpoint: IssuedCheckpoint, verifierKey: string, signedOn: string): DecisionProofContent {
  return {
    ratificationId,
    leafIndex: inclusion.leafIndex,
    treeSize: inclusion.treeSize.toLocaleString('en-GB'),
    leafHash: inclusion.leafHash.toString('hex'),
    leafBytes: inclusion.leafBytes,
    rootHash: inclusion.rootHash.toString('hex'),
    auditPath: inclusion.proof.map((hash) => hash.toString('hex')),
    note: checkpoint.note,
    verifierKey,
    signedOn,
  };
}
