import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { eventDataOf } from '../src/eventstoredb/eventstoredb-mapping.js';

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
