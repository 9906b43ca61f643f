import type { Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { problem, type Problem } from './problem.js';
import { problemForError } from './problem-for-error.js';

/** Seconds a caller is asked to wait before trying again, by the code of a 503. */
const RETRY_AFTER_SECONDS: Record<string, number> = { database_unavailable: 2, event_store_unavailable: 2, request_in_progress: 1 };

/**
 * The problem an error is answered with, whether as JSON or as a page: a refusal's own, or for an
 * unexpected error a 500 that says nothing of it (the error is logged). Every 503 says when to try
 * again (`Retry-After`).
 */
export function answeredProblem(exception: unknown, reply: FastifyReply, logger: Logger): Problem {
  let answer = problemForError(exception);
  if (!answer) {
    logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    answer = problem(500, 'The ledger met an unexpected error; it has been logged.');
  }
  if (answer.status === 503) void reply.header('Retry-After', String(RETRY_AFTER_SECONDS[answer.code] ?? 1));
  return answer;
}
