import { setTimeout as sleep } from 'node:timers/promises';
import type { LedgerCheckpoints } from './ledger-checkpoints.js';
import type { Sealer } from './sealer.js';

const IDLE_DELAY_MS = 200;

/**
 * Seals the log as it grows and signs a checkpoint at least every `intervalMs` while it does
 * (the first as soon as the seal has caught up), until the signal aborts. It rejects on the first
 * failure: the caller stops loudly.
 */
export async function keepSealing(sealer: Sealer, checkpoints: LedgerCheckpoints, intervalMs: number, signal: AbortSignal): Promise<void> {
  let lastCheckpoint = 0;
  while (!signal.aborted) {
    const sealed = await sealer.sealBatch();
    if (Date.now() - lastCheckpoint >= intervalMs || (lastCheckpoint === 0 && sealed === 0)) {
      await checkpoints.issue();
      lastCheckpoint = Date.now();
    }
    if (sealed > 0) continue;
    try {
      await sleep(IDLE_DELAY_MS, undefined, { signal });
    } catch {
      return;
    }
  }
}
