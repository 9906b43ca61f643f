import { HttpException } from '@nestjs/common';
import type { Problem } from './problem.js';

/** An HTTP error that already knows its RFC 9457 problem. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }
}
