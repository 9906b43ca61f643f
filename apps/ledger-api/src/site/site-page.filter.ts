import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { answeredProblem } from '../problems/answered-problem.js';
import { SignInRequired } from './sign-in/sign-in-required.js';
import { SiteProblemPage } from './site-problem-page.js';

/**
 * A page's error as a page in the site's design, with the status the API would answer for it:
 * 404 for an unknown record, 400 for a filter that is not valid, 503 while the database is away
 * (with Retry-After), 500 (logged) for anything unexpected.
 */
@Catch()
export class SitePageFilter implements ExceptionFilter {
  private readonly logger = new Logger('Site');

  constructor(private readonly page: SiteProblemPage) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof SignInRequired) {
      void reply.status(303).header('Location', `/sign-in?${new URLSearchParams({ returnTo: exception.returnTo }).toString()}`).send();
      return;
    }
    const answer = answeredProblem(exception, reply, this.logger);
    await this.page.render(reply, answer).catch((error: unknown) => {
      this.logger.error(`The error page could not be shown: ${error instanceof Error ? error.message : String(error)}`);
      if (!reply.sent) void reply.status(answer.status).type('text/plain; charset=utf-8').send(answer.detail);
    });
  }
}
