import { expect } from '@jest/globals';
import { passed, type Verdict } from './verdict.js';

/**
 * What every fault's test asks of its verdict: at least `atLeastOk` commands acknowledged, and none
 * lost, doubled, invented or refused on a retry, the read models equal to a rebuild and the sealed
 * log verified. Each list is compared on its own so that a failure names what went wrong.
 */
export function expectSoundVerdict(verdict: Verdict, atLeastOk: number): void {
  expect(verdict.ok).toBeGreaterThan(atLeastOk);
  expect(verdict.lost).toEqual([]);
  expect(verdict.duplicated).toEqual([]);
  expect(verdict.unexpected).toEqual([]);
  expect(verdict.refused).toEqual([]);
  expect(verdict.problems).toEqual([]);
  expect(passed(verdict)).toBe(true);
}
