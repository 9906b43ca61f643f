import { isLedgerInstant, londonDate, londonInstant, londonInstantIfInstant, parseInstant } from './ledger-time.js';

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

  describe('answering an instant in London time', () => {
    it('reads a summer date as that day, at +01:00', () => {
      expect(londonInstant('2017-05-15T23:00:00.000Z')).toBe('2017-05-16T00:00:00+01:00');
    });

    it('reads a winter date as that day, at +00:00', () => {
      expect(londonInstant('2018-02-08T00:00:00.000Z')).toBe('2018-02-08T00:00:00+00:00');
    });

    it('keeps milliseconds only when there are some', () => {
      expect(londonInstant('2022-06-30T16:00:00.500Z')).toBe('2022-06-30T17:00:00.500+01:00');
      expect(londonInstant('2022-06-30T16:00:00.000Z')).toBe('2022-06-30T17:00:00+01:00');
    });

    it('moves to BST at 01:00 GMT on the last Sunday of March: 01:00 to 01:59 London never happens', () => {
      expect(londonInstant('2021-03-27T23:00:00.000Z')).toBe('2021-03-27T23:00:00+00:00');
      expect(londonInstant('2021-03-28T00:00:00.000Z')).toBe('2021-03-28T00:00:00+00:00'); // the date 2021-03-28
      expect(londonInstant('2021-03-28T00:59:59.999Z')).toBe('2021-03-28T00:59:59.999+00:00');
      expect(londonInstant('2021-03-28T01:00:00.000Z')).toBe('2021-03-28T02:00:00+01:00'); // the clocks jump an hour
      expect(londonInstant('2021-03-28T23:00:00.000Z')).toBe('2021-03-29T00:00:00+01:00'); // the date 2021-03-29
    });

    it('moves back to GMT at 01:00 GMT on the last Sunday of October: 01:00 to 01:59 London happens twice, told apart by the offset', () => {
      expect(londonInstant('2021-10-30T23:00:00.000Z')).toBe('2021-10-31T00:00:00+01:00'); // the date 2021-10-31
      expect(londonInstant('2021-10-31T00:30:00.000Z')).toBe('2021-10-31T01:30:00+01:00'); // the first 01:30
      expect(londonInstant('2021-10-31T00:59:59.999Z')).toBe('2021-10-31T01:59:59.999+01:00');
      expect(londonInstant('2021-10-31T01:00:00.000Z')).toBe('2021-10-31T01:00:00+00:00'); // the clocks go back
      expect(londonInstant('2021-10-31T01:30:00.000Z')).toBe('2021-10-31T01:30:00+00:00'); // the second 01:30
      expect(londonInstant('2021-11-01T00:00:00.000Z')).toBe('2021-11-01T00:00:00+00:00'); // the date 2021-11-01
    });

    it('reads every date of a year as that date, across both changes of the clocks', () => {
      const days = Array.from({ length: 365 }, (_, day) => new Date(Date.UTC(2017, 0, 1 + day)).toISOString().slice(0, 10));
      expect(days.map((date) => londonInstant(parseInstant(date)!).slice(0, 10))).toEqual(days);
      expect(days.map((date) => londonInstant(parseInstant(date)!).slice(10, 19))).toEqual(days.map(() => 'T00:00:00'));
    });

    it('is the same instant: read back, every quarter hour of both days the clocks change', () => {
      for (const day of ['2021-03-28', '2021-10-31', '2017-03-26', '2017-10-29']) {
        const start = Date.parse(`${day}T00:00:00Z`) - 2 * 3_600_000;
        for (let quarter = 0; quarter < 4 * 28; quarter += 1) {
          const instant = new Date(start + quarter * 900_000).toISOString();
          expect(parseInstant(londonInstant(instant))).toBe(instant);
        }
      }
    });

    it('turns a text only when it is an instant the domain keeps, however often it was turned before in another form', () => {
      // Other forms of an instant are turned when asked for as instants, but are not instants as the ledger writes them.
      expect(londonInstant('2017-05-16T00:00:00+01:00')).toBe('2017-05-16T00:00:00+01:00');
      expect(londonInstant('2017-05-15T23:00:00Z')).toBe('2017-05-16T00:00:00+01:00');
      for (const text of ['2017-05-16', '2017-05-16T00:00:00+01:00', '2017-05-15T23:00:00Z', '2017-13-45T23:00:00.000Z', 'cabinet']) {
        expect([text, londonInstantIfInstant(text)]).toEqual([text, undefined]);
        expect([text, londonInstantIfInstant(text)]).toEqual([text, undefined]);
      }
      expect(londonInstantIfInstant('2017-05-15T23:00:00.000Z')).toBe('2017-05-16T00:00:00+01:00');
      expect(londonInstantIfInstant('2017-05-15T23:00:00.000Z')).toBe('2017-05-16T00:00:00+01:00');
    });

    it('knows the instants the domain keeps, and nothing else', () => {
      expect(isLedgerInstant('2017-05-15T23:00:00.000Z')).toBe(true);
      for (const text of ['2017-05-16', '2017-05-16T00:00:00+01:00', '2017-05-15T23:00:00Z', '2017-05-15T23:00:00.000Z and more', '2017-13-45T23:00:00.000Z', 20170516, null]) {
        expect([text, isLedgerInstant(text)]).toEqual([text, false]);
      }
    });
  });
});
