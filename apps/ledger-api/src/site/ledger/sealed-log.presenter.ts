import type { IssuedCheckpoint } from '@ledger/verifiable-log';
import { frame, type Page } from '../page.js';
import { londonDayAndTime } from '../plain-english.js';

export interface SealedLogContent {
  checkpoint: { treeSize: string; rootHash: string; signed: string; note: string } | null;
  verifierKey: string;
  origin: string;
}

/** The sealed log, for auditors: the latest signed checkpoint, the key to check it with, and how to export and verify the log. */
export function presentSealedLog(checkpoint: IssuedCheckpoint | null, verifierKey: string, origin: string): Page<SealedLogContent> {
  return {
    page: frame('The sealed log', { text: 'Sealed log', href: '/ledger' }),
    checkpoint: checkpoint
      ? { treeSize: checkpoint.treeSize.toLocaleString('en-GB'), rootHash: checkpoint.rootHash.toString('hex'), signed: londonDayAndTime(checkpoint.issuedAt), note: checkpoint.note }
      : null,
    verifierKey,
    origin,
  };
}
