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

const LOG_POSITION_PATTERN = /^(0|[1-9][0-9]{0,19}):(0|[1-9][0-9]{0,19})$/;

export function logPosition(transactionId: bigint | string, sequence: bigint | string): LogPosition {
  return `${BigInt(transactionId)}:${BigInt(sequence)}`;
}

export function isLogPosition(value: unknown): value is LogPosition {
  return typeof value === 'string' && LOG_POSITION_PATTERN.test(value);
}

export function parseLogPosition(value: string): LogPositionParts {
  const match = LOG_POSITION_PATTERN.exec(value);
  if (!match) throw new InvalidLogPositionError(value);
  return { transactionId: BigInt(match[1]), sequence: BigInt(match[2]) };
}

/** Negative when `a` comes before `b` in the log, zero when equal, positive after. */
export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  const left = parseLogPosition(a);
  const right = parseLogPosition(b);
  if (left.transactionId !== right.transactionId) return left.transactionId < right.transactionId ? -1 : 1;
  if (left.sequence !== right.sequence) return left.sequence < right.sequence ? -1 : 1;
  return 0;
}
