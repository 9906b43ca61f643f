/**
 * Time as the ledger's users write it: ISO 8601 instants with an offset, or a date alone, which
 * means 00:00 Europe/London on that day (GMT in winter, BST in summer). Inside the domain every
 * instant is an ISO string in UTC (`2018-02-08T00:00:00.000Z`), so instants compare as strings;
 * answers give them back in London time (`londonInstant`).
 */
export type Instant = string;

/** Exactly the form the domain keeps an instant in: `Date.prototype.toISOString()`. */
const LEDGER_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const londonOffset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' });

/** London's offsets by the UTC minute they were asked for: `Intl` takes microseconds a question, and the same days recur. */
const offsetsByMinute = new Map<number, number>();
const REMEMBERED_MINUTES = 100_000;

/** Minutes London is ahead of UTC at this instant (0 or 60). Its clocks change on the minute, so the minute decides. */
function londonOffsetMinutes(utcMillis: number): number {
  const minute = Math.floor(utcMillis / 60_000);
  let offset = offsetsByMinute.get(minute);
  if (offset === undefined) {
    if (offsetsByMinute.size >= REMEMBERED_MINUTES) offsetsByMinute.clear();
    offsetsByMinute.set(minute, (offset = londonOffsetAskedOfIntl(minute * 60_000)));
  }
  return offset;
}

function londonOffsetAskedOfIntl(utcMillis: number): number {
  const name = londonOffset.formatToParts(new Date(utcMillis)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The instant a ledger date or instant stands for, in UTC; undefined when it is neither. */
export function parseInstant(text: unknown): Instant | undefined {
  if (typeof text !== 'string') return undefined;
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const midnightUtc = Date.UTC(year, month - 1, day);
    const check = new Date(midnightUtc);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
    // London's midnight is at most an hour before UTC's; the offset just before UTC midnight decides.
    const instant = midnightUtc - londonOffsetMinutes(midnightUtc - 1) * 60_000;
    return new Date(instant).toISOString();
  }
  if (!WITH_OFFSET.test(text)) return undefined;
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) return undefined;
  const [, month, day] = text.slice(0, 10).split('-').map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return new Date(millis).toISOString();
}

export function isInstantText(text: unknown): boolean {
  return parseInstant(text) !== undefined;
}

/**
 * London's wall clock at an instant, as a Date whose UTC fields read it (`getUTCDate()` is the
 * London day). An instant that is not one (`Date.parse` cannot read it) is a RangeError.
 */
export function londonWallClock(instant: string): Date {
  const millis = Date.parse(instant);
  if (Number.isNaN(millis)) throw new RangeError(`${JSON.stringify(instant)} is not an instant.`);
  return new Date(millis + londonOffsetMinutes(millis) * 60_000);
}

/** The London calendar date of an instant, as users read it (`2017-11-27`). */
export function londonDate(instant: Instant): string {
  return londonWallClock(instant).toISOString().slice(0, 10);
}

/** Whether a value is an instant in exactly the form the domain keeps it (`2017-05-15T23:00:00.000Z`). */
export function isLedgerInstant(value: unknown): value is Instant {
  return typeof value === 'string' && LEDGER_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * An instant as users read it: London wall-clock time with London's offset at that instant, so a
 * date reads as the day it is (`2017-05-15T23:00:00.000Z` → `2017-05-16T00:00:00+01:00`,
 * `2018-02-08T00:00:00.000Z` → `2018-02-08T00:00:00+00:00`). Milliseconds are kept only when
 * there are some. The same instant, so `parseInstant` reads it back unchanged. In the hour the
 * clocks go back, the offset tells the two 01:30s apart (`+01:00`, then `+00:00`).
 */
export function londonInstant(instant: Instant): string {
  return londonInstantIfInstant(instant) ?? londonInstantOf(instant);
}

/**
 * `londonInstant(text)` when `text` is an instant in exactly the ledger's form, else undefined:
 * what every JSON answer asks of each string that may be one. Only such instants are remembered,
 * so one turned before is known without reading its text again.
 */
export function londonInstantIfInstant(text: string): string | undefined {
  let answered = londonInstants.get(text);
  if (answered === undefined && isLedgerInstant(text)) {
    if (londonInstants.size >= REMEMBERED_INSTANTS) londonInstants.clear();
    londonInstants.set(copiedText(text), (answered = londonInstantOf(text)));
  }
  return answered;
}

/**
 * The same text in a string of its own. A text cut from a longer one (`slice`, as a JSON answer's
 * instants are) is kept by V8 as a view of the whole: remembered as it is, it would keep the whole
 * answer alive for as long as it is remembered — an audit trail's page for each new instant on it.
 */
const copiedText = (text: string): string => text.split('').join('');

const londonInstants = new Map<string, string>();
const REMEMBERED_INSTANTS = 50_000;

function londonInstantOf(instant: Instant): string {
  const millis = Date.parse(instant);
  if (Number.isNaN(millis)) throw new RangeError(`${JSON.stringify(instant)} is not an instant.`);
  const offset = londonOffsetMinutes(millis);
  const wallClock = new Date(millis + offset * 60_000).toISOString();
  const time = wallClock.slice(19, 23) === '.000' ? wallClock.slice(0, 19) : wallClock.slice(0, 23);
  const hours = String(Math.trunc(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${time}${offset < 0 ? '-' : '+'}${hours}:${minutes}`;
}
