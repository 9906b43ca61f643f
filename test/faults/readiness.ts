import { setTimeout as sleep } from 'node:timers/promises';

/** Waits until the API's /health/ready answers 200; throws with its last answer after `timeoutMs`. */
export async function untilReady(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (ready?.ok) return;
    if (Date.now() > deadline) throw new Error(`/health/ready did not answer 200 within ${timeoutMs / 1000} s: ${ready ? `${ready.status} ${await ready.text()}` : 'no answer'}`);
    await sleep(100);
  }
}
