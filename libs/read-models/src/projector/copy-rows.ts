import { copyField, type SqlSession } from '@ledger/event-store';
import { columnNames, jsonText, updateRows, type ColumnDefinitions } from './json-rows.js';

/** Rows for one table, keyed by column name, with their columns as `json_to_recordset` and `copyText` take them. */
export interface TableRows {
  table: string;
  columns: ColumnDefinitions;
  rows: readonly object[];
  /** Set when the rows restate rows already written, found by these key columns: only their other columns are written over. */
  restates?: string[];
}

/** A JavaScript array as a PostgreSQL array literal, every element quoted. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((value) => (value === null || value === undefined ? 'NULL' : `"${String(value).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

function valueText(value: unknown, isArray: boolean): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return copyField(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'number':
    case 'bigint':
      return String(value);
    default:
      return copyField(isArray && Array.isArray(value) ? arrayLiteral(value) : jsonText(value));
  }
}

/** About how many bytes of COPY text go in one piece. */
const PIECE_BYTES = 64 * 1024;

/**
 * Rows in COPY's text format, each value as `json_to_recordset` would have read it from the same
 * row: strings as they are, arrays (for `type[]` columns) as array literals, objects as JSON. The
 * text comes as UTF-8, in pieces of about 64 KiB, each value written straight into its piece: no
 * string of a whole piece is built and encoded again (in a rebuild, that cost more than writing
 * the rows' values).
 */
export function* copyText({ columns, rows }: TableRows): Generator<Uint8Array<ArrayBuffer>> {
  const names = columnNames(columns);
  const arrays = columns.split(',').map((column) => column.trim().endsWith('[]'));
  const last = names.length - 1;
  let piece = Buffer.allocUnsafe(PIECE_BYTES);
  let written = 0;
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    for (let index = 0; index <= last; index++) {
      const text = valueText(values[names[index]], arrays[index]);
      // A UTF-16 code unit takes at most three bytes in UTF-8; one more for the tab or newline.
      const room = text.length * 3 + 1;
      if (written + room > piece.length) {
        if (written > 0) yield piece.subarray(0, written);
        piece = Buffer.allocUnsafe(Math.max(PIECE_BYTES, room));
        written = 0;
      }
      written += piece.write(text, written);
      piece[written++] = index === last ? 0x0a : 0x09;
    }
  }
  if (written > 0) yield piece.subarray(0, written);
}

/**
 * New rows into `rows.table` (as the session's search path finds it) by COPY: what a projection
 * whose rows are never written over (one per event) writes, live or in a rebuild. PostgreSQL takes
 * them at a fraction of the cost of `json_to_recordset`, and JSON text inside them is not escaped
 * again.
 */
export async function copyRows(session: SqlSession, rows: TableRows): Promise<void> {
  if (rows.rows.length > 0) await session.copyIn(rows.table, columnNames(rows.columns), copyText(rows));
}

/**
 * Rows into `rows.table`: new ones copied in (`copyRows`); rows that restate rows already written
 * (`restates`) written over them, every one of which must be found.
 */
export async function writeRows(session: SqlSession, rows: TableRows): Promise<void> {
  if (!rows.restates) return copyRows(session, rows);
  if (rows.rows.length === 0) return;
  const [{ found }] = await session.query<{ found: number }>(...updateRows(rows.table, rows.columns, rows.rows, rows.restates));
  if (found !== rows.rows.length) throw new Error(`Of ${rows.rows.length} ${rows.table} rows restated, ${found} were written before.`);
}
