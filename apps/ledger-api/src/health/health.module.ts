import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProjectorHealthIndicator } from '../read-models/projector.health.js';
import { DatabaseHealthIndicator } from './database.health.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController, MetricsController],
  providers: [DatabaseHealthIndicator, ProjectorHealthIndicator],
})
export class HealthModule {}
