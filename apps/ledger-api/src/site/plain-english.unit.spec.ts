import { londonDate } from '@ledger/governance';
import { counted, lastDayBefore, londonDay, londonDayAndTime, pounds, shown } from './plain-english.js';

describe('the site’s plain English', () => {
  it('writes the London day of an instant, in summer (BST) and winter (GMT) alike', () => {
    expect(londonDay('2017-05-16T00:00:00+01:00')).toBe('16 May 2017');
    expect(londonDay('2017-05-15T23:00:00.000Z')).toBe('16 May 2017');
    expect(londonDay('2018-02-08T00:00:00+00:00')).toBe('8 February 2018');
    expect(londonDate('2017-05-15T23:00:00.000Z')).toBe('2017-05-16');
  });

  it('gives the last day before a dissolution at 00:00 London time', () => {
    expect(lastDayBefore('2022-07-01T00:00:00+01:00')).toBe('30 June 2022');
  });

  it('writes a time of day as the papers do', () => {
    expect(londonDayAndTime('2017-12-04T17:00:00+00:00')).toBe('4 December 2017 at 5:00pm');
    expect(londonDayAndTime('2017-06-04T09:05:00+01:00')).toBe('4 June 2017 at 9:05am');
    expect(londonDayAndTime('2017-06-04T00:00:00+01:00')).toBe('4 June 2017 at 12:00am');
    expect(londonDayAndTime('2017-06-04T12:30:00+01:00')).toBe('4 June 2017 at 12:30pm');
  });

  it('writes the same London day and time as Intl does, across every change of the clocks from 1996 to 2040', () => {
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
    const time = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });
    const expected = (ms: number) => `${day.format(ms)} at ${time.format(ms).replace(/\s/u, '').toLowerCase()}`;
    const instants: number[] = [];
    // Every 457 minutes for 45 years (457 is prime to 60 and to a day's 1,440, so every minute of the hour and of the day is met) …
    for (let ms = Date.UTC(1996, 0, 1); ms < Date.UTC(2040, 11, 31); ms += 457 * 60_000) instants.push(ms);
    // … and every minute of the 3 hours around each change of the clocks (01:00 UTC on the last Sunday of March and of October).
    for (let year = 1996; year <= 2040; year++) {
      for (const month of [2, 9]) {
        const change = Date.UTC(year, month, 31 - new Date(Date.UTC(year, month, 31)).getUTCDay(), 1);
        for (let minute = -90; minute <= 90; minute++) instants.push(change + minute * 60_000);
      }
    }
    const differing = instants.map((ms) => new Date(ms).toISOString()).filter((instant) => londonDayAndTime(instant) !== expected(Date.parse(instant)) || londonDay(instant) !== day.format(Date.parse(instant)));
    expect(differing).toEqual([]);
    expect(instants.length).toBeGreaterThan(60_000);
  });

  it('refuses what is not an instant', () => {
    expect(() => londonDay('not a date')).toThrow(RangeError);
  });

  it('writes money in pounds, with pence only when there are some', () => {
    expect(pounds(125_000_000)).toBe('£1,250,000');
    expect(pounds(4_125_000_050)).toBe('£41,250,000.50');
    expect(pounds(0)).toBe('£0');
  });

  it('turns the API’s exempt marker into words, wherever it stands', () => {
    expect(shown('[exempt: Schedule 12A paragraph 3]')).toBe('Exempt: Schedule 12A, paragraph 3');
    expect(shown('Minute: [exempt: Schedule 12A paragraph 1].')).toBe('Minute: Exempt: Schedule 12A, paragraph 1.');
    expect(shown('Nothing exempt here')).toBe('Nothing exempt here');
  });

  it('counts', () => {
    expect(counted(1, 'step')).toBe('1 step');
    expect(counted(7, 'step')).toBe('7 steps');
  });
});
