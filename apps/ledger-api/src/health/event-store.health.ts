import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, EventStoreDbEventStore, type EventStore } from '@ledger/event-store';

/**
 * Ready when the event store answers. With the events in the database, that is the database
 * check; with EventStoreDB it reads the head of `$all`, naming the server when it cannot.
 */
@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly health: HealthIndicatorService,
  ) {}

  async isReady(key = 'eventStore') {
    const indicator = this.health.check(key);
    if (!(this.store instanceof EventStoreDbEventStore)) return indicator.up({ kind: 'database' });
    const details = { kind: 'eventstoredb', server: this.store.server };
    try {
      return indicator.up({ ...details, headPosition: await this.store.headPosition() });
    } catch (error) {
      return indicator.down({ ...details, message: (error as Error).message });
    }
  }
}
