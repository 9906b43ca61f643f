import type { Command } from 'commander';
import {
  copyLog,
  describeServer,
  describeStorage,
  EventStoreDbEventStore,
  ForeignEventsError,
  migrate,
  openDatabase,
  SqlEventStore,
  verifyCopy,
  type Database,
  type EventStore,
} from '@ledger/event-store';
import { count, ProgressLine } from '../terminal.js';
import { ReadModelsNotRebuiltError, switchToEventStoreDb } from './switch-event-store.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const EVENTSTOREDB_URL = /^(esdb|kurrentdb|kdb)(\+discover)?:\/\//i;

/** One end of a migration, opened, and how to say where it is without a password. */
interface LedgerEnd {
  store: EventStore;
  where: string;
  close(): Promise<void>;
}

/** The ledger to copy from: its database too, which `--switch` moves onto the new store. */
interface LedgerSource extends LedgerEnd {
  database: Database;
  schema: string;
}

interface MigrateEventsOptions {
  from: string;
  to: string;
  fromSchema?: string;
  toSchema?: string;
  verify: boolean;
  switch?: boolean;
}

/**
 * `ledger migrate-events --from <postgres url> --to <esdb url>`: copies the whole event
 * log into EventStoreDB — or into another PostgreSQL — keeping its order, event ids, recording
 * instants and hashes, then compares the two logs event by event. An interrupted copy (Ctrl-C, a
 * lost connection) is resumed by running the same command again. Without `--switch` the ledger
 * itself is left as it was (the copy can run while it serves, to move the bulk first); with it,
 * after a verified copy into EventStoreDB, the ledger's database is moved onto the new store (see
 * `switchToEventStoreDb`): the API and the projector must be stopped for that.
 */
