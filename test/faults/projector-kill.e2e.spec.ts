import { runProjectorKill } from './projector-kill.js';
import { passed, resultLine } from './verdict.js';

/*
 * Fault 3, quick (the full run is `npm run bench:faults`): the projector, as its own process, is
 * killed mid-batch under 8 writers three times, and `ledger rebuild` once part-way through.
 */
describe('the projector killed mid-batch and mid-rebuild', () => {
  it('never moves its checkpoint backwards and never applies an event twice (read models equal a rebuild)', async () => {
    const run = await runProjectorKill({ writers: 8, kills: 3, loadSeconds: 1.5, databaseTimeoutMs: 2_000 });
    console.log(`${resultLine('projector-kill', run.verdict, 0)} (quick; ${run.projectorKills} projector kills, ${run.rebuildKills} rebuild killed, ${run.readings} checkpoint readings)`);

    expect(run.projectorKills).toBe(3);
    expect(run.readings).toBeGreaterThan(20);
    expect(run.checkpointMovedBack).toEqual([]);
    expect(run.verdict.lost).toEqual([]);
    expect(run.verdict.duplicated).toEqual([]);
    expect(run.verdict.unexpected).toEqual([]);
    expect(run.verdict.problems).toEqual([]);
    expect(passed(run.verdict)).toBe(true);
  }, 240_000);
});
