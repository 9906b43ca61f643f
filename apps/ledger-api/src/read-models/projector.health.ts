import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ProjectorService } from './projector.service.js';

/** Ready only while the projector has not stopped on an event it could not apply. */
@Injectable()
export class ProjectorHealthIndicator {
  constructor(
    private readonly projector: ProjectorService,
    private readonly health: HealthIndicatorService,
  ) {}

  async isReady(key = 'projector') {
    const indicator = this.health.check(key);
    const failure = this.projector.failure;
    if (failure) return indicator.down({ message: failure.message });
    return indicator.up({ position: await this.projector.position() });
  }
}
