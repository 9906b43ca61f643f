import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { problem } from '../problems/problem.js';
import { problemForError } from '../problems/problem-for-error.js';
import { presentError } from './error-page.js';
import { SignInRequired } from './sign-in/sign-in-required.js';
import { SitePages } from './site-pages.js';

/**
 * A page's error as a page in the site's design, with the status the API would answer for it:
 * 404 for an unknown record, 400 for a filter that is not valid, 503 while the database is away
 * (with Retry-After), 500 (logged) for anything unexpected.
 */
@Catch()
export class SitePageFilter implements ExceptionFilter {
  private readonly logger = new Logger('Site');

  constructor(private readonly pages: SitePages) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof SignInRequired) {
      void reply.status(303).header('Location', `/sign-in?${new URLSearchParams({ returnTo: exception.returnTo }).toString()}`).send();
      return;
    }
    let answer = problemForError(exception);
    if (!answer) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      answer = problem(500, 'The ledger met an unexpected error; it has been logged.');
    }
    if (answer.status === 503) void reply.header('Retry-After', '2');
    await this.pages.render(reply, 'error', presentError(answer), answer.status).catch((error: unknown) => {
      this.logger.error(`The error page could not be shown: ${error instanceof Error ? error.message : String(error)}`);
      if (!reply.sent) void reply.status(answer.status).type('text/plain; charset=utf-8').send(answer.detail);
    });
  }
}
