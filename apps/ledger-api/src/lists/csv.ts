/**
 * Lists as CSV (RFC 4180) that a clerk can open in Excel safely:
 * - nested values as readable columns: an object's fields as `parent.field` columns, a list of
 *   values as one cell joined with "; ", a list of records as "field: value, field: value; …";
 * - no cell Excel would run as a formula: text starting with `=`, `+`, `-`, `@`, a tab or a
 *   carriage return is prefixed with `'` (OWASP's advice on CSV injection), numbers left as numbers;
 * - a UTF-8 byte-order mark first, so that Excel reads "£" and "–" as UTF-8 rather than as
 *   Windows-1252 (CSV readers of other kinds skip it: Python's `utf-8-sig`, most JavaScript parsers).
 */

export const BYTE_ORDER_MARK = '\uFEFF';

const STARTS_A_FORMULA = /^[=+\-@\t\r]/;

/** A cell's text, as a person reading the sheet should see it. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((entry) => (entry !== null && typeof entry === 'object' ? recordInWords(entry as Record<string, unknown>) : cellText(entry))).join('; ');
  if (typeof value === 'object') return recordInWords(value as Record<string, unknown>);
  return String(value);
}

function recordInWords(record: Record<string, unknown>): string {
  return Object.entries(record)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? `[${cellText(value)}]` : cellText(value)}`)
    .join(', ');
}

/** A record's fields as columns: an object's fields under `name.field`, anything else one cell. */
function flattened(record: Record<string, unknown>, prefix = '', into: Map<string, unknown> = new Map()): Map<string, unknown> {
  for (const [name, value] of Object.entries(record)) {
    const column = prefix + name;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flattened(value as Record<string, unknown>, `${column}.`, into);
    else into.set(column, value);
  }
  return into;
}

function field(value: unknown): string {
  const text = cellText(value);
  const safe = typeof value === 'string' && STARTS_A_FORMULA.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The columns of these rows: every field any row has, in the order first met; a field empty in every row and nested in another (`dissolution` beside `dissolution.on`) left out. */
function columnsOf(rows: readonly Map<string, unknown>[]): string[] {
  const columns = [...new Set(rows.flatMap((row) => [...row.keys()]))];
  const everEmpty = (column: string) => rows.every((row) => row.get(column) === null || row.get(column) === undefined);
  return columns.filter((column) => !(everEmpty(column) && columns.some((other) => other.startsWith(`${column}.`))));
}

/** The header line and the rows of these items, after a byte-order mark. */
export function toCsv(items: readonly Record<string, unknown>[]): string {
  const rows = items.map((item) => flattened(item));
  const columns = columnsOf(rows);
  const lines = [columns.map(field).join(','), ...rows.map((row) => columns.map((column) => field(row.get(column))).join(','))];
  return BYTE_ORDER_MARK + lines.join('\r\n') + '\r\n';
}
