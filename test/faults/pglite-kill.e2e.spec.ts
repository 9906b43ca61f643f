import { runPgliteKill } from './pglite-kill.js';
import { expectSoundVerdict } from './sound-verdict.js';
import { resultLine } from './verdict.js';

/*
 * Fault 6, quick (the full run is `npm run bench:faults`): the API on embedded PGlite is killed
 * with SIGKILL after each of 3 rounds of load from 4 writers and started again on the same data folder.
 */
describe('embedded PGlite killed with the process', () => {
  it('keeps every command it acknowledged across each kill, and loses, doubles or invents nothing', async () => {
    const { verdict, recoverySeconds } = await runPgliteKill({ writers: 4, rounds: 3, loadSeconds: 1.5 });
    console.log(`${resultLine('pglite-kill', verdict, Math.max(...recoverySeconds))} (quick)`);

    expectSoundVerdict(verdict, 20);
  }, 240_000);
});
