import { setTimeout as sleep } from 'node:timers/promises';
import type { StoredEvent } from './envelope.js';
import type { EventStore, FollowLogOptions } from './event-store.port.js';
import { LOG_START } from './log-position.js';

/** A pull loop over `readLog`: pages as fast as the log has them, a short pause when it has none. */
export async function* followLog(
  store: Pick<EventStore, 'readLog'>,
  { after = LOG_START, limit, signal, idleDelayMs = 50 }: FollowLogOptions = {},
): AsyncGenerator<StoredEvent[]> {
  let position = after;
  while (!signal?.aborted) {
    const page = await store.readLog({ after: position, limit });
    if (page.length > 0) {
      position = page[page.length - 1].position;
      yield page;
      continue;
    }
    try {
      await sleep(idleDelayMs, undefined, { signal });
    } catch {
      return; // aborted while waiting
    }
  }
}
