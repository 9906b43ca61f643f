import { HttpException } from '@nestjs/common';
import { EventStoreError } from '@ledger/event-store';
import { DomainError } from '@ledger/governance';
import { LogIntegrityError } from '@ledger/verifiable-log';
import { problem, type Problem } from './problem.js';
import { ProblemException } from './problem.exception.js';

/** The HTTP status of each stable code (API.md "Conventions"). */
const STATUS_OF_CODE: Record<string, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  already_exists: 409,
  version_conflict: 409,
  invalid_transition: 409,
  no_authority: 422,
  not_on_route: 422,
  idempotency_key_reused: 422,
  projection_behind: 503,
};

/** What a refused request answers, or undefined for an unexpected error (a 500, logged). */
export function problemForError(error: unknown): Problem | undefined {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof DomainError) {
    const status = STATUS_OF_CODE[error.code] ?? 422;
    const field = (error as { field?: unknown }).field;
    const authority = (error as { authority?: unknown }).authority;
    return problem(status, error.message, {
      code: error.code,
      ...(typeof field === 'string' ? { errors: [{ field, message: error.message }] } : {}),
      ...(authority !== undefined ? { authority } : {}),
    });
  }
  if (error instanceof EventStoreError) {
    if (error.code === 'version_conflict') return problem(409, `${error.message} Another change landed first; read again and retry.`, { code: 'version_conflict' });
    if (error.code === 'event_store_unavailable') return problem(503, `${error.message} Nothing was recorded by this request; try again.`, { code: 'event_store_unavailable' });
    if (error.code === 'database_unavailable') {
      return problem(503, `${error.message} If this was a command, it may or may not have been recorded: send it again with the same Idempotency-Key, which answers what was done.`, {
        code: 'database_unavailable',
      });
    }
    if (error.code === 'event_store_moved') return problem(503, error.message, { code: 'event_store_moved' });
    if (error.code === 'payload_too_large') return problem(413, error.message, { code: 'payload_too_large' });
    return problem(400, error.message, { code: 'validation_failed' });
  }
  if (error instanceof LogIntegrityError) {
    // Not a passing failure: the store holds what the seal does not explain, and the ledger serves none of it.
    return problem(500, `${error.message} The ledger will not serve the log past this point until it is put right.`, { code: 'log_integrity' });
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return problem(error.getStatus(), Array.isArray(message) ? message.join('; ') : String(message ?? error.message));
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own refusals: malformed JSON, a body too large, a wrong content type.
    return problem(status, (error as Error).message, status === 400 ? { code: 'validation_failed' } : {});
  }
  return undefined;
}
