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
const LARGEST_TRANSACTION_ID = 2n ** 64n - 1n;
const LARGEST_SEQUENCE = 2n ** 63n - 1n;

/** The parts of a position, or null when it is not one (malformed, or a part too large for the database). */
function partsOf(value: string): LogPositionParts | null {
  const match = LOG_POSITION_PATTERN.exec(value);
  if (!match) return null;
  const parts = { transactionId: BigInt(match[1]), sequence: BigInt(match[2]) };
  return parts.transactionId <= LARGEST_TRANSACTION_ID && parts.sequence <= LARGEST_SEQUENCE ? parts : null;
}

export function logPosition(transactionId: bigint | string, sequence: bigint | string): LogPosition {
  return `${BigInt(transactionId)}:${BigInt(sequence)}`;
}

export function isLogPosition(value: unknown): value is LogPosition {
  return typeof value === 'string' && partsOf(value) !== null;
}

export function parseLogPosition(value: string): LogPositionParts {
  const parts = partsOf(value);
  if (!parts) throw new InvalidLogPositionError(value);
  return parts;
}

/** Negative when `a` comes before `b` in the log, zero when equal, positive after. */
export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  const left = parseLogPosition(a);
  const right = parseLogPosition(b);
  if (left.transactionId !== right.transactionId) return left.transactionId < right.transactionId ? -1 : 1;
  if (left.sequence !== right.sequence) return left.sequence < right.sequence ? -1 : 1;
  return 0;
}
