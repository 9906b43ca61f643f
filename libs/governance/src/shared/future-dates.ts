import { InvalidCommandError } from './domain-error.js';
import type { Instant } from './ledger-time.js';
import { londonDate, londonInstant, parseInstant } from './ledger-time.js';

/**
 * How far after the ledger's clock a record of something that has happened may be dated: room
 * for a clerk's system whose clock runs a little ahead of the ledger's, never for tomorrow. A date
 * alone means 00:00 Europe/London, so today's date is always accepted and tomorrow's refused (but
 * in the last five minutes of today, when tomorrow's midnight is within the tolerance).
 */
export const FUTURE_DATE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Refuses a command whose `field` dates what it records (a decision, a call-in, …) after `now`,
 * the ledger's clock when the command is decided, by more than the tolerance: an immutable record
 * of a thing that has not happened yet is a typo, not a plan. `why` says so in the record's words
 * ("A decision is recorded once it has been taken").
 */
export function notInTheFuture(field: string, date: Instant, now: Instant, why: string): void {
  const nowMillis = Date.parse(now);
  if (Number.isNaN(nowMillis)) throw new Error(`The command carries no clock reading (now: ${JSON.stringify(now)}); its handler must pass one.`);
  if (Date.parse(date) <= nowMillis + FUTURE_DATE_TOLERANCE_MS) return;
  throw new InvalidCommandError(
    `${field} cannot be in the future: ${shown(date)} is after now (${londonInstant(now)}). ${why}; ` +
      'a date alone means 00:00 Europe/London, so today’s date is accepted.',
    field,
  );
}

/** A London midnight as the date users wrote, anything else as the instant. */
function shown(date: Instant): string {
  const day = londonDate(date);
  return parseInstant(day) === date ? day : londonInstant(date);
}
