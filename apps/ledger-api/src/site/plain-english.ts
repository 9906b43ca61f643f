import { londonWallClock } from '@ledger/governance';

/**
 * How the site writes what the ledger records, as the papers of councils and NHS boards write it:
 * dates as "16 May 2017" (the London day of the instant), money as "£1,250,000", exempt detail as
 * "Exempt: Schedule 12A, paragraph 3".
 */

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const POUNDS_AND_PENCE = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2 });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "16 May 2017" of London's wall clock (`londonWallClock`). */
const dayOf = (clock: Date): string => `${clock.getUTCDate()} ${MONTHS[clock.getUTCMonth()]} ${clock.getUTCFullYear()}`;

/** "16 May 2017": the day in London of an instant (a date alone means 00:00 London time). */
export function londonDay(instant: string): string {
  return dayOf(londonWallClock(instant));
}

/** "30 June 2022" for 2022-07-01T00:00 London time: the last day of something that ended at the start of the instant's day. */
export function lastDayBefore(instant: string): string {
  return londonDay(new Date(Date.parse(instant) - 1).toISOString());
}

/** "16 May 2017 at 2:05pm" in London (midnight is 12:00am, noon 12:00pm). */
export function londonDayAndTime(instant: string): string {
  const clock = londonWallClock(instant);
  const hour = clock.getUTCHours();
  const minute = String(clock.getUTCMinutes()).padStart(2, '0');
  return `${dayOf(clock)} at ${hour % 12 || 12}:${minute}${hour < 12 ? 'am' : 'pm'}`;
}

/** "£1,250,000", or "£41,250,000.50" when there are pence. */
export function pounds(pence: number): string {
  return pence % 100 === 0 ? POUNDS.format(pence / 100) : POUNDS_AND_PENCE.format(pence / 100);
}

const EXEMPT_MARKER = /\[exempt: Schedule 12A paragraph (\d)\]/g;

/** Text as a reader may see it: the API's `[exempt: Schedule 12A paragraph N]`, wherever it stands, reads "Exempt: Schedule 12A, paragraph N". */
export function shown(text: string): string {
  return text.replace(EXEMPT_MARKER, 'Exempt: Schedule 12A, paragraph $1');
}

/** "adult-social-care" → "adult social care". */
export function words(slug: string): string {
  return slug.replaceAll('-', ' ');
}

/** "Approved with conditions": a slug as the start of a sentence. */
export function sentenceCase(slug: string): string {
  const text = words(slug);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "1 step", "7 steps". */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? noun : plural}`;
}
