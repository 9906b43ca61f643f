import { londonInstantIfInstant } from '@ledger/governance';

/**
 * An answer with its instants in London time (API.md "Dates"): every string that is exactly an
 * instant as the domain keeps it (`2017-05-15T23:00:00.000Z`, the `Date.toISOString()` form) becomes
 * `2017-05-16T00:00:00+01:00`, at any depth, read the way `JSON.stringify` reads the answer (a `Date`
 * or anything else with `toJSON` as what that gives). Everything else is left as it is: dates
 * alone, instants a client gave with an offset, text that merely mentions an instant, and bodies
 * that are not JSON (streams, buffers, text such as CSV).
 * A string of exactly that form is always an instant: ids are slugs, positions and cursors have
 * other shapes, and free text that is nothing but such an instant reads as the same instant.
 */
export function inLondonTime(value: unknown): unknown {
  if (typeof value === 'string') return londonInstantIfInstant(value) ?? value;
  if (value === null || typeof value !== 'object' || isBinaryOrStream(value)) return value;
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return inLondonTime(json.call(value));
  if (Array.isArray(value)) return value.map(inLondonTime);
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, inLondonTime(field)]));
}

function isBinaryOrStream(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer || typeof (value as { pipe?: unknown }).pipe === 'function';
}

/**
 * A JSON text with every string value that is exactly an instant in the domain's form in London
 * time: the same as `JSON.stringify(inLondonTime(value))` for `JSON.stringify(value)`, without
 * building the answer again — what every JSON answer goes through, so it is one scan for `Z"`. In
 * `JSON.stringify`'s output a string value follows `:`, `,` or `[` and is followed by `,`, `]` or
 * `}`, and a quote inside a string is escaped, so only whole values are turned (not keys, not text).
 */
export function inLondonTimeJson(json: string): string {
  let turned = '';
  let copied = 0;
  for (let z = json.indexOf('Z"', INSTANT_LENGTH); z !== -1; z = json.indexOf('Z"', z + 2)) {
    const start = z - INSTANT_LENGTH + 1;
    if (json[start - 1] !== '"' || !VALUE_BEFORE.has(json[start - 2]) || !VALUE_AFTER.has(json[z + 2])) continue;
    const london = londonInstantIfInstant(json.slice(start, z + 1));
    if (london === undefined) continue;
    turned += json.slice(copied, start) + london;
    copied = z + 1;
  }
  return copied === 0 ? json : turned + json.slice(copied);
}

/** `2017-05-15T23:00:00.000Z` */
const INSTANT_LENGTH = 24;
const VALUE_BEFORE = new Set([':', ',', '[']);
const VALUE_AFTER = new Set([',', ']', '}']);
