import { InvalidCommandError } from '@ledger/governance';

/** A page of a list (API.md: `?limit=` default 50, max 500, and `?cursor=`). */
export interface Page<Item> {
  items: Item[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** A cursor this ledger did not give out: bad input (400), like any other malformed field. */
export class InvalidCursorError extends InvalidCommandError {
  constructor(readonly cursor: string) {
    super(`cursor ${JSON.stringify(cursor)} is not one this ledger gave out.`, 'cursor');
  }
}

/** A list's limit, defaulted and capped. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

/**
 * A cursor is the sort key of the last item of a page (keyset pagination, stable while rows are
 * added), opaque to clients: base64url of its JSON.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((part) => typeof part === 'string' || typeof part === 'number')) return key;
  } catch {
    // falls through to the refusal
  }
  throw new InvalidCursorError(cursor);
}

/**
 * Turns `limit + 1` rows fetched in key order into a page: the extra row only says there is more.
 */
export function toPage<Row, Item>(rows: Row[], limit: number, key: (row: Row) => (string | number)[], item: (row: Row) => Item): Page<Item> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { items: shown.map(item), nextCursor: more ? encodeCursor(key(shown[shown.length - 1])) : null };
}
