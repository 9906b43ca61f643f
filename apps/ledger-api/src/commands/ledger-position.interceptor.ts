import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

/** Every command answers the log position it wrote in the body and in `X-Ledger-Position`. */
@Injectable()
export class LedgerPositionInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const position = (body as { position?: unknown } | null)?.position;
        if (typeof position === 'string') void reply.header('X-Ledger-Position', position);
        return body;
      }),
    );
  }
}
