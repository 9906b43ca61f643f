import { createHash, createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
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
    super(`cursor ${JSON.stringify(cursor.length > 60 ? `${cursor.slice(0, 60)}…` : cursor)} is not one this ledger gave out.`, 'cursor');
  }
}

/** A list's limit, defaulted and capped. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

/** The key cursors are signed with: this process's own until `signCursorsWith` gives the ledger's. */
let cursorKey: KeyObject = createSecretKey(randomBytes(32));

/**
 * Sets the key cursors are signed with (the API's LEDGER_CURSOR_SECRET). Every instance serving
 * one ledger needs the same, for a cursor one gave out to be taken by the next.
 */
export function signCursorsWith(secret: string): void {
  cursorKey = createSecretKey(createHash('sha256').update(`decision-ledger cursors\0${secret}`).digest());
}

const tagOf = (payload: string): Buffer => createHmac('sha256', cursorKey).update(payload).digest().subarray(0, 16);

/**
 * A cursor is the sort key of the last item of a page (keyset pagination, stable while rows are
 * added), opaque to clients and tamper-evident: base64url of its JSON, a dot, and an HMAC of that.
 * No key a client made up, or altered, reaches a query: it is refused (400) before it is read.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  const payload = Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  return `${payload}.${tagOf(payload).toString('base64url')}`;
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  const [payload, tag, ...rest] = cursor.split('.');
  const given = Buffer.from(tag ?? '', 'base64url');
  const expected = tagOf(payload);
  if (rest.length > 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidCursorError(cursor);
  try {
    const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
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
