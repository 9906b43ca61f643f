import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController, MetricsController],
  providers: [DatabaseHealthIndicator],
})
export class HealthModule {}
