/**
 * What `bench:compare-reads`, `bench:compare-commands` and `bench:compare-rebuild` share: this
 * checkout and a baseline's measured in turns at the same time, so that this machine's drift weighs
 * on both alike.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The checkout `BENCH_BASELINE` names, built, to compare this one with: `runs` is the built file the comparison runs there. */
export function baselineCheckout(runs = 'dist/apps/ledger-api/src/main.js'): string {
  const baseline = process.env.BENCH_BASELINE;
  if (!baseline || !existsSync(join(baseline, runs))) {
    throw new Error(`BENCH_BASELINE names the checkout to compare with, built (npm run build there): its ${runs} was not found.`);
  }
  return baseline;
}

/** Where each API runs: this checkout's on `port`, the baseline's on the next. */
export function contenderPlaces(port: number, baseline: string) {
  return [
    ['this checkout', port, undefined],
    ['baseline', port + 1, baseline],
  ] as const;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
