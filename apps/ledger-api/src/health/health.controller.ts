import { Open } from '../api-keys/access.decorator.js';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { problem } from '../problems/problem.js';
import { ProblemException } from '../problems/problem.exception.js';
import { SealerHealthIndicator } from '../ledger-seal/sealer.health.js';
import { ProjectorHealthIndicator } from '../read-models/projector.health.js';
import { DatabaseHealthIndicator } from './database.health.js';
import { EventStoreHealthIndicator } from './event-store.health.js';

@ApiTags('health')
@Open()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projector: ProjectorHealthIndicator,
    private readonly sealer: SealerHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'The process is up.' })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'The database and the event store (EventStoreDB, when configured) answer, every migration is applied, and neither the projector nor the sealer has stopped on a failure.' })
  async ready() {
    try {
      return await this.health.check([() => this.database.isReady(), () => this.eventStore.isReady(), () => this.projector.isReady(), () => this.sealer.isReady()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const checks = (error.getResponse() as { details?: Record<string, { status: string }> }).details ?? {};
      const down = Object.entries(checks).filter(([, check]) => check.status !== 'up').map(([name]) => name);
      throw new ProblemException(problem(503, `Not ready: ${down.join(', ')} down.`, { code: 'not_ready', checks }));
    }
  }
}
