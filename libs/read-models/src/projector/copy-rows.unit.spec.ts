import { copyText } from './copy-rows.js';

const text = (columns: string, rows: object[]) => Buffer.concat([...copyText({ table: 't', columns, rows })]).toString('utf8');

describe("rows in COPY's text format", () => {
  it('writes one line per row, its values tab-separated in the order of the columns', () => {
    expect(text('proposal_id text, version integer, key_decision boolean', [{ version: 2, key_decision: true, proposal_id: 'wirral-s75' }])).toBe('wirral-s75\t2\tt\n');
  });

  it('writes null and missing values as \\N', () => {
    expect(text('a text, b text, c boolean', [{ a: null, c: false }])).toBe('\\N\t\\N\tf\n');
  });

  it('escapes the backslash, tab, newline and carriage return, and keeps U+FFFD where U+0000 was', () => {
    expect(text('reason text', [{ reason: 'C:\\minutes\tpage 2\r\nnext\u0000line — £5' }])).toBe('C:\\\\minutes\\tpage 2\\r\\nnext\uFFFDline — £5\n');
  });

  it('writes an array for a type[] column as a literal of quoted elements', () => {
    expect(text('scopes text[]', [{ scopes: ['adult-social-care', 'say "yes"', 'back\\slash', 'NULL'] }])).toBe('{"adult-social-care","say \\\\"yes\\\\"","back\\\\\\\\slash","NULL"}\n');
    expect(text('scopes text[]', [{ scopes: [] }])).toBe('{}\n');
  });

  it('writes an object as JSON, U+0000 inside it as U+FFFD', () => {
    expect(text('changes jsonb', [{ changes: { limitPence: 500, note: 'a\u0000b\tc' } }])).toBe('{"limitPence":500,"note":"a\\\\ufffdb\\\\tc"}\n');
  });

  it('comes as UTF-8 in pieces of about 64 KiB, together every row once, a value longer than a piece in a piece of its own', () => {
    const rows = Array.from({ length: 3_000 }, (_, index) => ({ n: index, note: `${'£'.repeat(index % 50)} minute ${index}` }));
    rows[1_000].note = '—'.repeat(40_000);
    const pieces = [...copyText({ table: 't', columns: 'n integer, note text', rows })];
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.every((piece) => piece.length <= 120_001)).toBe(true);
    expect(pieces.filter((piece) => piece.length > 64 * 1024)).toHaveLength(1);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(rows.map(({ n, note }) => `${n}\t${note}\n`).join(''));
  });
});
