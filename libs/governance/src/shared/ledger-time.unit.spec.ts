import { londonDate, parseInstant } from './ledger-time.js';

describe('ledger time', () => {
  it('reads a date alone as midnight in London: GMT in winter', () => {
    expect(parseInstant('2018-02-08')).toBe('2018-02-08T00:00:00.000Z');
  });

  it('reads a date alone as midnight in London: BST in summer', () => {
    expect(parseInstant('2022-07-01')).toBe('2022-06-30T23:00:00.000Z');
  });

  it('knows the days the clocks change', () => {
    expect(parseInstant('2021-03-28')).toBe('2021-03-28T00:00:00.000Z'); // clocks go forward at 01:00 GMT
    expect(parseInstant('2021-03-29')).toBe('2021-03-28T23:00:00.000Z');
    expect(parseInstant('2021-10-31')).toBe('2021-10-30T23:00:00.000Z'); // still BST at midnight
    expect(parseInstant('2021-11-01')).toBe('2021-11-01T00:00:00.000Z');
  });

  it('reads instants with an offset, in UTC', () => {
    expect(parseInstant('2017-11-27T18:30:00+00:00')).toBe('2017-11-27T18:30:00.000Z');
    expect(parseInstant('2022-06-30T17:00:00+01:00')).toBe('2022-06-30T16:00:00.000Z');
    expect(parseInstant('2022-06-30T16:00:00.5Z')).toBe('2022-06-30T16:00:00.500Z');
  });

  it.each(['2018-02-30', '2018-13-01', '2018-2-8', '2018-02-08T10:00:00', '08/02/2018', '', 'yesterday', 20180208])(
    'refuses %j',
    (text) => expect(parseInstant(text)).toBeUndefined(),
  );

  it('gives the London calendar date of an instant', () => {
    expect(londonDate('2022-06-30T23:00:00.000Z')).toBe('2022-07-01');
    expect(londonDate('2018-02-08T00:00:00.000Z')).toBe('2018-02-08');
  });
});
