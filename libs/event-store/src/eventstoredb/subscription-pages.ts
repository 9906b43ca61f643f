import type { Readable } from 'node:stream';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { StoredEvent } from '../core/envelope.js';
import { compareLogPositions, type LogPosition } from '../core/log-position.js';
import { isLedgerEvent, ledgerErrorOf, storedEventOf } from './eventstoredb-mapping.js';

/** A catch-up subscription to `$all` as the client gives it: a readable stream of events. */
export type AllSubscription = Readable & AsyncIterable<AllStreamResolvedEvent> & { unsubscribe?: () => Promise<void> };

/**
 * Turns a catch-up subscription into pages of ledger events, as `followLog` yields them: each
 * page is what the subscription had buffered (at most `limit`), so a projector catching up gets
 * full pages and one following the head gets each append as soon as it lands. Events the ledger
 * did not write (EventStoreDB's own, another application's) and anything at or before `after` are left out. Ends when the signal aborts or the
 * caller stops; either way the subscription is closed.
 */
export async function* pagesOf(subscription: AllSubscription, { after, limit, signal }: { after: LogPosition; limit: number; signal?: AbortSignal }): AsyncGenerator<StoredEvent[]> {
  const stop = () => void close(subscription);
  signal?.addEventListener('abort', stop, { once: true });
  let page: StoredEvent[] = [];
  try {
    if (signal?.aborted) return;
    for await (const resolved of subscription) {
      if (isLedgerEvent(resolved)) {
        const event = storedEventOf(resolved);
        if (compareLogPositions(event.position, after) > 0) page.push(event);
      }
      if (page.length > 0 && (page.length >= limit || subscription.readableLength === 0)) {
        const full = page;
        page = [];
        yield full;
      }
      if (signal?.aborted) return;
    }
  } catch (error) {
    if (signal?.aborted) return;
    throw ledgerErrorOf(error);
  } finally {
    signal?.removeEventListener('abort', stop);
    await close(subscription);
  }
}

/** Cancels the call to the server (leaving the loop only destroys the local stream), and ends the local stream (a cancelled call need not). */
async function close(subscription: AllSubscription): Promise<void> {
  await subscription.unsubscribe?.().catch(() => undefined);
  if (!subscription.destroyed) subscription.destroy();
}
