import { columnNames, jsonText, type ColumnDefinitions } from './json-rows.js';

/** Rows for one table, keyed by column name, with their columns as `json_to_recordset` and `copyText` take them. */
export interface TableRows {
  table: string;
  columns: ColumnDefinitions;
  rows: readonly object[];
  /** Set when the rows restate rows already written, found by these key columns: only their other columns are written over. */
  restates?: string[];
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\ufffd' };
const COPY_SPECIAL = /[\\\t\n\r\0]/;
const COPY_SPECIALS = /[\\\t\n\r\0]/g;

/** A value as a field of COPY's text format; U+0000, which text cannot hold, becomes U+FFFD (as in `jsonRows`). */
function field(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (special) => COPY_ESCAPES[special]) : text;
}

/** A JavaScript array as a PostgreSQL array literal, every element quoted. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((value) => (value === null || value === undefined ? 'NULL' : `"${String(value).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

function valueText(value: unknown, isArray: boolean): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return field(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'number':
    case 'bigint':
      return String(value);
    default:
      return field(isArray && Array.isArray(value) ? arrayLiteral(value) : jsonText(value));
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