export function migrateEventsCommand(program: Command): void {
  program
    .command('migrate-events')
    .description(
      'copy the event log from PostgreSQL into EventStoreDB (or another PostgreSQL) keeping order, ids and hashes; resumable; verified. ' +
        'Without --switch it can run while the API and the projector serve, to copy the bulk first; ' +
        'then stop them and run it again with --switch to move the ledger onto EventStoreDB',
    )
    .requiredOption('--from <url>', 'the PostgreSQL holding the ledger (postgres://…)')
    .requiredOption('--to <url>', 'EventStoreDB (esdb://…, esdb+discover://…, kurrentdb://…, kdb://…) or another PostgreSQL (postgres://…)')
    .option('--from-schema <name>', 'the schema the ledger is in at --from (default public)')
    .option('--to-schema <name>', 'the schema to copy into, when --to is PostgreSQL (default public)')
    .option('--no-verify', 'skip comparing the two logs after the copy')
    .option(
      '--switch',
      'after a complete, verified copy into EventStoreDB, move the ledger onto it: the sealed log goes on from there, ' +
        'the database records that its events are in EventStoreDB, and the read models are rebuilt from it. ' +
        'Run it with the API and the projector STOPPED, then start them with EVENTSTORE_CONNECTION_STRING set',
    )
    .action(async (options: MigrateEventsOptions) => {
      if (!POSTGRES_URL.test(options.from)) throw new Error(`--from must be a PostgreSQL URL (postgres://…), not ${describeServer(options.from)}.`);
      if (!POSTGRES_URL.test(options.to) && !EVENTSTOREDB_URL.test(options.to)) {
        throw new Error(`--to must be an EventStoreDB connection string (esdb://…, esdb+discover://…, kurrentdb://…, kdb://…) or a PostgreSQL URL, not ${describeServer(options.to)}.`);
      }
      if (options.switch && !EVENTSTOREDB_URL.test(options.to)) {
        throw new Error(
          '--switch moves a ledger onto EventStoreDB, and --to is PostgreSQL: to move a ledger to another PostgreSQL server, ' +
            'copy its whole database with pg_dump and pg_restore (the read models, keys and sealed log go with the events), then point DATABASE_URL at it.',
        );
      }
      if (options.switch && !options.verify) throw new Error('--switch needs a verified copy: leave out --no-verify.');
      if (POSTGRES_URL.test(options.to) && sameDatabase(options.from, options.to) && (options.fromSchema ?? 'public') === (options.toSchema ?? 'public')) {
        throw new Error('--from and --to are the same ledger: give another database, or another --to-schema.');
      }

      // The switch writes tables of the latest migrations into the ledger's database; a copy alone only reads it.
      const source = await openSource(options.from, options.fromSchema, options.switch === true);
      try {
        const target = EVENTSTOREDB_URL.test(options.to) ? await openEventStoreDb(options.to) : await openPostgresTarget(options.to, options.toSchema);
        try {
          const copied = await migrateEvents(source, target, options.verify);
          if (copied && options.switch) await switchLedger(source, target, options);
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}

/** Copies, and verifies unless told not to; answers whether the copy is complete and verified. */
async function migrateEvents(source: LedgerEnd, target: LedgerEnd, verify: boolean): Promise<boolean> {
  const progress = new ProgressLine();
  // Ctrl-C stops the copy between two appends: what is copied stays, and the next run resumes after it.
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once('SIGINT', interrupt);
  let copy: Awaited<ReturnType<typeof copyLog>>;
  try {
    copy = await copyLog(source.store, target.store, {
      pageSize: 2_000,
      signal: stop.signal,
      onProgress: ({ copied, toCopy, eventsPerSecond }) =>
        progress.update(`copying: ${count(copied)}${toCopy === null ? '' : ` of ${count(toCopy)}`} events, ${count(eventsPerSecond)} events/s`),
    });
  } catch (error) {
    progress.done();
    if (error instanceof ForeignEventsError) throw new Error(`${target.where}: ${error.message}`);
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
  }
  progress.done();

  const resumed = copy.resumedAfter === null ? '' : ` (resumed after ${copy.resumedAfter})`;
  const rate = copy.copied === 0 ? '' : ` in ${copy.seconds.toFixed(1)} s (${count(copy.copied / Math.max(copy.seconds, 0.001))} events/s)`;
  const copied = `copied ${count(copy.copied)} events${resumed} from ${source.where} to ${target.where}${rate}`;
  if (!copy.complete) {
    console.log(`${copied}, then stopped (Ctrl-C). What is copied stays: run the same command again to resume.`);
    process.exitCode = 130;
    return false;
  }
  if (!verify) {
    console.log(`${copied}; not verified (--no-verify).`);
    return false;
  }

  // Verifying only reads: Ctrl-C now simply ends the process.
  const verification = await verifyCopy(source.store, target.store, {
    pageSize: 2_000,
    onProgress: ({ events, eventsPerSecond }) => progress.update(`verifying: ${count(events)} events, ${count(eventsPerSecond)} events/s`),
  });
  progress.done();
  if (!verification.valid) {
    console.log(`${copied}.`);
    throw new Error(`The copy does not verify: ${verification.reason}.`);
  }
  console.log(`${copied}; verified ${count(verification.events)} events in ${verification.seconds.toFixed(1)} s: same order, ids and hashes.`);
  return true;
}

/** `--switch`, after a verified copy: the ledger's database moves onto EventStoreDB, and says what to do next. */
async function switchLedger(source: LedgerSource, target: LedgerEnd, options: MigrateEventsOptions): Promise<void> {
  const server = describeServer(options.to);
  const progress = new ProgressLine();
  try {
    const switched = await switchToEventStoreDb(source.database, target.store, ({ events, eventsPerSecond, secondsLeft }) => {
      const left = secondsLeft === null ? '' : `, about ${Math.ceil(secondsLeft)} s left`;
      progress.update(`rebuilding the read models from EventStoreDB: ${count(events)} events, ${count(eventsPerSecond)} events/s${left}`);
    });
    progress.done();
    const { readModels } = switched;
    console.log(
      `switched ${source.where} to ${target.where}: its sealed log (${count(switched.leaves)} leaves) goes on from there, and its read models were rebuilt ` +
        `from there (${count(readModels.events)} events into ${readModels.schema} in ${readModels.seconds.toFixed(1)} s, in place of ${readModels.previous}); its ledger_events are no longer its log.`,
    );
    console.log(
      `Next: start the API and the projector with EVENTSTORE_CONNECTION_STRING set to the --to connection string (${server}, credentials and TLS options included), ` +
        `and DATABASE_URL and DATABASE_SCHEMA=${source.schema} as before.`,
    );
  } catch (error) {
    progress.done();
    if (!(error instanceof ReadModelsNotRebuiltError)) throw error;
    throw new Error(
      `The switch is done — ${source.where} now records that its events are in ${target.where}, and its sealed log goes on from there — ` +
        `but ${error.message}. Finish it before starting the API and the projector: ` +
        `EVENTSTORE_CONNECTION_STRING=… DATABASE_URL=… DATABASE_SCHEMA=${source.schema} npx ledger rebuild (with the --to and --from strings).`,
    );
  }
}

/**
 * The ledger to copy from. It must hold a ledger whose events are still in it. A copy only reads
 * it, so it is not migrated; a switch writes to it, so it is (`switching`).
 */
async function openSource(url: string, schema: string | undefined, switching: boolean): Promise<LedgerSource> {
  const database = await openDatabase({ databaseUrl: url, databaseSchema: schema, dataDir: '', migrateOnStart: false });
  const where = describePostgres(url, database.schema);
  try {
    const [{ events, kinds }] = await database.query<{ events: string | null; kinds: string | null }>(
      `SELECT to_regclass('ledger_events')::text AS events, to_regclass('ledger_event_store')::text AS kinds`,
    );
    if (events === null) throw new Error(`${where} holds no ledger (no ledger_events table): check --from and --from-schema.`);
    if (kinds !== null) {
      const [moved] = await database.query<{ since: string }>(
        `SELECT to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since FROM ledger_event_store WHERE kind = 'eventstoredb'`,
      );
      // Its ledger_events stopped growing then: copying them again would offer an old log as the ledger's.
      if (moved) throw new Error(`${where} was switched to EventStoreDB on ${moved.since}: its events are there now, and its ledger_events are no longer its log.`);
    }
    if (switching) await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { store: new SqlEventStore(database), database, schema: database.schema, where, close: () => database.close() };
}

/** Another PostgreSQL to copy into, migrated first so it can hold a ledger. */
async function openPostgresTarget(url: string, schema: string | undefined): Promise<LedgerEnd> {
  const database = await openDatabase({ databaseUrl: url, databaseSchema: schema, dataDir: '', migrateOnStart: false });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { store: new SqlEventStore(database), where: describePostgres(url, database.schema), close: () => database.close() };
}

/** EventStoreDB, reached now, so a wrong address is named before anything is read. */
async function openEventStoreDb(connectionString: string): Promise<LedgerEnd> {
  const store = await EventStoreDbEventStore.open(connectionString);
  return { store, where: `EventStoreDB at ${store.server}`, close: () => store.close() };
}

/** `PostgreSQL at host:5432/ledger (schema public)`: where, never who with which password. */
const describePostgres = (url: string, schema: string) => describeStorage({ databaseUrl: url, databaseSchema: schema, dataDir: '', migrateOnStart: false });

function sameDatabase(a: string, b: string): boolean {
  if (!URL.canParse(a) || !URL.canParse(b)) return false; // the driver names what is wrong with it
  const [left, right] = [new URL(a), new URL(b)];
  return left.hostname === right.hostname && (left.port || '5432') === (right.port || '5432') && left.pathname === right.pathname;
}
