import { InvalidCommandError } from './domain-error.js';
import { FUTURE_DATE_TOLERANCE_MS, notInTheFuture } from './future-dates.js';
import { parseInstant } from './ledger-time.js';

const at = (text: string) => parseInstant(text)!;

function refusal(date: string, now: string): unknown {
  try {
    notInTheFuture('decidedOn', at(date), at(now), 'A decision is recorded once it has been taken');
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('a record dated in the future', () => {
  it('allows five minutes for clocks that differ, and no more', () => {
    expect(FUTURE_DATE_TOLERANCE_MS).toBe(5 * 60 * 1000);
    expect(refusal('2026-12-03T12:05:00Z', '2026-12-03T12:00:00Z')).toBeUndefined();
    expect(refusal('2026-12-03T12:05:00.001Z', '2026-12-03T12:00:00Z')).toBeInstanceOf(InvalidCommandError);
  });

  it('accepts today’s date at any hour of the London day, and the past', () => {
    expect(refusal('2026-12-03', '2026-12-03T00:00:00Z')).toBeUndefined();
    expect(refusal('2026-12-03', '2026-12-03T23:59:59Z')).toBeUndefined();
    expect(refusal('2026-07-01', '2026-06-30T23:00:00Z')).toBeUndefined(); // midnight BST is 23:00 UTC the day before
    expect(refusal('2017-11-27', '2026-12-03T12:00:00Z')).toBeUndefined();
  });

  it('refuses tomorrow’s date, in winter and in summer', () => {
    expect(refusal('2026-12-04', '2026-12-03T12:00:00Z')).toBeInstanceOf(InvalidCommandError);
    expect(refusal('2026-07-02', '2026-07-01T12:00:00+01:00')).toBeInstanceOf(InvalidCommandError);
    expect(refusal('2026-07-02', '2026-07-01T22:50:00Z')).toBeInstanceOf(InvalidCommandError); // 23:50 BST: tomorrow begins in ten minutes
  });

  it('names the field, the date as written, and the clock', () => {
    const error = refusal('2031-01-01', '2026-12-03T12:00:00Z') as InvalidCommandError;
    expect(error.field).toBe('decidedOn');
    expect(error.message).toBe(
      'decidedOn cannot be in the future: 2031-01-01 is after now (2026-12-03T12:00:00+00:00). A decision is recorded once it has been taken; ' +
        'a date alone means 00:00 Europe/London, so today’s date is accepted.',
    );
    expect((refusal('2026-12-03T18:30:00Z', '2026-12-03T12:00:00Z') as Error).message).toMatch(/: 2026-12-03T18:30:00\+00:00 is after now/);
  });

  it('is a handler’s bug without a clock reading', () => {
    expect(() => notInTheFuture('decidedOn', at('2017-11-27'), undefined as unknown as string, 'A decision is recorded once it has been taken')).toThrow(/handler must pass one/);
  });
});
