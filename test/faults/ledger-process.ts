import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { NO_RATE_LIMITS } from '../no-rate-limits.js';

/**
 * The built API (`dist/apps/ledger-api/src/main.js`), or the built projector, as a process of its
 * own that a fault may kill (`SIGKILL`) and start again on the same store and port.
 */
export class LedgerProcess {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly environment: Record<string, string>,
    readonly port: number | null,
  ) {}

  static api(port: number, environment: Record<string, string>): LedgerProcess {
    return new LedgerProcess('api', 'dist/apps/ledger-api/src/main.js', { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...NO_RATE_LIMITS, ...environment }, port);
  }

  static projector(environment: Record<string, string>): LedgerProcess {
    return new LedgerProcess('projector', 'dist/apps/ledger-projector/src/main.js', environment, null);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the process wrote to stderr, last 20 kB (for a failure's message). */
  get recentOutput(): string {
    return this.output;
  }

  /** Starts it; an API is handed back once it answers `/health/live` (its database may still be away). */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [this.script], { env: { ...process.env, ...this.environment }, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    this.child = child;
    if (this.port === null) return;
    for (let attempt = 0; attempt < 600; attempt++) {
      try {
        if ((await fetch(`${this.baseUrl}/health/live`, { signal: AbortSignal.timeout(1_000) })).ok) return;
      } catch {
        // not listening yet
      }
      if (!this.running) throw new Error(`The ${this.name} exited with ${child.exitCode ?? child.signalCode}: ${this.output}`);
      await sleep(100);
    }
    throw new Error(`The ${this.name} did not answer /health/live within 60 s: ${this.output}`);
  }

  /** Kills it at once, as a crash or an OOM kill would: nothing is flushed, nothing shut down. */
  async kill(): Promise<void> {
    if (!this.running) return;
    const exited = once(this.child!, 'exit');
    this.child!.kill('SIGKILL');
    await exited;
  }

  /** Stops it as an operator would (SIGTERM), waiting for it to finish. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = once(this.child!, 'exit');
    this.child!.kill('SIGTERM');
    await exited;
  }
}
