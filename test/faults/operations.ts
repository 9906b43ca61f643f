import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How one attempt at a command ended, as a Jepsen history records it: `ok` (2xx: it was done),
 * `failed` (4xx: it was refused, and nothing was done) or `indeterminate` (a timeout, a lost
 * connection, a 5xx: it may or may not have been done).
 */
export type Outcome = 'ok' | 'failed' | 'indeterminate';

export interface Attempt {
  /** When it was sent (ms since the epoch). */
  at: number;
  outcome: Outcome;
  status: number | null;
  /** Milliseconds the attempt waited for its answer. */
  ms: number;
  /** The error, when there was no answer. */
  error?: string;
  replayed: boolean;
}

/** A command the workload sent, with every attempt at it under one Idempotency-Key. */
export interface Operation {
  id: number;
  writer: number;
  /** What it is in the users' words: `table-proposal`, `ratify`, … */
  kind: string;
  path: string;
  body: unknown;
  idempotencyKey: string;
  attempts: Attempt[];
  /** Appended straight to the database by the fault itself, not sent to the API: nothing to send again. */
  direct?: boolean;
  /** The first definite answer (ok or failed), once it came. */
  answer?: { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function outcomeOf(operation: Operation): Outcome {
  if (!operation.answer) return 'indeterminate';
  return operation.answer.status < 300 ? 'ok' : 'failed';
}

/**
 * Sends commands over real HTTP with a timeout, records every attempt, and retries an
 * indeterminate one with the same Idempotency-Key (after the server's Retry-After, or a short
 * pause) until it is answered or its deadline passes.
 */
export class CommandClient {
  readonly history: Operation[] = [];

  constructor(
    private readonly baseUrl: () => string,
    private readonly apiKey: string,
    private readonly options: { timeoutMs: number; deadlineMs: number },
  ) {}

  /** Notes an append the fault made straight to the database (committed, at `position`), so the checker expects it in the log. */
  recordDirect(kind: string, idempotencyKey: string, position: string): void {
    this.history.push({ id: this.history.length, writer: -1, kind, path: '', body: null, idempotencyKey, attempts: [], direct: true, answer: { status: 201, body: { position } } });
  }

  /** Sends the command until it is answered; an operation still indeterminate at its deadline stays so. */
  async send(writer: number, kind: string, path: string, body: unknown, idempotencyKey: string): Promise<Operation> {
    const operation: Operation = { id: this.history.length, writer, kind, path, body, idempotencyKey, attempts: [] };
    this.history.push(operation);
    const deadline = Date.now() + this.options.deadlineMs;
    for (;;) {
      const { attempt, answer, retryAfterMs } = await this.attempt(operation);
      operation.attempts.push(attempt);
      if (answer) {
        operation.answer = answer;
        return operation;
      }
      if (Date.now() > deadline) return operation;
      await sleep(retryAfterMs);
    }
  }

  private async attempt(operation: Operation): Promise<{ attempt: Attempt; answer?: Operation['answer']; retryAfterMs: number }> {
    const at = Date.now();
    const started = performance.now();
    try {
      const response = await fetch(this.baseUrl() + operation.path, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json', 'idempotency-key': operation.idempotencyKey },
        body: JSON.stringify(operation.body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await response.text();
      const ms = performance.now() - started;
      const replayed = response.headers.get('idempotent-replayed') === 'true';
      if (response.status >= 500) {
        const retryAfter = Number(response.headers.get('retry-after') ?? 0);
        return { attempt: { at, outcome: 'indeterminate', status: response.status, ms, replayed, error: text.slice(0, 300) }, retryAfterMs: Math.max(100, Math.min(retryAfter * 1000, 2_000)) };
      }
      const outcome: Outcome = response.status < 300 ? 'ok' : 'failed';
      return { attempt: { at, outcome, status: response.status, ms, replayed }, answer: { status: response.status, body: text ? JSON.parse(text) : null }, retryAfterMs: 0 };
    } catch (error) {
      return { attempt: { at, outcome: 'indeterminate', status: null, ms: performance.now() - started, replayed: false, error: (error as Error).message }, retryAfterMs: 200 };
    }
  }
}
