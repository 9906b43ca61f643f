import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from './problem.js';
import { problemForError } from './problem-for-error.js';
import { inLondonTime } from '../london-time/in-london-time.js';

/**
 * Turns every error into an RFC 9457 problem response, its instants (a refusal's `authority`) in
 * London time like every answer; unexpected ones are logged, never leaked.
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
    void reply.status(body.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(inLondonTime(body));
  }
}
