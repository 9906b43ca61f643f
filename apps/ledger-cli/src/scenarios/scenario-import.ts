import { countCalls, readScenario, type ScenarioCall } from './scenario-file.js';

export interface ImportTarget {
  /** The API's base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** An API key allowed every command (clerk or admin). */
  key: string;
}

export interface ImportProgress {
  file: string;
  done: number;
  calls: number;
}

/** A call the API refused: where it stands in its file, and the problem response. */
export class ScenarioCallRefused extends Error {
  constructor(
    readonly call: ScenarioCall,
    readonly status: number,
    readonly problem: string,
  ) {
    super(`${call.file}:${call.line}: ${call.method} ${call.path} answered ${status}${call.note ? ` (${call.note})` : ''}\n${problem}`);
    this.name = 'ScenarioCallRefused';
  }
}

export interface ImportResult {
  calls: number;
  /** The log position of the last command, for reads that must see it (`minPosition`). */
  lastPosition: string | null;
}

/** Plays scenario files against a running API in order, stopping at the first call it refuses. */
export async function importScenarios(paths: readonly string[], target: ImportTarget, onProgress: (progress: ImportProgress) => void = () => undefined): Promise<ImportResult> {
  const base = target.url.replace(/\/+$/, '');
  let calls = 0;
  let lastPosition: string | null = null;
  for (const path of paths) {
    const total = await countCalls(path);
    let done = 0;
    for await (const call of readScenario(path)) {
      const response = await fetch(base + call.path, {
        method: call.method,
        headers: {
          authorization: `Bearer ${target.key}`,
          ...(call.method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': call.idempotencyKey } : {}),
        },
        body: call.method === 'POST' ? JSON.stringify(call.body ?? {}) : undefined,
      });
      const text = await response.text();
      if (!response.ok) throw new ScenarioCallRefused(call, response.status, text);
      lastPosition = response.headers.get('x-ledger-position') ?? lastPosition;
      done += 1;
      calls += 1;
      onProgress({ file: call.file, done, calls: total });
    }
  }
  return { calls, lastPosition };
}
