import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LedgerSealModule } from '../ledger-seal/ledger-seal.module.js';
import { SealerHealthIndicator } from '../ledger-seal/sealer.health.js';
import { ProjectorHealthIndicator } from '../read-models/projector.health.js';
import { AppendGroupMeter } from './append-group-meter.js';
import { DatabaseHealthIndicator } from './database.health.js';
import { EventStoreHealthIndicator } from './event-store.health.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';

@Module({
  imports: [TerminusModule, LedgerSealModule],
  controllers: [HealthController, MetricsController],
  providers: [AppendGroupMeter, DatabaseHealthIndicator, EventStoreHealthIndicator, ProjectorHealthIndicator, SealerHealthIndicator],
})
export class HealthModule {}
