import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from './problem.js';

/**
 * How a problem is shown to a person whose browser asked for a page outside the JSON API (an
 * address that names nothing, say): provided by the website, so that the API's own answers stay
 * RFC 9457 problems.
 */
export interface ProblemPage {
  /** Whether this request should be answered with a page. */
  wants(request: FastifyRequest): boolean;
  render(reply: FastifyReply, problem: Problem): Promise<unknown>;
}

export const PROBLEM_PAGE = Symbol('PROBLEM_PAGE');
