import { applyDecorators, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, tap, type Observable } from 'rxjs';
import { inLondonTime, inLondonTimeJson } from './in-london-time.js';

const ANSWERS_AS_STORED = 'ledger:answers-as-stored';

/** The OpenAPI extension on every operation that says how its answers give instants. */
export const INSTANTS_EXTENSION = 'x-ledger-instants';
export const INSTANTS_IN_LONDON_TIME = 'europe-london';
export const INSTANTS_AS_STORED = 'as-stored';

/**
 * Marks a route that serves events exactly as stored and hashed (the raw log, the export): its
 * instants stay in the stored UTC form, so that auditors can recompute hashes from what they read.
 * The OpenAPI document says so on the operation.
 */
export const AnswersAsStored = () => applyDecorators(SetMetadata(ANSWERS_AS_STORED, true), ApiExtension(INSTANTS_EXTENSION, INSTANTS_AS_STORED));

/**
 * Every answer gives its instants in London time: reads and command answers alike, idempotent
 * replays included; problems are turned by the exception filter. A JSON answer is turned as it is
 * written (`inLondonTimeJson`, the reply's serializer); an answer asked for as CSV is turned before
 * the CSV interceptor, outside this one, writes it (`inLondonTime`), so CSV shows what JSON shows.
 * Outside idempotency, so kept answers stay in the domain's form and are turned on every replay.
 * Routes marked `@AnswersAsStored()` are left alone.
 */
@Injectable()
export class LondonTimeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const asStored = this.reflector.getAllAndOverride<boolean | undefined>(ANSWERS_AS_STORED, [context.getHandler(), context.getClass()]);
    if (asStored || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if ((request.headers.accept ?? '').includes('text/csv')) return next.handle().pipe(map(inLondonTime));
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      tap((body: unknown) => {
        // Only an answer Fastify would write as JSON: text (metrics, CSV), streams and buffers go as they
        // are, and a page the handler sent itself (it hands back the reply) is already written.
        if (body !== null && body !== reply && typeof body === 'object' && !ArrayBuffer.isView(body) && typeof (body as { pipe?: unknown }).pipe !== 'function') {
          // A serializer of our own leaves the type to us (Fastify names it only when it serializes itself).
          if (!reply.hasHeader('content-type')) void reply.type('application/json; charset=utf-8');
          reply.serializer((payload: unknown) => inLondonTimeJson(JSON.stringify(payload)));
        }
      }),
    );
  }
}
