import type { Command } from 'commander';
import { describeStorage, isLogPosition, storageOptionsFromEnvironment, type LogPosition } from '@ledger/event-store';
import { londonInstant, parseInstant } from '@ledger/governance';
import { READ_MODEL_PROJECTIONS, replayReadModels, type KnownAt } from '@ledger/read-models';
import { withLedger } from '../open-ledger.js';
import { count, ProgressLine } from '../terminal.js';
import { SealedLog } from '@ledger/verifiable-log';

/**
 * `ledger replay (--as-known-at <instant> | --until-position <p>) --schema <name>`: the read models
 * as the ledger stood then, in a schema of their own; the API serves reads from it when asked
 * with the header `X-Ledger-As-Known-At: <the same instant>`.
 */
export function replayCommand(program: Command): void {
  program
    .command('replay')
    .description('build the read models as the ledger stood at a past moment into a schema of their own')
    .option('--as-known-at <instant>', 'what the ledger had recorded by this instant (ISO 8601; a date means 00:00 Europe/London)')
    .option('--until-position <position>', 'what the ledger held up to this log position')
    .requiredOption('--schema <name>', 'a new schema to build them in')
    .action(async (options: { asKnownAt?: string; untilPosition?: string; schema: string }) => {
      if ((options.asKnownAt === undefined) === (options.untilPosition === undefined)) throw new Error('Give exactly one of --as-known-at and --until-position.');
      let knownAt: KnownAt;
      if (options.asKnownAt !== undefined) {
        const instant = parseInstant(options.asKnownAt);
        if (instant === undefined) throw new Error(`--as-known-at ${options.asKnownAt} is not a date or an instant.`);
        knownAt = { asKnownAt: instant };
      } else {
        if (!isLogPosition(options.untilPosition)) throw new Error(`--until-position ${options.untilPosition} is not a log position ("<transactionId>:<sequence>").`);
        knownAt = { untilPosition: options.untilPosition as LogPosition };
      }
      const storage = storageOptionsFromEnvironment();
      const progress = new ProgressLine();
      await withLedger(storage, async (database, store) => {
        const result = await replayReadModels(SealedLog.sealing(database, store), database, READ_MODEL_PROJECTIONS, options.schema, knownAt, (events) => progress.update(`replaying: ${count(events)} events`));
        progress.done();
        const as = 'asKnownAt' in knownAt ? `as known at ${londonInstant(knownAt.asKnownAt)}` : `up to log position ${knownAt.untilPosition}`;
        console.log(`${describeStorage(storage)}: replayed ${count(result.events)} events ${as} into ${result.schema} in ${result.seconds.toFixed(1)} s.`);
        if ('asKnownAt' in knownAt) console.log(`Read it through the API with the header  X-Ledger-As-Known-At: ${londonInstant(knownAt.asKnownAt)}`);
      });
    });
}
