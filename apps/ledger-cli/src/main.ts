import { Command } from 'commander';
import { demoCommand } from './commands/demo.command.js';
import { exportCommand } from './commands/export.command.js';
import { importCommand } from './commands/import.command.js';
import { keysCommand } from './commands/keys.command.js';
import { migrateEventsCommand } from './commands/migrate-events.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { rebuildCommand } from './commands/rebuild.command.js';
import { replayCommand } from './commands/replay.command.js';
import { verifyCommand } from './commands/verify.command.js';

/**
 * The `ledger` command line (API.md, "The `ledger` command line"). Storage comes from the same
 * environment as the API: DATABASE_URL and DATABASE_SCHEMA, or embedded PGlite in LEDGER_DATA_DIR.
 */
const program = new Command('ledger').description('Decision Ledger: who approved what, when, and under which authority').showHelpAfterError();
migrateCommand(program);
importCommand(program);
demoCommand(program);
exportCommand(program);
verifyCommand(program);
rebuildCommand(program);
replayCommand(program);
migrateEventsCommand(program);
keysCommand(program);

try {
  await program.parseAsync();
} catch (error) {
  console.error(`ledger: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
