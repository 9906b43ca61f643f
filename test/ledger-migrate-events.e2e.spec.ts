import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { migrate, recordEventStoreMove, SqlEventStore, type Database, type NewEvent, type StoredEvent } from '@ledger/event-store';
import { Sealer } from '@ledger/verifiable-log';
import { describeWithPostgres, openTestSchema } from './postgres.js';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/** Runs `ledger …` as an operator would, output piped; answers its exit code and output. */
async function ledger(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _url, DATABASE_SCHEMA: _schema, LEDGER_DATA_DIR: _dir, EVENTSTORE_CONNECTION_STRING: _esdb, ...environment } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/ledger.js', ...args], { env: environment });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const event = (type: string, data: unknown): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data, metadata: { actor: 'clerk:wokingham' } });

/** Wokingham's Section 75 route so far: 4 events in 3 streams, one append carrying two. */
async function appendWokingham(database: Database): Promise<void> {
  const store = new SqlEventStore(database);
  await store.append('organisation-wokingham-borough-council', [event('OrganisationRegistered', { organisationId: 'wokingham-borough-council', name: 'Wokingham Borough Council' })], { expectedVersion: 0 });
  await store.append('proposal-wokingham-section-75', [event('ProposalTabled', { title: 'Enhanced Section 75 Partnership' }), event('PaperAttached', { paper: 'Executive, 14 December 2021 — item 6' })], { expectedVersion: 0 });
  await store.append('body-wokingham-executive', [event('BodyEstablished', { bodyId: 'wokingham-executive', name: 'Executive' })], { expectedVersion: 0 });
}

async function everything(database: Database): Promise<StoredEvent[]> {
  const store = new SqlEventStore(database);
  const events: StoredEvent[] = [];
  for (let page = await store.readLog({ limit: 10_000 }); page.length > 0; page = await store.readLog({ after: page[page.length - 1].position, limit: 10_000 })) events.push(...page);
  return events;
}

const identity = ({ eventId, streamId, streamVersion, metadata, data, hash }: StoredEvent) => ({ eventId, streamId, streamVersion, metadata, data, hash });

