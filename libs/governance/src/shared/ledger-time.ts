/**
 * Time as the ledger's users write it: ISO 8601 instants with an offset, or a date alone, which
 * means 00:00 Europe/London on that day (GMT in winter, BST in summer). Inside the domain every
 * instant is an ISO string in UTC (`2018-02-08T00:00:00.000Z`), so instants compare as strings.
 */
export type Instant = string;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const londonOffset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' });

/** Minutes London is ahead of UTC at this instant (0 or 60). */
function londonOffsetMinutes(utcMillis: number): number {
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

/** The London calendar date of an instant, as users read it (`2017-11-27`). */
export function londonDate(instant: Instant): string {
  const millis = Date.parse(instant);
  const local = new Date(millis + londonOffsetMinutes(millis) * 60_000);
  return local.toISOString().slice(0, 10);
}
