import type { Command } from 'commander';
import { describeStorage, migrate, openDatabase, storageOptionsFromEnvironment } from '@ledger/event-store';

/** `ledger migrate`: applies pending migrations to the store the environment names, and says what it did. */
export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending migrations to the configured store (DATABASE_URL, or embedded PGlite in LEDGER_DATA_DIR)')
    .action(async () => {
      const options = storageOptionsFromEnvironment();
      const database = await openDatabase(options);
      try {
        const report = await migrate(database);
        const applied = report.applied.length > 0 ? `applied ${report.applied.join(', ')}` : 'nothing to apply';
        console.log(`${describeStorage(options)}: ${applied} (${report.alreadyApplied.length} already applied).`);
      } finally {
        await database.close();
      }
    });
}
