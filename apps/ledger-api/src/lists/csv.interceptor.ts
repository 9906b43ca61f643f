import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

/** A CSV field: quoted when it must be, nested values as JSON. */
function field(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(items: readonly Record<string, unknown>[]): string {
  const columns = [...new Set(items.flatMap((item) => Object.keys(item)))];
  return [columns.map(field).join(','), ...items.map((item) => columns.map((column) => field(item[column])).join(','))].join('\r\n') + '\r\n';
}

/** `Accept: text/csv` on any list returns its items as CSV (RFC 4180), the next cursor in a header. */
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
        if (page.nextCursor) void reply.header('X-Next-Cursor', page.nextCursor);
        void reply.header('Content-Type', 'text/csv; charset=utf-8');
        return toCsv(page.items as Record<string, unknown>[]);
      }),
    );
  }
}
