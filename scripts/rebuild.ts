import { describeStorage, migrate, openDatabase, SqlEventStore, storageOptionsFromEnvironment } from '@ledger/event-store';
import { READ_MODEL_PROJECTIONS, rebuildReadModels, type RebuildProgress } from '@ledger/read-models';

/**
 * `npm run rebuild`: replays the whole log into a fresh generation of read models while the
 * active one keeps serving, then swaps it in. Shows progress on a terminal; quiet when piped.
 */
async function main(): Promise<void> {
  const options = storageOptionsFromEnvironment();
  const database = await openDatabase(options);
  try {
    await migrate(database);
    const showProgress = process.stderr.isTTY;
    const progress = ({ events, eventsPerSecond, secondsLeft }: RebuildProgress) => {
      if (!showProgress) return;
      const left = secondsLeft === null ? '' : `, about ${Math.ceil(secondsLeft)} s left`;
      process.stderr.write(`\r\x1b[2K${events.toLocaleString('en-GB')} events, ${Math.round(eventsPerSecond).toLocaleString('en-GB')} events/s${left}`);
    };
    const result = await rebuildReadModels(new SqlEventStore(database), database, READ_MODEL_PROJECTIONS, progress);
    if (showProgress) process.stderr.write('\n');
    console.log(
      `${describeStorage(options)}: rebuilt ${result.events.toLocaleString('en-GB')} events into ${result.schema} in ${result.seconds.toFixed(1)} s ` +
        `(${Math.round(result.events / Math.max(result.seconds, 0.001)).toLocaleString('en-GB')} events/s); it now serves reads in place of ${result.previous}.`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
