import { createHash } from 'node:crypto';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { actorOf } from '../api-keys/principal.js';
import type { AuthenticatedRequest } from '../api-keys/api-key.guard.js';
import { problem, PROBLEM_CONTENT_TYPE } from '../problems/problem.js';
import { ProblemException } from '../problems/problem.exception.js';
import { problemForError } from '../problems/problem-for-error.js';
import { IdempotencyRecords } from './idempotency-records.js';
import { SECRET_IN_ANSWER, withoutSecret } from './secret-answer.decorator.js';

const MAX_KEY_LENGTH = 200;

/**
 * `Idempotency-Key` on every POST (API.md): the same key with the same body answers the first
 * response again and appends nothing; with another body it is 422 `idempotency_key_reused`.
 * Refusals (4xx) are answers too and are replayed. After an unexpected failure — the database
 * lost, the process killed — the key's claim lapses: a retry carries the command out again as a
 * retry, proposing the same event ids, and so answers what the first attempt recorded, if it did.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyRecords,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    // The status the route answers with; Nest applies it only after this interceptor has the body.
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const secretField = this.reflector.get<string | undefined>(SECRET_IN_ANSWER, context.getHandler());
    return from(this.handle(request, reply, Array.isArray(key) ? key.join(',') : key, status, next, secretField));
  }

  private async handle(request: AuthenticatedRequest, reply: FastifyReply, key: string, status: number, next: CallHandler, secretField: string | undefined): Promise<unknown> {
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new ProblemException(problem(400, `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`, { code: 'validation_failed' }));
    }
    const principal = actorOf(request.principal);
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonicalize(request.body ?? null) ?? ''}`)
      .digest('hex');
    const claim = await this.records.claim(principal, key, requestHash);
    switch (claim.kind) {
      case 'reused-with-another-body':
        throw new ProblemException(
          problem(422, `Idempotency-Key ${key} was first used with a different request; use a new key for a new request.`, { code: 'idempotency_key_reused' }),
        );
      case 'in-progress':
        throw new ProblemException(
          problem(503, `A request with Idempotency-Key ${key} is still being carried out; send this one again in a moment for its answer.`, { code: 'request_in_progress' }),
        );
      case 'replay':
        void reply.status(claim.statusCode);
        if (claim.statusCode >= 400) void reply.header('Content-Type', PROBLEM_CONTENT_TYPE);
        void reply.header('Idempotent-Replayed', 'true');
        return claim.body;
      case 'first': {
        if (claim.retrying) request.retryingIdempotencyKey = true;
        let body: unknown;
        try {
          body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        } catch (error) {
          const refusal = problemForError(error);
          if (refusal && refusal.status < 500) await this.records.complete(principal, key, refusal.status, refusal);
          else void this.records.lapse(principal, key); // not waited for: with the database away it would hold the answer back
          throw error;
        }
        // Recorded: should its answer not be kept now, the claim lapses and a retry answers the same.
        await this.records.complete(principal, key, status, withoutSecret(body, secretField)).catch((error: unknown) => {
          void this.records.lapse(principal, key);
          throw error;
        });
        return body;
      }
    }
  }
}
