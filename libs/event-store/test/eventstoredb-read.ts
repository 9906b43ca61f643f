import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { canonicalEvent } from '../src/core/canonical-event.js';
import type { NewEvent } from '../src/core/envelope.js';
import { eventDataOf } from '../src/eventstoredb/eventstoredb-mapping.js';

/** What the adapter sends EventStoreDB for an append of `events` at `recordedAt` after `previous`. */
export function appendedData(streamId: string, events: readonly NewEvent[], previous: { version: number; hash: string }, recordedAt: string, appendId?: string) {
  return eventDataOf(events.map((event, index) => canonicalEvent(streamId, event, index, recordedAt)), previous, appendId);
}

/**
 * What the client hands back for an event read from `$all` or a subscription to it, filled in as
 * the server fills it in, from the very `EventData` the adapter appends.
 */
export function readFromAll(event: ReturnType<typeof eventDataOf>['events'][number], streamId: string, revision: bigint, position: { commit: bigint; prepare: bigint }, created = new Date()): AllStreamResolvedEvent {
  return {
    event: { streamId, id: event.id, isJson: true, revision, type: event.type, created, data: event.data, metadata: event.metadata, position },
    commitPosition: position.commit,
  } as unknown as AllStreamResolvedEvent;
}
