import type { SqlSession } from './database.js';
import { appendGroup, type AppendedRow, type GroupedAppend } from './sql-append.js';

/** The most appends one statement carries: a hundred ratifications are about 200 kB of events. */
const MOST_APPENDS_A_GROUP = 100;

/** A group of appends sent as one statement, as whoever measures the store hears of it (`SqlEventStore.onAppendGroup`). */
export interface AppendGroupSent {
  /** How many appends went in the statement. */
  appends: number;
  /** How long each of them waited, in ms, for its group to be sent: for the statement in flight before it to come back. */
  waitedMs: number[];
  /** From the statement's sending to its answer being taken, in ms: PostgreSQL's work and commit, the round trip, and this process's event loop. */
  roundTripMs: number;
  /** The statement failed as a whole: its appends are sent again, each in a group of its own. */
  failed: boolean;
}

interface Waiting {
  append: GroupedAppend;
  /** When it began to wait (`performance.now()`). */
  since: number;
  /** Sent in a group of its own: its last group failed as a whole. */
  alone: boolean;
  resolve: (rows: AppendedRow[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: appends that arrive while an append statement is in flight wait for it, then go
 * together as one statement in one transaction (`appendGroup`). PostgreSQL spends more on a
 * statement, its round trip and its commit than on the events it inserts, and so does this
 * process on sending it; an append that arrives while none is in flight goes at once, alone, as it
 * would without groups.
 *
 * Each append in a group stands or falls on its own: the statement appends those whose guards and
 * stream stand where their decisions read them, and answers each its own rows (none: it appended
 * nothing, and `appendToStream` asks why). A group never holds two appends to one stream, nor an
 * append to a stream that another of it is guarded by (each waits for a later group, in the order
 * they came), so that each append's guards are read before any append of its group moves them.
 * When a group fails as a whole (an event id already stored, a deadlock), it rolled back, and each
 * of its appends is sent again in a group of its own, which answers its own rows or its own error.
 */
export class AppendGroups {
  private waiting: Waiting[] = [];
  private sending = false;
  private readonly listeners: ((group: AppendGroupSent) => void)[] = [];

  constructor(private readonly database: SqlSession) {}

  /** `listener` hears of every group once its statement has come back. */
  listen(listener: (group: AppendGroupSent) => void): void {
    this.listeners.push(listener);
  }

  /** The rows the append added once its group is committed; none when it appended nothing. */
  append(append: GroupedAppend): Promise<AppendedRow[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ append, alone: false, since: performance.now(), resolve, reject });
      if (!this.sending) void this.sendGroups();
    });
  }

  private async sendGroups(): Promise<void> {
    this.sending = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.nextGroup();
        const sentAt = performance.now();
        let rows: AppendedRow[][];
        try {
          rows = await appendGroup(
            this.database,
            group.map(({ append }) => append),
          );
        } catch (error) {
          this.tell(group, sentAt, true);
          if (group.length === 1) group[0].reject(error);
          else this.waiting.unshift(...group.map((waiting) => ({ ...waiting, alone: true, since: performance.now() })));
          continue;
        }
        this.tell(group, sentAt, false);
        group.forEach(({ resolve }, n) => resolve(rows[n]));
      }
    } finally {
      this.sending = false;
    }
  }

  /** Tells the listeners of a group come back; one that throws changes nothing of the appends. */
  private tell(group: readonly Waiting[], sentAt: number, failed: boolean): void {
    if (this.listeners.length === 0) return;
    const sent: AppendGroupSent = { appends: group.length, waitedMs: group.map(({ since }) => sentAt - since), roundTripMs: performance.now() - sentAt, failed };
    for (const listener of this.listeners) {
      try {
        listener(sent);
      } catch {
        // a measurement that failed is no failure of the appends it measured
      }
    }
  }

  /** The appends waiting longest that can share a statement; the others wait on, in their order. */
  private nextGroup(): Waiting[] {
    const group: Waiting[] = [];
    const left: Waiting[] = [];
    const streams = new Set<string>();
    const guards = new Set<string>();
    for (const waiting of this.waiting) {
      const { streamId, guards: its } = waiting.append;
      const full = group.length >= MOST_APPENDS_A_GROUP || group[0]?.alone === true || (waiting.alone && group.length > 0);
      if (full || streams.has(streamId) || guards.has(streamId) || its.ids.some((id) => streams.has(id))) {
        left.push(waiting);
        continue;
      }
      group.push(waiting);
      streams.add(streamId);
      its.ids.forEach((id) => guards.add(id));
    }
    this.waiting = left;
    return group;
  }
}
