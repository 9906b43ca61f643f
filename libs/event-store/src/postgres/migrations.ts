import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ledgerPackageRoot } from '../package-root.js';
import { assertSchemaName, type Database } from './database.js';

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;

export class MigrationChangedError extends Error {
  readonly code = 'migration_changed';
  constructor(
    readonly migration: string,
    readonly recordedChecksum: string,
    readonly fileChecksum: string,
  ) {
    super(
      `Migration ${migration} was changed after it was applied (checksum when applied ${recordedChecksum}, file now ${fileChecksum}). ` +
        'Applied migrations are never edited: restore the file and add a new migration for the change.',
    );
    this.name = 'MigrationChangedError';
  }
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/** The read models' migrations, applied into each generation's own schema. */
export function readModelMigrationsDirectory(): string {
  return join(defaultMigrationsDirectory(), 'read-models');
}

/** The repository's `migrations/` folder. */
export function defaultMigrationsDirectory(): string {
  return join(ledgerPackageRoot(), 'migrations');
}

/**
 * Applies the ordered SQL files of `directory` that are not yet applied, each in its own
 * transaction, recording name and SHA-256 checksum. Refuses to go on when an applied file has
 * changed. An advisory lock keeps two starting instances from applying the same file.
 */
export async function migrate(database: Database, directory = defaultMigrationsDirectory(), options: { schema?: string } = {}): Promise<MigrationReport> {
  // Into another schema than the database's own (the read models' generations): every
  // migration transaction first points its search path there.
  const into = options.schema ? `SET LOCAL search_path TO ${assertSchemaName(options.schema)}, ${database.schema}` : undefined;
  const files = (await readdir(directory)).filter((name) => MIGRATION_FILE.test(name)).sort();
  const migrations = await Promise.all(
    files.map(async (name) => {
      const sql = await readFile(join(directory, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
  const lock = `SELECT pg_advisory_xact_lock(hashtext('decision-ledger-migrations:' || current_schema()))`;
  if (options.schema) await database.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
  await database.transaction(async (session) => {
    if (into) await session.query(into);
    await session.query(lock);
    await session.execScript(`CREATE TABLE IF NOT EXISTS ledger_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });

  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    await database.transaction(async (session) => {
      if (into) await session.query(into);
      await session.query(lock);
      const [recorded] = await session.query<{ checksum: string }>('SELECT checksum FROM ledger_migrations WHERE name = $1', [migration.name]);
      if (recorded) {
        if (recorded.checksum !== migration.checksum) throw new MigrationChangedError(migration.name, recorded.checksum, migration.checksum);
        report.alreadyApplied.push(migration.name);
        return;
      }
      await session.execScript(migration.sql);
      await session.query('INSERT INTO ledger_migrations (name, checksum) VALUES ($1, $2)', [migration.name, migration.checksum]);
      report.applied.push(migration.name);
    });
  }
  return report;
}

/** The migrations recorded as applied, for readiness checks. */
export async function pendingMigrations(database: Database, directory = defaultMigrationsDirectory()): Promise<string[]> {
  const files = (await readdir(directory)).filter((name) => MIGRATION_FILE.test(name)).sort();
  const [table] = await database.query<{ exists: boolean }>(`SELECT to_regclass('ledger_migrations') IS NOT NULL AS exists`);
  if (!table.exists) return files;
  const applied = new Set((await database.query<{ name: string }>('SELECT name FROM ledger_migrations')).map((row) => row.name));
  return files.filter((name) => !applied.has(name));
}
