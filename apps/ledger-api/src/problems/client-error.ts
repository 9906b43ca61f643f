import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { problem, PROBLEM_CONTENT_TYPE } from './problem.js';

/** What the HTTP parser refuses before any route sees the request, by its error code. */
const REFUSALS: Record<string, [status: number, detail: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The request line and headers together are larger than this server takes (16 KB).'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request did not arrive in time.'],
};

/**
 * Fastify's `clientErrorHandler`: a request the HTTP parser cannot read (headers or address too
 * large, a request line that is not HTTP, a body framed wrongly) is answered, like every other
 * refusal, with an RFC 9457 problem — written to the socket, as no route is involved — and the
 * connection closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = REFUSALS[error.code ?? ''] ?? [400, 'The request is not well-formed HTTP/1.1.'];
  const body = JSON.stringify(problem(status, detail));
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
