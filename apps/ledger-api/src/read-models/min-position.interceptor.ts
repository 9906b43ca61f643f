import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { isLogPosition } from '@ledger/event-store';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import { problem } from '../problems/problem.js';
import { ProblemException } from '../problems/problem.exception.js';
import { ProjectionWait } from './projection-wait.js';

/** `minPosition` (query) or `X-Ledger-Min-Position` (header) on any read: wait for the projector first. */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(private readonly wait: ProjectionWait) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Querystring: { minPosition?: string } }>>();
    if (request.method !== 'GET') return next.handle();
    const header = request.headers['x-ledger-min-position'];
    const position = request.query?.minPosition ?? (Array.isArray(header) ? header[0] : header);
    if (position === undefined) return next.handle();
    if (!isLogPosition(position)) {
      throw new ProblemException(
        problem(400, `minPosition ${JSON.stringify(position)} is not a log position ("<transactionId>:<sequence>", as commands answer).`, {
          code: 'validation_failed',
          errors: [{ field: 'minPosition', message: 'must be a log position a command answered' }],
        }),
      );
    }
    return from(this.wait.until(position)).pipe(mergeMap(() => next.handle()));
  }
}
