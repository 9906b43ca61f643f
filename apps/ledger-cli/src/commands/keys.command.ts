import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { API_KEY_ROLES, ApiKeyRegister, type ApiKeyRole, type KeyAction } from '@ledger/api-keys';
import { describeStorage, storageOptionsFromEnvironment, type EventStore } from '@ledger/event-store';
import { bodyStreamId, InvalidCommandError, parseInstant, postStreamId } from '@ledger/governance';
import { withLedger } from '../open-ledger.js';

/** Who the log names for a change made here: the operator at the server's shell, by login. */
function operator(): KeyAction {
  return { actor: `operator:${userInfo().username}` };
}

/** Each id must name a body or post the ledger knows (as the API checks), else the key could do nothing. */
async function assertBodiesKnown(store: EventStore, bodyIds: string[]): Promise<void> {
  const streams = await store.readStreams(bodyIds.flatMap((id) => [bodyStreamId(id), postStreamId(id)].map((streamId) => ({ streamId, fromVersion: 1 }))));
  const unknown = bodyIds.filter((id) => !streams.get(bodyStreamId(id))?.length && !streams.get(postStreamId(id))?.length);
  if (unknown.length > 0) throw new InvalidCommandError(`--bodies names what the ledger does not know: ${unknown.join(', ')}. No key was issued.`, 'bodyIds');
}

function instantOption(text: string | undefined, option: string): string | null {
  if (text === undefined) return null;
  const instant = parseInstant(text);
  if (instant === undefined) throw new InvalidCommandError(`${option} must be a date (2027-03-31) or an ISO 8601 instant with an offset.`, option);
  return instant;
}

/**
 * `ledger keys create|list|revoke`: the API's keys, worked on the store the environment configures
 * (DATABASE_URL, or the embedded data folder while no API has it open). Each change is an event of
 * the log, as through the API; on PostgreSQL every running API instance hears of it at once.
 */
export function keysCommand(program: Command): void {
  const keys = program.command('keys').description('issue, list and revoke API keys');

  keys
    .command('create')
    .description('issue an API key; the key is printed once, on standard output')
    .requiredOption('--name <name>', 'who holds it, as every event it writes will name them')
    .requiredOption('--role <role>', `one of ${API_KEY_ROLES.join(', ')}`)
    .option('--bodies <ids>', 'for an integration key: the bodies (or posts) it may post decisions for, comma-separated')
    .option('--expires <date>', 'when it stops working on its own (a date, or an ISO 8601 instant)')
    .action(async (options: { name: string; role: string; bodies?: string; expires?: string }) => {
      if (!(API_KEY_ROLES as readonly string[]).includes(options.role)) throw new InvalidCommandError(`--role must be one of ${API_KEY_ROLES.join(', ')}.`, 'role');
      const bodyIds = options.bodies ? options.bodies.split(',').map((id) => id.trim()).filter(Boolean) : [];
      const storage = storageOptionsFromEnvironment();
      await withLedger(storage, async (database, store) => {
        await assertBodiesKnown(store, bodyIds);
        const issued = await new ApiKeyRegister(store, database).issue(
          { name: options.name, role: options.role as ApiKeyRole, bodyIds, expiresAt: instantOption(options.expires, '--expires') },
          operator(),
        );
        console.error(`${describeStorage(storage)}: issued ${issued.role} key ${issued.keyId} to ${issued.name}${issued.expiresAt ? `, expiring ${issued.expiresAt}` : ''} (log position ${issued.position}). It is shown this once:`);
        console.log(issued.key);
      });
    });

  keys
    .command('list')
    .description('every key issued: name, key id, role, status, bodies, expiry and last use (never a secret)')
    .option('--json', 'one JSON object per key')
    .action(async (options: { json?: boolean }) => {
      await withLedger(storageOptionsFromEnvironment(), async (database, store) => {
        const listed = await new ApiKeyRegister(store, database).list();
        if (options.json) {
          for (const key of listed) console.log(JSON.stringify(key));
          return;
        }
        const rows = [['NAME', 'KEY ID', 'ROLE', 'STATUS', 'EXPIRES', 'LAST USED', 'BODIES'], ...listed.map((key) => [key.name, key.keyId, key.role, key.status, key.expiresAt ?? '-', key.lastUsedAt ?? '-', key.bodyIds.join(',') || '-'])];
        const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
        for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
      });
    });

  keys
    .command('revoke <name>')
    .description('revoke every key of a name, or one of them (--key-id); running API instances refuse it at once')
    .requiredOption('--reason <text>', 'why, for the audit trail')
    .option('--key-id <id>', 'only this key of the name (the old one, after a rotation)')
    .action(async (name: string, options: { reason: string; keyId?: string }) => {
      await withLedger(storageOptionsFromEnvironment(), async (database, store) => {
        const { revoked, position } = await new ApiKeyRegister(store, database).revoke(name, { keyId: options.keyId ?? null, reason: options.reason }, operator());
        console.log(`revoked ${revoked.join(', ')} of ${name} (log position ${position})`);
      });
    });
}
