import { expectSoundVerdict } from './sound-verdict.js';
import { resultLine } from './verdict.js';
import { runPostgresCrash } from './postgres-crash.js';

/*
 * Fault 1, quick (the full run is `npm run bench:faults`): PostgreSQL — a cluster of the test's
 * own, never the machine's shared server — crashes twice under 8 writers of ratifications,
 * amendments and delegation variations.
 */
describe('PostgreSQL crashing under load', () => {
  it('answers 503 with Retry-After while it is down, recovers without a restart, and loses, doubles or invents nothing', async () => {
    const run = await runPostgresCrash({ writers: 8, crashes: 2, downSeconds: [2, 3], loadSeconds: 2, databaseTimeoutMs: 2_000 });
    const { verdict } = run;
    const slowest = Math.max(...run.outageAnswers.map((answer) => answer.ms));
    console.log(`${resultLine('postgres-crash', verdict, Math.max(...run.recoverySeconds))} (quick; slowest answer while down ${Math.round(slowest)} ms)`);

    expectSoundVerdict(verdict, 50);
    // While the server was down every command was answered, 503 with Retry-After, within the timeout and a margin.
    expect(run.outageAnswers.length).toBeGreaterThan(0);
    for (const answer of run.outageAnswers) {
      expect({ status: answer.status, code: answer.code, retryAfter: answer.retryAfter }).toEqual({ status: 503, code: 'database_unavailable', retryAfter: '2' });
      expect(answer.ms).toBeLessThan(2_000 + 3_000);
    }
    // Readiness said why it was not ready, and came back after each restart.
    expect(run.readinessWhileDown.length).toBeGreaterThan(0);
    for (const ready of run.readinessWhileDown) expect(ready.status).toBe(503);
    expect(run.readinessWhileDown[0].body).toContain('is not available');
    expect(run.recoverySeconds).toHaveLength(2);
  }, 240_000);
});
