import type { Command } from 'commander';
import {
  copyLog,
  describeServer,
  EventStoreDbEventStore,
  ForeignEventsError,
  migrate,
  openDatabase,
  SqlEventStore,
  verifyCopy,
  type EventStore,
} from '@ledger/event-store';
import { count, ProgressLine } from '../terminal.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const EVENTSTOREDB_URL = /^(esdb|kurrentdb|kdb)(\+discover)?:\/\//i;

/** One end of a migration, opened, and how to say where it is without a password. */
interface LedgerEnd {
  store: EventStore;
  where: string;
  close(): Promise<void>;
}

/**
 * `ledger migrate-events --from <postgres url> --to <esdb url>` (issue 7): copies the whole event
 * log into EventStoreDB — or into another PostgreSQL — keeping its order, event ids, recording
 * instants and hashes, then compares the two logs event by event. An interrupted copy (Ctrl-C, a
 * lost connection) is resumed by running the same command again. The read models are not copied:
 * build them from the new store with `ledger rebuild`.
 */
export function migrateEventsCommand(program: Command): void {
  program
    .command('migrate-events')
    .description('copy the event log from PostgreSQL into EventStoreDB (or another PostgreSQL) keeping order, ids and hashes; resumable; verified')
    .requiredOption('--from <url>', 'the PostgreSQL holding the ledger (postgres://…)')
    .requiredOption('--to <url>', 'EventStoreDB (esdb://…, esdb+discover://…, kurrentdb://…, kdb://…) or another PostgreSQL (postgres://…)')
    .option('--from-schema <name>', 'the schema the ledger is in at --from (default public)')
    .option('--to-schema <name>', 'the schema to copy into, when --to is PostgreSQL (default public)')
    .option('--no-verify', 'skip comparing the two logs after the copy')
    .action(async (options: { from: string; to: string; fromSchema?: string; toSchema?: string; verify: boolean }) => {
      if (!POSTGRES_URL.test(options.from)) throw new Error(`--from must be a PostgreSQL URL (postgres://…), not ${describeServer(options.from)}.`);
      if (!POSTGRES_URL.test(options.to) && !EVENTSTOREDB_URL.test(options.to)) {
        throw new Error(`--to must be an EventStoreDB connection string (esdb://…, esdb+discover://…, kurrentdb://…, kdb://…) or a PostgreSQL URL, not ${describeServer(options.to)}.`);
      }
      if (POSTGRES_URL.test(options.to) && sameDatabase(options.from, options.to) && (options.fromSchema ?? 'public') === (options.toSchema ?? 'public')) {
        throw new Error('--from and --to are the same ledger: give another database, or another --to-schema.');
      }

      const source = await openSource(options.from, options.fromSchema);
      try {
        const target = EVENTSTOREDB_URL.test(options.to) ? await openEventStoreDb(options.to) : await openPostgresTarget(options.to, options.toSchema);
        try {
          await migrateEvents(source, target, options.verify);
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}

async function migrateEvents(source: LedgerEnd, target: LedgerEnd, verify: boolean): Promise<void> {
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
    return;
  }
  if (!verify) {
    console.log(`${copied}; not verified (--no-verify).`);
    return;
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
}

/** The ledger to copy from: read only, so it is not migrated, but it must hold a ledger. */
async function openSource(url: string, schema: string | undefined): Promise<LedgerEnd> {
  const database = await openDatabase({ databaseUrl: url, databaseSchema: schema, dataDir: '', migrateOnStart: false });
  const where = describePostgres(url, database.schema);
  try {
    const [{ events }] = await database.query<{ events: string | null }>(`SELECT to_regclass('ledger_events')::text AS events`);
    if (events === null) throw new Error(`${where} holds no ledger (no ledger_events table): check --from and --from-schema.`);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { store: new SqlEventStore(database), where, close: () => database.close() };
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
  let store: EventStoreDbEventStore;
  try {
    store = EventStoreDbEventStore.connect(connectionString);
  } catch (error) {
    throw new Error(`--to ${describeServer(connectionString)} is not a connection string EventStoreDB's client accepts: ${(error as Error).message}`);
  }
  try {
    await store.assertReachable();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return { store, where: `EventStoreDB at ${store.server}`, close: () => store.close() };
}

/** `PostgreSQL at host:5432/ledger (schema public)`: where, never who with which password. */
function describePostgres(url: string, schema: string): string {
  const { hostname, port, pathname } = new URL(url);
  return `PostgreSQL at ${hostname}:${port || 5432}${pathname} (schema ${schema})`;
}

function sameDatabase(a: string, b: string): boolean {
  if (!URL.canParse(a) || !URL.canParse(b)) return false; // the driver names what is wrong with it
  const [left, right] = [new URL(a), new URL(b)];
  return left.hostname === right.hostname && (left.port || '5432') === (right.port || '5432') && left.pathname === right.pathname;
}
