import { InvalidLogPositionError } from './errors.js';

/**
 * A place in the whole log. The log is read in commit-safe order: by the writing transaction's
 * id (`xid8`), then by the event's sequence number inside it. Only transactions older than every
 * one still running are read, so an event that commits late can never land behind a reader.
 * The string form is `"<transactionId>:<sequence>"`; compare positions with `compareLogPositions`,
 * never as strings or numbers.
 */
export type LogPosition = `${bigint}:${bigint}`;

/** Before the first event: reading from here reads the whole log. */
export const LOG_START: LogPosition = '0:0';

export interface LogPositionParts {
  transactionId: bigint;
  sequence: bigint;
}

const LOG_POSITION_PATTERN = /^(0|[1-9][0-9]{0,19}):(0|[1-9][0-9]{0,18})$/;
/** A transaction id is PostgreSQL's `xid8` (unsigned, 64 bits), a sequence its `bigint`: no larger, or no query could take them. */
const LARGEST_TRANSACTION_ID = '18446744073709551615';
const LARGEST_SEQUENCE = '9223372036854775807';

/** A position's parts as decimal text. */
export interface LogPositionText {
  transactionId: string;
  sequence: string;
}

/**
 * Two whole numbers written in decimal without leading zeros, compared: the longer is the larger,
 * and of one length the text's order is the numbers'. (No BigInt: a rebuild compares and splits
 * every event's position, and BigInts made a tenth of its time in this file.)
 */
const compareDecimals = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** The parts of a position as text, or null when it is not one (malformed, or a part too large for the database). */
function textPartsOf(value: string): LogPositionText | null {
  const match = LOG_POSITION_PATTERN.exec(value);
  if (!match) return null;
  const [, transactionId, sequence] = match;
  return compareDecimals(transactionId, LARGEST_TRANSACTION_ID) <= 0 && compareDecimals(sequence, LARGEST_SEQUENCE) <= 0 ? { transactionId, sequence } : null;
}

export function logPosition(transactionId: bigint | string, sequence: bigint | string): LogPosition {
  return `${BigInt(transactionId)}:${BigInt(sequence)}`;
}

export function isLogPosition(value: unknown): value is LogPosition {
  return typeof value === 'string' && textPartsOf(value) !== null;
}

/** A position's parts as decimal text (what a query's parameters and a read model's columns take), or `InvalidLogPositionError`. */
export function parseLogPositionText(value: string): LogPositionText {
  const parts = textPartsOf(value);
  if (!parts) throw new InvalidLogPositionError(value);
  return parts;
}

export function parseLogPosition(value: string): LogPositionParts {
  const { transactionId, sequence } = parseLogPositionText(value);
  return { transactionId: BigInt(transactionId), sequence: BigInt(sequence) };
}

/** Negative when `a` comes before `b` in the log, zero when equal, positive after. */
export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  const left = parseLogPositionText(a);
  const right = parseLogPositionText(b);
  return Math.sign(compareDecimals(left.transactionId, right.transactionId) || compareDecimals(left.sequence, right.sequence));
}
