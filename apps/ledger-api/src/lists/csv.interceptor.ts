import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { toCsv } from './csv.js';

/**
 * `Accept: text/csv` on any list returns its items as CSV (see `toCsv`): a page, as JSON gives it,
 * the next page's cursor in `X-Next-Cursor` and its address in `Link: <…>; rel="next"`.
 */
@Injectable()
export class CsvInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'GET' || !(request.headers.accept ?? '').includes('text/csv')) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const page = body as { items?: unknown; nextCursor?: string | null } | null;
        if (!page || !Array.isArray(page.items)) return body;
        if (page.nextCursor) void reply.header('X-Next-Cursor', page.nextCursor).header('Link', `<${nextPage(request.url, page.nextCursor)}>; rel="next"`);
        void reply.header('Content-Type', 'text/csv; charset=utf-8');
        return toCsv(page.items as Record<string, unknown>[]);
      }),
    );
  }
}

/** This list's address with the next page's cursor in place of this one's. */
function nextPage(url: string, cursor: string): string {
  const next = new URL(url, 'http://ledger');
  next.searchParams.set('cursor', cursor);
  return `${next.pathname}${next.search}`;
}
