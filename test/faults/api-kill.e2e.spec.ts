import { runApiKill } from './api-kill.js';
import { expectSoundVerdict } from './sound-verdict.js';
import { resultLine } from './verdict.js';

/*
 * Fault 2, quick (the full run is `npm run bench:faults`): the API is killed with SIGKILL under 8
 * writers and started again, twice; every command retried with its key answers as the first
 * attempt would have, and nothing is lost, doubled or invented.
 */
describe('the API killed under load', () => {
  it('answers every retry as the first attempt would have, and loses, doubles or invents nothing', async () => {
    const { verdict, recoverySeconds } = await runApiKill({ writers: 8, kills: 2, loadSeconds: 2, databaseTimeoutMs: 2_000 });
    console.log(`${resultLine('api-kill', verdict, Math.max(...recoverySeconds))} (quick)`);

    expectSoundVerdict(verdict, 50);
    expect(recoverySeconds).toHaveLength(2);
  }, 240_000);
});
