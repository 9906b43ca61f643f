import type { AppendResult } from '../core/envelope.js';
import type { SqlSession } from './database.js';
import { appendedResult, appendGroup, type AppendedRow, type GroupedAppend } from './sql-append.js';

/** The most appends one statement carries: a hundred ratifications are about 200 kB of events. */
const MOST_APPENDS_A_GROUP = 100;

interface Waiting {
  append: GroupedAppend;
  settle: (result: AppendResult | null, error?: unknown) => void;
}

/**
 * Group commit: appends that arrive while an append statement is in flight wait for it, then go
 * together as one statement in one transaction (`APPEND_SQL`). PostgreSQL spends more on a
 * statement, its round trip and its commit than on the events it inserts, and so does this
 * process on sending it; an append that arrives while none is in flight goes at once, alone, as it
 * would without groups.
 *
 * Each append in a group stands or falls on its own: the statement appends those whose guards and
 * stream stand where their decisions read them. A group never holds two appends to one stream, nor
 * an append to a stream that another of it is guarded by (each waits for a later group, in the
 * order they came), so that each append's guards are read before any append of its group moves them.
 * An append that appended nothing is answered null, to be tried on its own, where the store tells
 * why (`appendToStream`); so is every append of a group that failed as a whole (an event id already
 * stored, a deadlock), which rolled back. A group of one fails with its statement's own error.
 */
export class AppendGroups {
  private waiting: Waiting[] = [];
  private sending = false;

  constructor(private readonly database: SqlSession) {}

  /** The append's result once its group is committed; null when it appended nothing and must be tried on its own. */
  append(append: GroupedAppend): Promise<AppendResult | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ append, settle: (result, error) => (error === undefined ? resolve(result) : reject(error)) });
      if (!this.sending) void this.sendGroups();
    });
  }

  private async sendGroups(): Promise<void> {
    this.sending = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.nextGroup();
        let rows: AppendedRow[][];
        try {
          rows = await appendGroup(
            this.database,
            group.map(({ append }) => append),
          );
        } catch (error) {
          if (group.length === 1) group[0].settle(null, error);
          else group.forEach(({ settle }) => settle(null));
          continue;
        }
        group.forEach(({ settle }, n) => settle(rows[n].length > 0 ? appendedResult(rows[n]) : null));
      }
    } finally {
      this.sending = false;
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
      if (group.length >= MOST_APPENDS_A_GROUP || streams.has(streamId) || guards.has(streamId) || its.ids.some((id) => streams.has(id))) {
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
