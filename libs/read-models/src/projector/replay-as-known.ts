import { assertSchemaName, migrate, readModelMigrationsDirectory, type Database, type OrderedLog } from '@ledger/event-store';
import { knownAt as knownAtPredicate, type KnownAt } from '@ledger/facts';
import type { Projection } from './projection.js';
import { Projector, REPLAY_BATCH_SIZE, REPLAY_PAGE_SIZE } from './projector.js';

export type { KnownAt } from '@ledger/facts';

export interface ReplayResult {
  schema: string;
  events: number;
  seconds: number;
}

/**
 * Builds the read models into `schema` from the events the ledger had recorded by `asKnownAt`
 * (their `recordedAt`), or up to `untilPosition`, so that an auditor can set "what the ledger said
 * on 1 March 2022" beside "what we know now about 1 March 2022". The schema must be new; it is
 * registered in `ledger_read_model_replays` and never becomes the active generation.
 */
export async function replayReadModels(
  log: OrderedLog,
  database: Database,
  projections: readonly Projection[],
  schema: string,
  knownAt: KnownAt,
  onBatch: (events: number) => void = () => undefined,
): Promise<ReplayResult> {
  assertSchemaName(schema);
  const [taken] = await database.query<{ taken: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS taken', [schema]);
  if (taken.taken) throw new Error(`Schema ${schema} already exists: replay into a new one.`);
  await migrate(database, readModelMigrationsDirectory(), { schema });
  const accepts = knownAtPredicate(knownAt);
  const started = Date.now();
  const events = await new Projector(log, database, schema, projections, { batchSize: REPLAY_BATCH_SIZE, replayPageSize: REPLAY_PAGE_SIZE, accepts }).replay(onBatch);
  await database.query('INSERT INTO ledger_read_model_replays (schema_name, as_known_at, until_position, events) VALUES ($1, $2, $3, $4)', [
    schema,
    'asKnownAt' in knownAt ? knownAt.asKnownAt : null,
    'untilPosition' in knownAt ? knownAt.untilPosition : null,
    events,
  ]);
  return { schema, events, seconds: (Date.now() - started) / 1000 };
}

/** A replay the ledger keeps, as `ledger_read_model_replays` records it. */
export interface KeptReplay {
  schema: string;
  asKnownAt: string | null;
  untilPosition: string | null;
  events: number;
  createdAt: string;
}

interface ReplayRow {
  schema_name: string;
  as_known_at: Date | string | null;
  until_position: string | null;
  events: string;
  created_at: Date | string;
}

const keptReplay = (row: ReplayRow): KeptReplay => ({
  schema: row.schema_name,
  asKnownAt: row.as_known_at === null ? null : new Date(row.as_known_at).toISOString(),
  untilPosition: row.until_position,
  events: Number(row.events),
  createdAt: new Date(row.created_at).toISOString(),
});

const REPLAY_COLUMNS = 'schema_name, as_known_at, until_position, events::text AS events, created_at';

/** Every replay kept, newest first. */
export async function keptReplays(database: Database): Promise<KeptReplay[]> {
  return (await database.query<ReplayRow>(`SELECT ${REPLAY_COLUMNS} FROM ledger_read_model_replays ORDER BY created_at DESC`)).map(keptReplay);
}

/** The latest replay of exactly this moment, if one was built. */
export async function replayOf(database: Database, knownAt: KnownAt): Promise<KeptReplay | null> {
  const [row] =
    'asKnownAt' in knownAt
      ? await database.query<ReplayRow>(`SELECT ${REPLAY_COLUMNS} FROM ledger_read_model_replays WHERE as_known_at = $1::timestamptz ORDER BY created_at DESC LIMIT 1`, [knownAt.asKnownAt])
      : await database.query<ReplayRow>(`SELECT ${REPLAY_COLUMNS} FROM ledger_read_model_replays WHERE until_position = $1 ORDER BY created_at DESC LIMIT 1`, [knownAt.untilPosition]);
  return row ? keptReplay(row) : null;
}

/** A new schema name for a replay beside the ledger's own (`<schema>_rm_known_<n>`, among its read-model schemas). */
export async function newReplaySchema(database: Database): Promise<string> {
  const [{ next }] = await database.query<{ next: number }>('SELECT count(*)::int + 1 AS next FROM ledger_read_model_replays');
  for (let n = next; ; n++) {
    const schema = `${database.schema}_rm_known_${n}`;
    const [taken] = await database.query<{ taken: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS taken', [schema]);
    if (!taken.taken) return schema;
  }
}

/** The schema replayed as known at exactly this instant, if any. */
export async function replayAsKnownAt(database: Database, asKnownAt: string): Promise<string | null> {
  const [row] = await database.query<{ schema_name: string }>(
    'SELECT schema_name FROM ledger_read_model_replays WHERE as_known_at = $1::timestamptz ORDER BY created_at DESC LIMIT 1',
    [asKnownAt],
  );
  return row?.schema_name ?? null;
}
