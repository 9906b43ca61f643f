import { describeStorage, migrate, openDatabase, storageOptionsFromEnvironment } from '@ledger/event-store';

/** `npm run migrate`: applies pending migrations to the configured store and says what it did. */
async function main(): Promise<void> {
  const options = storageOptionsFromEnvironment();
  const database = await openDatabase(options);
  try {
    const report = await migrate(database);
    const applied = report.applied.length > 0 ? `applied ${report.applied.join(', ')}` : 'nothing to apply';
    console.log(`${describeStorage(options)}: ${applied} (${report.alreadyApplied.length} already applied).`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
