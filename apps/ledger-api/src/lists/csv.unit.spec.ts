import { BYTE_ORDER_MARK, toCsv } from './csv.js';

const rowsOf = (csv: string) => csv.slice(BYTE_ORDER_MARK.length).trimEnd().split('\r\n');

describe('lists as CSV a clerk can open in Excel', () => {
  it('start with a UTF-8 byte-order mark, so that Excel reads £ as £', () => {
    const csv = toCsv([{ title: 'Better Care Fund £41,250,000' }]);
    expect(csv.startsWith(BYTE_ORDER_MARK)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(rowsOf(csv)).toEqual(['title', '"Better Care Fund £41,250,000"']);
  });

  it.each([
    ['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['+SUM(1,2)', `"'+SUM(1,2)"`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('never hand Excel a formula: %j', (title, cell) => {
    expect(toCsv([{ title }]).slice(BYTE_ORDER_MARK.length)).toBe(`title\r\n${cell}\r\n`);
  });

  it('leave numbers and ordinary text as they are', () => {
    expect(rowsOf(toCsv([{ amountPence: -500, title: 'Section 75 agreement', decidedOn: '2017-05-16' }]))).toEqual(['amountPence,title,decidedOn', '-500,Section 75 agreement,2017-05-16']);
  });

  it('give nested values readable columns, not JSON', () => {
    const csv = toCsv([
      { id: 'bsw-ccg', functions: ['commissioning', 'primary-care'], dissolution: { on: '2022-07-01', successorId: 'bsw-icb' }, conflicts: [{ member: 'Cllr Jones', interest: 'a care provider' }] },
      { id: 'wiltshire-council', functions: [], dissolution: null, conflicts: [] },
    ]);
    expect(rowsOf(csv)).toEqual([
      'id,functions,dissolution.on,dissolution.successorId,conflicts',
      'bsw-ccg,commissioning; primary-care,2022-07-01,bsw-icb,"member: Cllr Jones, interest: a care provider"',
      'wiltshire-council,,,,',
    ]);
  });

  it('quote what would break a row', () => {
    expect(rowsOf(toCsv([{ title: 'Line one\nline "two", and three' }]))[1]).toBe('"Line one\nline ""two"", and three"');
  });
});
