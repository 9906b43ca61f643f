import { applyDecorators, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { inLondonTime } from './in-london-time.js';

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
 * Every answer gives its instants in London time (`inLondonTime`): reads and command answers alike,
 * idempotent replays included; problems are turned by the exception filter. Registered inside the
 * CSV interceptor, so CSV shows what JSON shows, and outside idempotency, so kept answers stay in
 * the domain's form and are turned on every replay. Routes marked `@AnswersAsStored()` are left alone.
 */
@Injectable()
export class LondonTimeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const asStored = this.reflector.getAllAndOverride<boolean | undefined>(ANSWERS_AS_STORED, [context.getHandler(), context.getClass()]);
    if (asStored || context.getType() !== 'http') return next.handle();
    return next.handle().pipe(map(inLondonTime));
  }
}
