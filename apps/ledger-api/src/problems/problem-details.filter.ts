import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from './problem.js';
import { problemForError } from './problem-for-error.js';
import { inLondonTime } from '../london-time/in-london-time.js';

/** Seconds a caller is asked to wait before trying again, by the code of a 503. */
const RETRY_AFTER_SECONDS: Record<string, number> = { database_unavailable: 2, event_store_unavailable: 2, request_in_progress: 1 };

/**
 * Turns every error into an RFC 9457 problem response, its instants (a refusal's `authority`) in
 * London time like every answer; unexpected ones are logged, never leaked. Every 503 says when to
 * try again (`Retry-After`).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let body = problemForError(exception);
    if (!body) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      body = problem(500, 'The ledger met an unexpected error; it has been logged.');
    }
    if (body.status === 503) void reply.header('Retry-After', String(RETRY_AFTER_SECONDS[body.code] ?? 1));
    void reply.status(body.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(inLondonTime(body));
  }
}
