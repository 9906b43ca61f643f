import type { EventStore, StoredEvent } from '@ledger/event-store';
import { emptyStream, foldOnto, type LoadedStreams, type StreamReader, type StreamToLoad } from './folded-streams.js';
import { knownAt, type KnownAt } from './known-at.js';

/**
 * Streams as the ledger knew them at a past moment: each folded from its first event up to the
 * last one recorded by then (the known prefix; an event recorded later ends it). Streams are read
 * whole from the store, or taken from events already read (`read`), which lets a question be
 * asked at many moments on one read.
 */
export class StreamsAsKnown implements StreamReader {
  private readonly known: (event: StoredEvent) => boolean;

  constructor(
    private readonly store: Pick<EventStore, 'readStreams'>,
    moment: KnownAt,
    private readonly read: Map<string, StoredEvent[]> = new Map(),
  ) {
    this.known = knownAt(moment);
  }

  async loadAll<const T extends readonly StreamToLoad<unknown>[]>(streams: T): Promise<LoadedStreams<T>> {
    const missing = streams.filter(({ streamId }) => !this.read.has(streamId));
    if (missing.length > 0) {
      const fetched = await this.store.readStreams(missing.map(({ streamId }) => ({ streamId, fromVersion: 1 })));
      for (const { streamId } of missing) this.read.set(streamId, fetched.get(streamId) ?? []);
    }
    return streams.map(({ streamId, decider }) => {
      const events = this.read.get(streamId)!;
      const unknown = events.findIndex((event) => !this.known(event));
      return foldOnto(emptyStream(streamId, decider), decider, unknown === -1 ? events : events.slice(0, unknown));
    }) as unknown as LoadedStreams<T>;
  }
}
