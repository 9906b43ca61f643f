import { Injectable } from '@nestjs/common';
import type { Instant } from '@ledger/governance';

/**
 * The ledger's clock. The domain reads none: a handler reads it as it builds a command, so the
 * decider can refuse a record dated after the moment it is recorded (`notInTheFuture`).
 */
@Injectable()
export class LedgerClock {
  now(): Instant {
    return new Date().toISOString();
  }
}