describeWithPostgres('ledger migrate-events', (url) => {
  /** The test server's URL with a password in it (trust authentication ignores it), to prove it is never printed. */
  const withPassword = (() => {
    const address = new URL(url);
    if (!address.password) address.password = 'not-to-be-printed';
    return address.toString();
  })();
  const password = new URL(withPassword).password;
  let from: Awaited<ReturnType<typeof openTestSchema>>;
  let to: Awaited<ReturnType<typeof openTestSchema>>;
  let where: { from: string; to: string };
  beforeEach(async () => {
    from = await openTestSchema(url);
    to = await openTestSchema(url);
    await migrate(from.database);
    const { hostname, port, pathname } = new URL(url);
    where = { from: `PostgreSQL at ${hostname}:${port || 5432}${pathname} (schema ${from.schema})`, to: `PostgreSQL at ${hostname}:${port || 5432}${pathname} (schema ${to.schema})` };
  });
  afterEach(async () => {
    await from.dispose();
    await to.dispose();
  });
  const migrateEvents = (...more: string[]) => ledger(['migrate-events', '--from', withPassword, '--from-schema', from.schema, '--to', withPassword, '--to-schema', to.schema, ...more]);
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('copies the log to another PostgreSQL schema and verifies it, quietly when piped; run again, it copies nothing more and still verifies', async () => {
    await appendWokingham(from.database);
    const first = await migrateEvents();
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(
      new RegExp(`^copied 4 events from ${escaped(where.from)} to ${escaped(where.to)} in [\\d.]+ s \\([\\d,]+ events/s\\); verified 4 events in [\\d.]+ s: same order, ids and hashes\\.\\n$`),
    );
    expect(first.stdout).not.toContain(password);
    const source = await everything(from.database);
    expect((await everything(to.database)).map(identity)).toEqual(source.map(identity));

    const again = await migrateEvents();
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toMatch(new RegExp(`^copied 0 events \\(resumed after ${escaped(source[3].position)}\\) from .*; verified 4 events in [\\d.]+ s: same order, ids and hashes\\.\\n$`));
    expect(await everything(to.database)).toHaveLength(4);
  });

  it('stops on Ctrl-C, keeping what it copied, and the same command again resumes and verifies', async () => {
    // Enough single-event appends, over many streams, that the copy is still running when interrupted.
    const store = new SqlEventStore(from.database);
    for (let batch = 0; batch < 40; batch++) {
      await Promise.all(Array.from({ length: 100 }, (_, n) => store.append(`proposal-${batch}-${n}`, [event('ProposalTabled', { title: `Paper ${batch}/${n}` })], { expectedVersion: 0 })));
    }
    const { DATABASE_URL: _url, DATABASE_SCHEMA: _schema, ...environment } = process.env;
    const child = spawn(process.execPath, ['bin/ledger.js', 'migrate-events', '--from', url, '--from-schema', from.schema, '--to', url, '--to-schema', to.schema], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const copiedSoFar = async () => Number((await to.database.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${to.schema}.ledger_events`).catch(() => [{ n: '0' }]))[0].n);
    const deadline = Date.now() + 30_000;
    while ((await copiedSoFar()) === 0 && child.exitCode === null && Date.now() < deadline) await sleep(10);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(130);
    const [, stopped] = /^copied ([\d,]+) events from .*, then stopped \(Ctrl-C\)\. What is copied stays: run the same command again to resume\.\n$/.exec(output) ?? [];
    expect(stopped).toBeDefined();
    const kept = await copiedSoFar();
    expect(kept).toBe(Number(stopped.replace(/,/g, '')));
    expect(kept).toBeLessThan(4_000);

    const resumed = await migrateEvents();
    expect(resumed).toMatchObject({ code: 0, stderr: '' });
    expect(resumed.stdout).toMatch(new RegExp(`^copied ${(4_000 - kept).toLocaleString('en-GB')} events \\(resumed after \\d+:\\d+\\) from .*; verified 4,000 events in [\\d.]+ s: same order, ids and hashes\\.\\n$`));
    expect((await everything(to.database)).map(identity)).toEqual((await everything(from.database)).map(identity));
  }, 90_000);

  it('refuses, exit 1 and appending nothing, to copy into a ledger that holds events of its own', async () => {
    await appendWokingham(from.database);
    await migrate(to.database);
    await new SqlEventStore(to.database).append('organisation-wirral-council', [event('OrganisationRegistered', { organisationId: 'wirral-council' })], { expectedVersion: 0 });
    const refused = await migrateEvents();
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: `ledger: ${where.to}: the target already holds events that are not this source's: its last event, organisation-wirral-council version 1, is not in the source. Copy into an empty store.\n`,
    });
    expect(await everything(to.database)).toHaveLength(1);
  });

  it('fails verification, exit 1, naming the event, when the copy differs from the source', async () => {
    await appendWokingham(from.database);
    expect((await migrateEvents('--no-verify')).stdout).toMatch(/^copied 4 events .*; not verified \(--no-verify\)\.\n$/);
    // The source changes behind the copy's back: the copy no longer matches it.
    await from.database.query(`UPDATE ledger_events SET body = replace(body, 'item 6', 'item 7') WHERE stream_id = 'proposal-wokingham-section-75' AND stream_version = 2`);
    const checked = await migrateEvents();
    expect(checked).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/^copied 0 events \(resumed after \d+:\d+\) from .*\.\n$/),
      stderr: 'ledger: The copy does not verify: event 3 of the log (proposal-wokingham-section-75 version 2): the data differs.\n',
    });
  });

  it('names the EventStoreDB it cannot reach, exit 1, without its password, having copied nothing', async () => {
    await appendWokingham(from.database);
    const port = await freePort();
    const unreachable = await ledger(['migrate-events', '--from', url, '--from-schema', from.schema, '--to', `esdb://admin:changeit@127.0.0.1:${port}?tls=false`]);
    expect(unreachable).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining(`ledger: The event store at esdb://127.0.0.1:${port} cannot be reached`) });
    expect(unreachable.stderr).not.toContain('changeit');
  });

  it('refuses --switch to PostgreSQL, pointing to pg_dump, and --switch without verifying, exit 1, having touched neither store', async () => {
    await appendWokingham(from.database);
    expect(await migrateEvents('--switch')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'ledger: --switch moves a ledger onto EventStoreDB, and --to is PostgreSQL: to move a ledger to another PostgreSQL server, ' +
        'copy its whole database with pg_dump and pg_restore (the read models, keys and sealed log go with the events), then point DATABASE_URL at it.\n',
    });
    const port = await freePort();
    expect(await ledger(['migrate-events', '--from', url, '--from-schema', from.schema, '--to', `esdb://127.0.0.1:${port}?tls=false`, '--switch', '--no-verify'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ledger: --switch needs a verified copy: leave out --no-verify.\n',
    });
    expect(await to.database.query(`SELECT to_regclass('ledger_events')::text AS events`)).toEqual([{ events: null }]);
  });

  it('--switch to an EventStoreDB it cannot reach: exit 1 naming it, without its password, the ledger left on its own events', async () => {
    await appendWokingham(from.database);
    const sealer = new Sealer(from.database, new SqlEventStore(from.database));
    await sealer.catchUp();
    const sealed = await sealer.head();
    const port = await freePort();
    const unreachable = await ledger(['migrate-events', '--from', withPassword, '--from-schema', from.schema, '--to', `esdb://admin:changeit@127.0.0.1:${port}?tls=false`, '--switch']);
    expect(unreachable).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining(`ledger: The event store at esdb://127.0.0.1:${port} cannot be reached`) });
    expect(unreachable.stderr).not.toContain('changeit');
    expect(unreachable.stderr).not.toContain(password);
    expect(await from.database.query(`SELECT kind FROM ledger_event_store WHERE kind <> 'database'`)).toEqual([]);
    expect(await from.database.query('SELECT * FROM ledger_leaf_relocations')).toEqual([]);
    expect(await sealer.head()).toEqual(sealed);
  });

  it('refuses, exit 1, to copy from a ledger already switched to EventStoreDB: its ledger_events are no longer its log', async () => {
    await appendWokingham(from.database);
    await from.database.transaction((session) => recordEventStoreMove(session, 'eventstoredb'));
    const refused = await migrateEvents();
    expect(refused).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(
        new RegExp(`^ledger: ${escaped(where.from)} was switched to EventStoreDB on \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ: its events are there now, and its ledger_events are no longer its log\\.\\n$`),
      ),
    });
    expect(await to.database.query(`SELECT to_regclass('ledger_events')::text AS events`)).toEqual([{ events: null }]);
  });

  it('refuses a --to that is neither EventStoreDB nor PostgreSQL, and a --from that is not PostgreSQL', async () => {
    expect(await ledger(['migrate-events', '--from', url, '--to', 'mysql://root:secret@db/ledger'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ledger: --to must be an EventStoreDB connection string (esdb://…, esdb+discover://…, kurrentdb://…, kdb://…) or a PostgreSQL URL, not mysql://db/ledger.\n',
    });
    expect((await ledger(['migrate-events', '--from', 'esdb://127.0.0.1:2113', '--to', url])).stderr).toBe('ledger: --from must be a PostgreSQL URL (postgres://…), not esdb://127.0.0.1:2113.\n');
  });
});
