import type { Instant } from '@ledger/governance';

/**
 * The ledger's clock. The domain reads none: a command reads it as it is built, so the rules can
 * refuse a record dated after the moment it is recorded (`notInTheFuture`).
 */
export interface LedgerClock {
  now(): Instant;
}

export const SYSTEM_CLOCK: LedgerClock = { now: () => new Date().toISOString() };
