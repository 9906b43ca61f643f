import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { EVENT_STORE, SqlEventStore, type EventStore } from '@ledger/event-store';

/** Seconds, from half a millisecond to a quarter of a second. */
const SECONDS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25];

/**
 * Group commit as it runs on the SQL stores, for `/metrics`: how many appends went in each
 * statement, how long each append waited for its group to be sent, and each group's round trip —
 * what a command spends in its append, beside PostgreSQL's own work (`pg_stat_statements`).
 * EventStoreDB takes appends one by one: the histograms stay empty.
 */
@Injectable()
export class AppendGroupMeter {
  /** Merged into `/metrics`. */
  readonly registry = new Registry();

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    const appends = new Histogram({
      name: 'ledger_append_group_appends',
      help: 'How many appends went together in one statement and transaction (group commit).',
      buckets: [1, 2, 4, 8, 16, 32, 64, 100],
      registers: [this.registry],
    });
    const waited = new Histogram({
      name: 'ledger_append_wait_seconds',
      help: 'How long an append waited for its group to be sent: for the group in flight before it to come back.',
      buckets: SECONDS,
      registers: [this.registry],
    });
    const roundTrip = new Histogram({
      name: 'ledger_append_group_seconds',
      help: "A group's statement from its sending to its answer being taken: PostgreSQL's work and commit, the round trip, and the wait for this process's event loop.",
      buckets: SECONDS,
      registers: [this.registry],
    });
    const failed = new Counter({
      name: 'ledger_append_groups_failed_total',
      help: 'Groups whose statement failed as a whole (their appends are sent again, each on its own).',
      registers: [this.registry],
    });
    if (!(store instanceof SqlEventStore)) return;
    store.onAppendGroup((group) => {
      appends.observe(group.appends);
      for (const ms of group.waitedMs) waited.observe(ms / 1000);
      roundTrip.observe(group.roundTripMs / 1000);
      if (group.failed) failed.inc();
    });
  }
}
