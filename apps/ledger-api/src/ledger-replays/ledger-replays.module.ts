import { Module } from '@nestjs/common';
import { LedgerReplaysController } from './ledger-replays.controller.js';

/** Replays of the read models as the ledger stood at a past moment, built on request. */
@Module({ controllers: [LedgerReplaysController] })
export class LedgerReplaysModule {}
