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

/** Rows written as one piece of COPY text. */
const ROWS_PER_PIECE = 500;

/**
 * Rows in COPY's text format, each value as `json_to_recordset` would have read it from the same
 * row: strings as they are, arrays (for `type[]` columns) as array literals, objects as JSON. The
 * text comes in pieces of a few hundred rows, written as they are asked for.
 */
export function* copyText({ columns, rows }: TableRows): Generator<string> {
  const names = columnNames(columns);
  const arrays = columns.split(',').map((column) => column.trim().endsWith('[]'));
  for (let from = 0; from < rows.length; from += ROWS_PER_PIECE) {
    let text = '';
    for (const row of rows.slice(from, from + ROWS_PER_PIECE)) {
      const values = row as Record<string, unknown>;
      for (let index = 0; index < names.length; index++) text += (index === 0 ? '' : '\t') + valueText(values[names[index]], arrays[index]);
      text += '\n';
    }
    yield text;
  }
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
