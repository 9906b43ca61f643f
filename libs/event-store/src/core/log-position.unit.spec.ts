import { InvalidLogPositionError } from './errors.js';
import { compareLogPositions, isLogPosition, LOG_START, parseLogPosition, parseLogPositionText, type LogPosition } from './log-position.js';

describe('log positions', () => {
  it('order by transaction first, then by sequence', () => {
    expect(compareLogPositions('9:200', '10:3')).toBeLessThan(0);
    expect(compareLogPositions('10:4', '10:3')).toBeGreaterThan(0);
    expect(compareLogPositions('10:3', '10:3')).toBe(0);
    expect(compareLogPositions(LOG_START, '1:1')).toBeLessThan(0);
  });

  it('order as their numbers do, across lengths and beyond the safe integer range', () => {
    const numbers = ['0', '1', '9', '10', '99', '100', '4294967295', '4294967296', '9007199254740991', '9007199254740993', '9223372036854775807', '18446744073709551615'];
    const positions = numbers.flatMap((transaction) => numbers.filter((sequence) => BigInt(sequence) < 2n ** 63n).map((sequence) => `${transaction}:${sequence}` as LogPosition));
    const byNumbers = (a: LogPosition, b: LogPosition) => {
      const [left, right] = [parseLogPosition(a), parseLogPosition(b)];
      return left.transactionId === right.transactionId ? Math.sign(Number(left.sequence - right.sequence)) : left.transactionId < right.transactionId ? -1 : 1;
    };
    for (const a of positions) for (const b of positions) expect([a, b, compareLogPositions(a, b)]).toEqual([a, b, byNumbers(a, b)]);
  });

  it('give their parts as decimal text', () => {
    expect(parseLogPositionText('18446744073709551615:42')).toEqual({ transactionId: '18446744073709551615', sequence: '42' });
  });

  it('parse beyond the safe integer range', () => {
    expect(parseLogPosition('18446744073709551615:9007199254740993')).toEqual({
      transactionId: 18446744073709551615n,
      sequence: 9007199254740993n,
    });
  });

  it.each(['', '1', '1:', ':1', '01:1', '1:-1', '1.5:2', 'a:b', '1:2:3', '18446744073709551616:0', '99999999999999999999:1', '1:9223372036854775808', '1:99999999999999999999'])('refuse %j', (text) => {
    expect(isLogPosition(text)).toBe(false);
    expect(() => parseLogPosition(text)).toThrow(InvalidLogPositionError);
    expect(() => parseLogPositionText(text)).toThrow(InvalidLogPositionError);
    expect(() => compareLogPositions(text as LogPosition, '1:1')).toThrow(InvalidLogPositionError);
  });
});
