import type { SqlSession } from '@ledger/event-store';
import { copyRows, writeRows, type TableRows } from './copy-rows.js';

/** One table's share of `FoldedRows`: its new rows by their columns, and its restatements in the order they were folded. */
interface TableShare {
  copied: Map<string, { table: string; columns: string; rows: object[] }>;
  restated: TableRows[];
}

/**
 * The rows a projection folded in memory from several pages of the log, written together: into
 * each table, its new rows by one COPY for each set of columns, then the rows restating rows
 * written before — those of an earlier write, or new ones of this one — in the order they were
 * folded, so that a later restatement of a row is written over an earlier one.
 */
export class FoldedRows {
  private readonly byTable = new Map<string, TableShare>();

  constructor(tables: readonly TableRows[] = []) {
    this.add(tables);
  }

  add(tables: readonly TableRows[]): void {
    for (const rows of tables) {
      if (rows.rows.length === 0) continue;
      let share = this.byTable.get(rows.table);
      if (!share) this.byTable.set(rows.table, (share = { copied: new Map(), restated: [] }));
      if (rows.restates) {
        share.restated.push(rows);
        continue;
      }
      const copied = share.copied.get(rows.columns);
      if (copied) copied.rows.push(...rows.rows);
      else share.copied.set(rows.columns, { table: rows.table, columns: rows.columns, rows: [...rows.rows] });
    }
  }

  /** The tables it holds rows for. */
  get tables(): string[] {
    return [...this.byTable.keys()];
  }

  /** Writes its rows of `table`, as the session's search path finds it. */
  async write(session: SqlSession, table: string): Promise<void> {
    const share = this.byTable.get(table);
    if (!share) return;
    for (const rows of share.copied.values()) await copyRows(session, rows);
    for (const rows of share.restated) await writeRows(session, rows);
  }
}
