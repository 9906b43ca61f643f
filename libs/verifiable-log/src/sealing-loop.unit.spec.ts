import type { LedgerCheckpoints } from './ledger-checkpoints.js';
import { LogIntegrityError, RefusalToSignError } from './log-integrity-error.js';
import type { Sealer } from './sealer.js';
import { keepSealing } from './sealing-loop.js';

/** A sealer that fails as told, then seals nothing more; and checkpoints that count their issues. */
function world(failures: Error[]) {
  let batches = 0;
  let issued = 0;
  const sealer = {
    async sealBatch() {
      batches += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      return 0;
    },
    async checkNothingAddedOrRemoved() {},
  } as unknown as Sealer;
  const checkpoints = {
    async issue() {
      issued += 1;
      return null;
    },
  } as unknown as LedgerCheckpoints;
  return { sealer, checkpoints, counts: () => ({ batches, issued }) };
}

describe('keeping the log sealed', () => {
  it('retries a passing failure after a pause, saying so, and goes on sealing', async () => {
    const { sealer, checkpoints, counts } = world([new Error('Connection terminated unexpectedly')]);
    const stop = new AbortController();
    const retries: [string, number][] = [];
    const running = keepSealing(sealer, checkpoints, { intervalMs: 60_000, signal: stop.signal, onRetry: (error, delayMs) => retries.push([(error as Error).message, delayMs]) });
    for (let waited = 0; counts().batches < 2 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort();
    await running;
    expect(retries).toEqual([['Connection terminated unexpectedly', 400]]);
    expect(counts().batches).toBeGreaterThanOrEqual(2);
    expect(counts().issued).toBe(1); // the first checkpoint, once caught up
  });

  it('stops on a checkpoint it refuses to sign', async () => {
    const { sealer, checkpoints } = world([new RefusalToSignError('Refusing to sign: the sealed log of 12 leaves does not extend the checkpoint of 9.')]);
    await expect(keepSealing(sealer, checkpoints, { intervalMs: 60_000, signal: new AbortController().signal })).rejects.toThrow(/^Refusing to sign/);
  });

  it('stops on an event the seal does not explain, instead of retrying it as a passing failure', async () => {
    const { sealer, checkpoints, counts } = world([new LogIntegrityError('Refusing to seal wirral v3 at log position 9:4: the stream\'s hash chain is broken.', '9:4')]);
    await expect(keepSealing(sealer, checkpoints, { intervalMs: 60_000, signal: new AbortController().signal })).rejects.toThrow(LogIntegrityError);
    expect(counts().batches).toBe(1);
  });
});
