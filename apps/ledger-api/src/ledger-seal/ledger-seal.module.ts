import { Global, Module } from '@nestjs/common';
import { DATABASE, EVENT_STORE, type Database, type EventStore } from '@ledger/event-store';
import { LedgerCheckpoints, SealedLog, Sealer } from '@ledger/verifiable-log';
import { LedgerSealController } from './ledger-seal.controller.js';
import { ledgerCheckpointsProvider } from './ledger-checkpoints.provider.js';
import { SealerService } from './sealer.service.js';

/**
 * The verifiable ledger: the sealer, signed checkpoints and their proofs, and the sealed log —
 * the log as the projector and the raw-log read take it, each event checked against the seal.
 */
@Global()
@Module({
  controllers: [LedgerSealController],
  providers: [
    ledgerCheckpointsProvider,
    { provide: Sealer, inject: [DATABASE, EVENT_STORE], useFactory: (database: Database, store: EventStore) => new Sealer(database, store) },
    { provide: SealedLog, inject: [DATABASE, EVENT_STORE, Sealer], useFactory: (database: Database, store: EventStore, sealer: Sealer) => new SealedLog(database, store, sealer) },
    SealerService,
  ],
  exports: [SealerService, Sealer, SealedLog, LedgerCheckpoints],
})
export class LedgerSealModule {}
