/**
 * Many rows written by one statement, handed to PostgreSQL as one JSON array and read back with
 * `json_to_recordset`. `pg` writes an array parameter by escaping every element in JavaScript —
 * some 25 times slower than `JSON.stringify` for rows that carry JSON text — so with one array
 * per column a rebuild spent longer serialising its batches than PostgreSQL spent writing them.
 */

/** Column definitions as `json_to_recordset` takes them: `"name type, name type, …"`. */
export type ColumnDefinitions = string;

/** The column names of a definition list. */
export const columnNames = (columns: ColumnDefinitions): string[] => columns.split(',').map((column) => column.trim().split(/\s+/)[0]);

// JSON.stringify writes U+0000 as \u0000, which PostgreSQL text cannot hold; a value typed with
// one keeps U+FFFD there. An escaped backslash before "u0000" is text, and is left alone.
const NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** A value as JSON text PostgreSQL can hold (the rows a statement reads as its one parameter, say): U+0000 becomes U+FFFD. */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\\u0000') ? text.replace(NUL_ESCAPE, '$1\\ufffd') : text;
}

export interface RowsConflict {
  /** The unique key a row may already hold. */
  key: string[];
  /** The columns an existing row takes from the new one; every other column when omitted. */
  update?: string[];
}

/** `INSERT … SELECT … FROM json_to_recordset($1)`, optionally updating rows that exist; its SQL and parameters. */
export function insertRows(table: string, columns: ColumnDefinitions, rows: readonly object[], conflict?: RowsConflict): [string, unknown[]] {
  const all = columnNames(columns);
  const onConflict = conflict
    ? ` ON CONFLICT (${conflict.key.join(', ')}) DO UPDATE SET ${(conflict.update ?? all.filter((column) => !conflict.key.includes(column))).map((column) => `${column} = excluded.${column}`).join(', ')}`
    : '';
  return [`INSERT INTO ${table} (${all.join(', ')}) SELECT ${all.join(', ')} FROM json_to_recordset($1::json) AS r(${columns})${onConflict}`, [jsonText(rows)]];
}

/**
 * `UPDATE … FROM json_to_recordset($1)`: each row already in `table` with a row's `key` takes its
 * other columns; answers how many it found (as `found`). Its SQL and parameters.
 */
export function updateRows(table: string, columns: ColumnDefinitions, rows: readonly object[], key: readonly string[]): [string, unknown[]] {
  const set = columnNames(columns)
    .filter((column) => !key.includes(column))
    .map((column) => `${column} = r.${column}`);
  const match = key.map((column) => `t.${column} = r.${column}`).join(' AND ');
  return [`WITH updated AS (UPDATE ${table} AS t SET ${set.join(', ')} FROM json_to_recordset($1::json) AS r(${columns}) WHERE ${match} RETURNING 1) SELECT count(*)::int AS found FROM updated`, [jsonText(rows)]];
}
