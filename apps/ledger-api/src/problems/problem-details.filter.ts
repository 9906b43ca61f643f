import { ArgumentsHost, Catch, Inject, Logger, Optional, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from './problem.js';
import { problemForError } from './problem-for-error.js';
import { PROBLEM_PAGE, type ProblemPage } from './problem-page.js';
import { inLondonTime } from '../london-time/in-london-time.js';

/** Seconds a caller is asked to wait before trying again, by the code of a 503. */
const RETRY_AFTER_SECONDS: Record<string, number> = { database_unavailable: 2, event_store_unavailable: 2, request_in_progress: 1 };

/**
 * Turns every error into an RFC 9457 problem response, its instants (a refusal's `authority`) in
 * London time like every answer; unexpected ones are logged, never leaked. Every 503 says when to
 * try again (`Retry-After`). A browser asking for a page outside the API gets the website's page for
 * the problem instead.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  constructor(@Optional() @Inject(PROBLEM_PAGE) private readonly page?: ProblemPage) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let body = problemForError(exception);
    if (!body) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      body = problem(500, 'The ledger met an unexpected error; it has been logged.');
    }
    if (body.status === 503) void reply.header('Retry-After', String(RETRY_AFTER_SECONDS[body.code] ?? 1));
    if (this.page?.wants(host.switchToHttp().getRequest<FastifyRequest>())) {
      const shown = body;
      void this.page.render(reply, shown).catch(() => reply.status(shown.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(inLondonTime(shown)));
      return;
    }
    void reply.status(body.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(inLondonTime(body));
  }
}
