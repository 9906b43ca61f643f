import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DATABASE, type Database } from '@ledger/event-store';
import { LedgerCheckpoints } from '@ledger/verifiable-log';

/** The checkpoints of this ledger, signed by LEDGER_SIGNING_KEY or by the key kept in the store. */
export const ledgerCheckpointsProvider: Provider = {
  provide: LedgerCheckpoints,
  inject: [DATABASE, ConfigService],
  useFactory: (database: Database, config: ConfigService) =>
    LedgerCheckpoints.open(database, { name: config.get<string>('LEDGER_LOG_ORIGIN') ?? 'decision-ledger', privateKeyPem: config.get<string>('LEDGER_SIGNING_KEY') }),
};
