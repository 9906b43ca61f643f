import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '../problems/problem.js';
import type { ProblemPage } from '../problems/problem-page.js';
import { presentError } from './error-page.js';
import { SitePages } from './site-pages.js';

/** Paths that are the API's, its reader's or the operators': they keep answering problems. */
const NOT_PAGES = /^\/(v1|health|metrics|docs|assets)(\/|$|\?)/;

/** A browser's request for an address of the site that names nothing gets the site's 404 page. */
@Injectable()
export class SiteProblemPage implements ProblemPage {
  constructor(private readonly pages: SitePages) {}

  wants(request: FastifyRequest): boolean {
    return request.method === 'GET' && !NOT_PAGES.test(request.url) && (request.headers.accept ?? '').includes('text/html');
  }

  render(reply: FastifyReply, problem: Problem): Promise<unknown> {
    return this.pages.render(reply, 'error', presentError(problem), problem.status);
  }
}
