import { Logger, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DATABASE, type Database } from '@ledger/event-store';
import { CheckpointPublication, LedgerCheckpoints } from '@ledger/verifiable-log';

/**
 * The checkpoints of this ledger, signed by LEDGER_SIGNING_KEY or LEDGER_SIGNING_KEY_FILE (or,
 * unless LEDGER_SIGNING_KEY_REQUIRED, by the key kept in the store), each published to
 * LEDGER_CHECKPOINT_FILE and LEDGER_CHECKPOINT_URL when set.
 */
export const ledgerCheckpointsProvider: Provider = {
  provide: LedgerCheckpoints,
  inject: [DATABASE, ConfigService],
  useFactory: (database: Database, config: ConfigService) => {
    const logger = new Logger('Checkpoints');
    const publication = new CheckpointPublication(
      { file: config.get<string>('LEDGER_CHECKPOINT_FILE'), url: config.get<string>('LEDGER_CHECKPOINT_URL') },
      (message) => logger.warn(`${message}; trying again with the next round of sealing`),
    );
    return LedgerCheckpoints.open(
      database,
      {
        name: config.get<string>('LEDGER_LOG_ORIGIN') ?? 'decision-ledger',
        privateKeyPem: config.get<string>('LEDGER_SIGNING_KEY'),
        privateKeyFile: config.get<string>('LEDGER_SIGNING_KEY_FILE'),
        required: config.get<boolean>('LEDGER_SIGNING_KEY_REQUIRED'),
      },
      publication,
    );
  },
};
