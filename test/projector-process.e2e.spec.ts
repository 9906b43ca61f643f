import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, migrate, SqlEventStore, type LogPosition } from '@ledger/event-store';
import { auditTrailProjection, Projector, ReadModelGenerations } from '@ledger/read-models';
import { describeWithPostgres, openTestSchema } from './postgres.js';

/** A decision as the proposal's codec reads it (every field of `RatificationRecorded`), on a proposal the ledger never tabled. */
function ratification(proposalId: string, ratificationId: string) {
  return {
    proposalId,
    ratificationId,
    version: 1,
    stepIndex: 0,
    requirement: 'approve',
    organisationId: 'wirral-council',
    deciderId: 'wirral-cabinet',
    deciderKind: 'body',
    outcome: 'approved',
    decidedOn: '2017-11-27T00:00:00.000Z',
    reasons: null,
    alternativesConsidered: null,
    meeting: null,
    conditions: null,
    conflictsOfInterest: [],
    decidedByPerson: null,
    callInUntil: null,
    authority: null,
  };
}

/**
 * The projector as its own process (`apps/ledger-projector`, built by `npm test` first), killed
 * with SIGKILL in the middle of its work and started again, must end with exactly what a clean
 * projection of the same log holds.
 */
describeWithPostgres('the projector process, killed and restarted', (url) => {
  it('ends with the same read models as a clean projection', async () => {
    const { database, schema, dispose } = await openTestSchema(url);
    const started: ChildProcess[] = [];
    try {
      await migrate(database);
      const store = new SqlEventStore(database);
      for (let batch = 0; batch < 60; batch++) {
        await Promise.all(
          Array.from({ length: 10 }, (_, stream) =>
            store.append(
              `proposal-p-${stream}`,
              Array.from({ length: 10 }, (_, i) => ({
                eventId: randomUUID(),
                type: 'RatificationRecorded',
                schemaVersion: 1,
                data: ratification(`p-${stream}`, `r-${batch * 10 + i}`),
                metadata: { actor: 'clerk:wirral' },
              })),
              { expectedVersion: 'any' },
            ),
          ),
        );
      }
      const head = await store.headPosition();
      const projecting = await new ReadModelGenerations(database).active();
      const position = async () =>
        (await database.query<{ position: LogPosition }>(`SELECT position FROM ${projecting}.projection_checkpoint`))[0].position;
      const start = () => {
        const child = spawn(process.execPath, ['dist/apps/ledger-projector/src/main.js'], {
          env: { ...process.env, DATABASE_URL: url, DATABASE_SCHEMA: schema },
          stdio: 'ignore',
        });
        started.push(child);
        return child;
      };

      // Killed while it is part way through the log...
      const first = start();
      while ((await position()) === '0:0') await sleep(5);
      first.kill('SIGKILL');
      await once(first, 'exit');
      const whenKilled = await position();
      expect(compareLogPositions(whenKilled, head)).toBeLessThan(0);

      // ...and started again, it carries on to the head.
      const second = start();
      for (let waited = 0; compareLogPositions(await position(), head) < 0 && waited < 30_000; waited += 20) await sleep(20);
      second.kill('SIGTERM');
      await once(second, 'exit');
      expect(await position()).toBe(head);

      const clean = new ReadModelGenerations(database);
      const cleanSchema = await clean.create();
      await new Projector(store, database, cleanSchema, [auditTrailProjection]).catchUp();
      const trail = (generation: string) =>
        database.query(`SELECT position, stream_id, stream_version, event_id, type, actor, summary FROM ${generation}.audit_trail ORDER BY log_transaction, log_sequence`);
      const [restarted, cleanly] = await Promise.all([trail(projecting), trail(cleanSchema)]);
      expect(restarted).toHaveLength(6000);
      expect(restarted).toEqual(cleanly);
      for (const generation of [projecting, cleanSchema]) await database.query(`DROP SCHEMA ${generation} CASCADE`);
    } finally {
      for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
      await dispose();
    }
  }, 60_000);
});
