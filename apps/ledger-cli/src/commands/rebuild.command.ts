import type { Command } from 'commander';
import { describeStorage, storageOptionsFromEnvironment } from '@ledger/event-store';
import { READ_MODEL_PROJECTIONS, rebuildReadModels } from '@ledger/read-models';
import { withLedger } from '../open-ledger.js';
import { count, ProgressLine } from '../terminal.js';
import { SealedLog } from '@ledger/verifiable-log';

/**
 * `ledger rebuild`: replays the whole log into a fresh generation of read models while the active
 * one keeps serving, then swaps it in, keeping the generation it replaced and dropping those before
 * it. On a terminal it shows events done, events/s and time left.
 */
export function rebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .description('rebuild the read models into a fresh schema from the whole log, swap them in, and drop generations replaced before the last')
    .action(async () => {
      const options = storageOptionsFromEnvironment();
      const progress = new ProgressLine();
      await withLedger(options, async (database, store) => {
        const result = await rebuildReadModels(SealedLog.sealing(database, store), database, READ_MODEL_PROJECTIONS, ({ events, eventsPerSecond, secondsLeft }) => {
          const left = secondsLeft === null ? '' : `, about ${Math.ceil(secondsLeft)} s left`;
          progress.update(`rebuilding: ${count(events)} events, ${count(eventsPerSecond)} events/s${left}`);
        });
        progress.done();
        console.log(
          `${describeStorage(options)}: rebuilt ${count(result.events)} events into ${result.schema} in ${result.seconds.toFixed(1)} s ` +
            `(${count(result.events / Math.max(result.seconds, 0.001))} events/s); it now serves reads in place of ${result.previous}.`,
        );
        if (result.dropped.length > 0) console.log(`Dropped the generations replaced before it: ${result.dropped.join(', ')}.`);
      });
    });
}
