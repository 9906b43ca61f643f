import { execFile } from 'node:child_process';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EventStoreDbEventStore, EventStoreUnavailableError, migrate, openEventStore, PgliteDatabase } from '@ledger/event-store';
import { EventStoreHealthIndicator } from '../apps/ledger-api/src/health/event-store.health.js';
import { freePort } from './free-port.js';

/**
 * What an operator sees when EVENTSTORE_CONNECTION_STRING points at no EventStoreDB: these run
 * here, against a port nothing listens on, with the real client. (The adapter's contract needs a
 * server, and runs in libs/event-store/test when EVENTSTORE_CONNECTION_STRING is set.)
 */

/** Runs a built app as a process; answers its exit code and what it wrote. */
function run(script: string, environment: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [script], { env: { PATH: process.env.PATH, ...environment }, timeout: 30_000 }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, output: `${stdout}${stderr}` }),
    );
  });
}

describe('EventStoreDB out of reach', () => {
  let connectionString: string;
  let server: string;
  beforeAll(async () => {
    const port = await freePort();
    connectionString = `esdb://admin:changeit@127.0.0.1:${port}?tls=false`;
    server = `esdb://127.0.0.1:${port}`;
  });

  it('stops opening the event store, naming the server and not its password', async () => {
    const database = await PgliteDatabase.open();
    try {
      await migrate(database);
      const refusal = await openEventStore({ dataDir: 'memory://', migrateOnStart: false, eventStoreConnectionString: connectionString }, database).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(EventStoreUnavailableError);
      expect((refusal as Error).message).toContain(`The event store at ${server} cannot be reached: 14 UNAVAILABLE`);
      expect((refusal as Error).message).not.toContain('changeit');
      expect(await database.query('SELECT kind FROM ledger_event_store')).toEqual([]); // a server never reached claims nothing
    } finally {
      await database.close();
    }
  });

  it.each([
    ['the API', 'dist/apps/ledger-api/src/main.js'],
    ['the projector', 'dist/apps/ledger-projector/src/main.js'],
  ])('stops %s from starting, exit code 1, saying which server it could not reach', async (_name, script) => {
    const answer = await run(script, { LEDGER_DATA_DIR: 'memory://', EVENTSTORE_CONNECTION_STRING: connectionString, PORT: String(await freePort()), LOG_LEVEL: 'error' });
    expect(answer.code).toBe(1);
    expect(answer.output).toContain(`The event store at ${server} cannot be reached`);
    expect(answer.output).not.toContain('changeit');
  });

  it('reports the unreachable server down in the readiness check', async () => {
    const store = EventStoreDbEventStore.connect(connectionString);
    try {
      const indicator = new EventStoreHealthIndicator(store, new HealthIndicatorService());
      expect(await indicator.isReady()).toEqual({
        eventStore: { status: 'down', kind: 'eventstoredb', server, message: expect.stringContaining(`The event store at ${server} cannot be reached`) },
      });
    } finally {
      await store.close();
    }
  });
});
