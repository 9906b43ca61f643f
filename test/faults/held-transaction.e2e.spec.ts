import { runHeldTransaction } from './held-transaction.js';
import { passed, resultLine } from './verdict.js';

/*
 * Fault 4, quick (the full run is `npm run bench:faults`): an append held open in a transaction
 * for 4 s under 8 writers, once committed and once rolled back.
 */
describe('a transaction held open on the log', () => {
  it('holds readers back without skipping it, says who holds them, and nothing stalls after it ends', async () => {
    const { verdict, whileHeld } = await runHeldTransaction({ writers: 8, holdSeconds: 4, loadSeconds: 1.5, databaseTimeoutMs: 2_000 });
    console.log(`${resultLine('held-transaction', verdict, 0)} (quick)`);

    expect(whileHeld.map((held) => held.ending)).toEqual(['commit', 'rollback']);
    for (const held of whileHeld) {
      expect(held.readiness.status).toBe(503);
      expect(held.readiness.body).toContain('holds the log back');
      expect(held.readiness.body).toContain(`fault-held-${held.ending}`);
      expect(held.heldBackSeconds).toBeGreaterThan(2);
    }
    expect(verdict.lost).toEqual([]); // the committed append is in the log, once
    expect(verdict.duplicated).toEqual([]);
    expect(verdict.unexpected).toEqual([]); // the rolled-back one is not
    expect(verdict.problems).toEqual([]);
    expect(passed(verdict)).toBe(true);
  }, 240_000);
});
