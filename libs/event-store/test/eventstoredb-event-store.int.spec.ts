import { EventStoreDbEventStore } from '../src/eventstoredb/eventstoredb-event-store.js';
import { describeEventStoreContract } from './event-store.contract.js';

/**
 * The shared contract, on EventStoreDB/KurrentDB, whenever EVENTSTORE_CONNECTION_STRING names a
 * server (e.g. `esdb://localhost:2113?tls=false` with `docker compose --profile eventstoredb-local up`).
 * Each test writes streams of its own names into the one server's log, as the contract expects.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EventStoreDB', async () => {
    const store = EventStoreDbEventStore.connect(connectionString);
    return { store, dispose: () => store.close() };
  });
} else {
  console.warn('SKIPPED on EventStoreDB: the event store contract — EVENTSTORE_CONNECTION_STRING is not set, and this machine has no EventStoreDB server. Nothing here ran against EventStoreDB.');
  describe('event store contract: EventStoreDB', () => {
    it.skip('SKIPPED: EVENTSTORE_CONNECTION_STRING is not set, so the contract did not run against EventStoreDB', () => undefined);
  });
}
