import { decodeCursor, encodeCursor, InvalidCursorError, pageLimit, signCursorsWith, toPage } from './page.js';

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

  it('refuse a cursor whose key was altered, or made up, though its shape is right', () => {
    const [payload, tag] = encodeCursor(['2017-05-16T00:00:00.000Z', '7421', 3]).split('.');
    const altered = Buffer.from(JSON.stringify(['2017-13-45T99:00:00Z', '7421', 3])).toString('base64url');
    expect(() => decodeCursor(`${altered}.${tag}`, 3)).toThrow(InvalidCursorError);
    expect(() => decodeCursor(payload, 3)).toThrow(InvalidCursorError);
    expect(() => decodeCursor(`${payload}.${tag}.${tag}`, 3)).toThrow(InvalidCursorError);
  });

  it('take the cursors of another instance signed with the same secret, and no other', () => {
    signCursorsWith('a secret every instance of this ledger shares');
    const given = encodeCursor(['wirral-council']);
    signCursorsWith('the secret of some other ledger, not this one');
    expect(() => decodeCursor(given, 1)).toThrow(InvalidCursorError);
    signCursorsWith('a secret every instance of this ledger shares');
    expect(decodeCursor(given, 1)).toEqual(['wirral-council']);
  });
});
