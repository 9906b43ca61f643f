import { ArgumentsHost, Catch, Inject, Logger, Optional, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answeredProblem } from './answered-problem.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { PROBLEM_PAGE, type ProblemPage } from './problem-page.js';
import { inLondonTime } from '../london-time/in-london-time.js';

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
    const body = answeredProblem(exception, reply, this.logger);
    if (this.page?.wants(host.switchToHttp().getRequest<FastifyRequest>())) {
      void this.page.render(reply, body).catch(() => reply.status(body.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(inLondonTime(body)));
      return;
    }
    void reply.status(body.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(inLondonTime(body));
  }
}
