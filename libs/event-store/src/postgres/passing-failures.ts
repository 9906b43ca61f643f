import { DatabaseUnavailableError } from '../core/errors.js';
import { sqlState } from './database.js';

/**
 * SQLSTATEs of a database that is away for a moment, not of a statement that is wrong: the
 * connection failed (class 08), the server is shutting down, crashed or starting (57P01–57P03),
 * a statement or lock waited past its timeout (57014, 55P03), a session sat idle in a
 * transaction too long (25P03), the server ran short of disk, memory or connections (class 53)
 * or met an I/O error (class 58), or the transaction lost a race it may simply retry (40001, 40P01).
 */
const PASSING_STATES = /^(08...|57P0[123]|57014|55P03|25P03|53...|58...|40001|40P01)$/;

/** The Node.js and `pg` signs of a connection lost or never made. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const CONNECTION_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|not queryable|Client was closed|Connection ended/i;

/** Whether a driver error says the database is away for a moment rather than that the statement is wrong. */
export function isDatabaseAway(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const state = sqlState(error);
  if (state !== undefined && PASSING_STATES.test(state)) return true;
  if (state !== undefined && NETWORK_CODES.has(state)) return true;
  const message = (error as { message?: unknown } | null)?.message;
  return state === undefined && typeof message === 'string' && CONNECTION_MESSAGES.test(message);
}

/** The error to throw for a driver error: `DatabaseUnavailableError` when the database is away, else the error itself. */
export function asPassingFailure(server: string, error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || !isDatabaseAway(error)) return error;
  return new DatabaseUnavailableError(server, (error as Error).message, sqlState(error), error);
}
