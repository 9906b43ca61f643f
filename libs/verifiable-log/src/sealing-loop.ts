import { setTimeout as sleep } from 'node:timers/promises';
import type { LedgerCheckpoints } from './ledger-checkpoints.js';
import type { Sealer } from './sealer.js';

const IDLE_DELAY_MS = 200;

/** A checkpoint the ledger will not sign is not something to retry: the sealed log is in question. */
const isRefusalToSign = (error: unknown) => error instanceof Error && error.message.startsWith('Refusing to sign');

/**
 * Seals the log as it grows and signs a checkpoint at least every `intervalMs` while it does
 * (the first as soon as the seal has caught up), until the signal aborts. A passing failure (the
 * database away for a moment) is reported and retried with a growing pause; a refusal to sign a
 * checkpoint stops it: the caller stops loudly.
 */
export async function keepSealing(
  sealer: Sealer,
  checkpoints: LedgerCheckpoints,
  intervalMs: number,
  signal: AbortSignal,
  onRetry: (error: unknown, delayMs: number) => void = () => undefined,
): Promise<void> {
  let lastCheckpoint = 0;
  let failures = 0;
  while (!signal.aborted) {
    let sealed = 0;
    try {
      sealed = await sealer.sealBatch();
      if (Date.now() - lastCheckpoint >= intervalMs || (lastCheckpoint === 0 && sealed === 0)) {
        await checkpoints.issue();
        lastCheckpoint = Date.now();
      }
      failures = 0;
    } catch (error) {
      if (isRefusalToSign(error) || signal.aborted) throw error;
      failures += 1;
      const delayMs = Math.min(30_000, IDLE_DELAY_MS * 2 ** failures);
      onRetry(error, delayMs);
      if (!(await pause(delayMs, signal))) return;
      continue;
    }
    if (sealed > 0) continue;
    if (!(await pause(IDLE_DELAY_MS, signal))) return;
  }
}

/** Waits; false when the signal aborted meanwhile. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
