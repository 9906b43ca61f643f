import { runNetworkCut } from './network-cut.js';
import { passed, resultLine } from './verdict.js';

/*
 * Fault 5, quick (the full run is `npm run bench:faults`): the network between the API and
 * PostgreSQL is cut for 3 s, once by resetting every connection and once by dropping every packet.
 */
describe('the network to PostgreSQL cut', () => {
  it('keeps every request within the timeout, recovers its pool, and loses nothing acknowledged', async () => {
    const run = await runNetworkCut({ writers: 8, cutSeconds: 3, loadSeconds: 1.5, databaseTimeoutMs: 2_000 });
    console.log(`${resultLine('network-cut', run.verdict, Math.max(...run.recoverySeconds))} (quick; longest wait ${Math.round(run.longestWaitMs)} ms, ${run.verdict.longestAttempt})`);

    // Statements and connections are cut off after 2 s, the driver gives up 1 s later, and a retry
    // waits at most 2 s for an attempt still under way: no attempt waits the client's own 10 s.
    expect(run.longestWaitMs).toBeLessThan(2 * (2_000 + 1_000) + 1_500);
    expect(run.recoverySeconds).toHaveLength(2);
    expect(run.verdict.lost).toEqual([]);
    expect(run.verdict.duplicated).toEqual([]);
    expect(run.verdict.unexpected).toEqual([]);
    expect(run.verdict.refused).toEqual([]);
    expect(run.verdict.problems).toEqual([]);
    expect(passed(run.verdict)).toBe(true);
  }, 240_000);
});
