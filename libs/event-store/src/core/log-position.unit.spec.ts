import { InvalidLogPositionError } from './errors.js';
import { compareLogPositions, isLogPosition, LOG_START, parseLogPosition } from './log-position.js';

describe('log positions', () => {
  it('order by transaction first, then by sequence', () => {
    expect(compareLogPositions('9:200', '10:3')).toBeLessThan(0);
    expect(compareLogPositions('10:4', '10:3')).toBeGreaterThan(0);
    expect(compareLogPositions('10:3', '10:3')).toBe(0);
    expect(compareLogPositions(LOG_START, '1:1')).toBeLessThan(0);
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
  });
});
