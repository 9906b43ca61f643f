import { decodeCursor, encodeCursor, InvalidCursorError, pageLimit, toPage } from './page.js';

describe('pages of a list', () => {
  it('default to 50 items and never exceed 500', () => {
    expect(pageLimit(undefined)).toBe(50);
    expect(pageLimit(10_000)).toBe(500);
    expect(pageLimit(0)).toBe(1);
  });

  it('give a cursor only when there is more', () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    expect(toPage(rows, 2, (row) => [row.n], (row) => row.n)).toEqual({ items: [1, 2], nextCursor: encodeCursor([2]) });
    expect(toPage(rows, 3, (row) => [row.n], (row) => row.n)).toEqual({ items: [1, 2, 3], nextCursor: null });
  });

  it('read back the cursors they gave, and refuse others', () => {
    expect(decodeCursor(encodeCursor(['7421:1050', 3]), 2)).toEqual(['7421:1050', 3]);
    expect(() => decodeCursor('not-a-cursor', 2)).toThrow(InvalidCursorError);
    expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow(InvalidCursorError);
  });
});
