import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';

/** One REST call of a scenario: a line of NDJSON, in the order the events happened. */
export interface ScenarioCall {
  method: 'POST' | 'GET';
  path: string;
  body?: unknown;
  /** Where in the paper this comes from, and what was assumed. */
  note?: string;
  /** Where it stands: file and line number. */
  file: string;
  line: number;
  /** Sent as `Idempotency-Key`, so that importing the same file again changes nothing. */
  idempotencyKey: string;
}

export class ScenarioFileError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'ScenarioFileError';
  }
}

const lines = (path: string) => createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });

/** The calls of a scenario file, one a line (blank lines skipped), each checked for its shape. */
export async function* readScenario(path: string): AsyncGenerator<ScenarioCall> {
  const file = basename(path);
  let line = 0;
  for await (const text of lines(path)) {
    line += 1;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new ScenarioFileError(file, line, `not JSON: ${(error as Error).message}`);
    }
    const { method, path: callPath, body, note } = (parsed ?? {}) as Record<string, unknown>;
    if (method !== 'POST' && method !== 'GET') throw new ScenarioFileError(file, line, 'method must be "POST" or "GET"');
    if (typeof callPath !== 'string' || !callPath.startsWith('/')) throw new ScenarioFileError(file, line, 'path must start with "/"');
    if (note !== undefined && typeof note !== 'string') throw new ScenarioFileError(file, line, 'note must be a string');
    const digest = createHash('sha256').update(text).digest('hex').slice(0, 32);
    yield { method, path: callPath, body, note, file, line, idempotencyKey: `scenario:${file}:${line}:${digest}`.slice(0, 200) };
  }
}

/** How many calls a scenario file holds, for progress. */
export async function countCalls(path: string): Promise<number> {
  let calls = 0;
  for await (const text of lines(path)) if (text.trim() !== '') calls += 1;
  return calls;
}
