import { setTimeout as sleep } from 'node:timers/promises';
import type { LedgerCheckpoints } from './ledger-checkpoints.js';
import { LogIntegrityError, RefusalToSignError } from './log-integrity-error.js';
import type { SealedLog } from './sealed-log.js';
import type { Sealer } from './sealer.js';

const IDLE_DELAY_MS = 200;
/** The longest pause after passing failures in a row, so that the sealer is back soon after the database. */
const LONGEST_RETRY_MS = 5_000;

export interface SealingOptions {
  /** Sign a checkpoint at least this often while the log grows. */
  intervalMs: number;
  signal: AbortSignal;
  /**
   * Read the whole sealed log back and check it against the store (`SealedLog.audit`) when the
   * loop starts and then this often; 0 never.
   */
  auditIntervalMs?: number;
  /** The sealed log to audit. */
  log?: SealedLog;
  /** Hears of each passing failure, before the pause that follows it. */
  onRetry?: (error: unknown, delayMs: number) => void;
  /** Hears that a round succeeded after passing failures. */
  onRecovered?: () => void;
  /** Hears of each audit that found the store holding exactly what was sealed: how many events it read back. */
  onAudited?: (events: number) => void;
}

/** What the sealer must not retry: the log does not hold what was sealed, or a checkpoint would not extend the last. */
const isFatal = (error: unknown) => error instanceof LogIntegrityError || error instanceof RefusalToSignError;

/**
 * Seals the log as it grows and signs a checkpoint at least every `intervalMs` while it does
 * (the first as soon as the seal has caught up), until the signal aborts. Before each checkpoint
 * it checks that the store holds exactly the sealed events up to the seal (nothing added behind
 * it, nothing removed), and now and then it reads the whole sealed log back against the seal. A
 * passing failure (the database away for a moment) is reported and retried with a growing
 * pause; anything the seal does not explain, or a checkpoint it refuses to sign, stops it: the
 * caller stops loudly.
 */
export async function keepSealing(sealer: Sealer, checkpoints: LedgerCheckpoints, options: SealingOptions): Promise<void> {
  const { intervalMs, signal, auditIntervalMs = 0, log, onRetry = () => undefined, onRecovered = () => undefined, onAudited = () => undefined } = options;
  let lastCheckpoint = 0;
  let lastAudit = 0;
  let failures = 0;
  while (!signal.aborted) {
    let sealed = 0;
    try {
      if (log && auditIntervalMs > 0 && Date.now() - lastAudit >= auditIntervalMs) {
        const audited = await log.audit(signal);
        lastAudit = Date.now();
        if (!signal.aborted) onAudited(audited);
      }
      sealed = await sealer.sealBatch();
      if (Date.now() - lastCheckpoint >= intervalMs || (lastCheckpoint === 0 && sealed === 0)) {
        await sealer.checkNothingAddedOrRemoved();
        await checkpoints.issue();
        lastCheckpoint = Date.now();
      }
      if (failures > 0) onRecovered();
      failures = 0;
    } catch (error) {
      if (isFatal(error) || signal.aborted) throw error;
      failures += 1;
      const delayMs = Math.min(LONGEST_RETRY_MS, IDLE_DELAY_MS * 2 ** failures);
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
