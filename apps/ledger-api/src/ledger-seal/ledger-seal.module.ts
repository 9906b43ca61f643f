import { Module } from '@nestjs/common';
import { LedgerSealController } from './ledger-seal.controller.js';
import { ledgerCheckpointsProvider } from './ledger-checkpoints.provider.js';
import { SealerService } from './sealer.service.js';

/** The verifiable ledger: the sealer, signed checkpoints and their proofs (issue 6). */
@Module({
  controllers: [LedgerSealController],
  providers: [ledgerCheckpointsProvider, SealerService],
  exports: [SealerService],
})
export class LedgerSealModule {}
