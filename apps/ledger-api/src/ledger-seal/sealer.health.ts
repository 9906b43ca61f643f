import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SealerService } from './sealer.service.js';

/** Ready only while the sealer has not stopped on a failure (a checkpoint it refused to sign, say). */
@Injectable()
export class SealerHealthIndicator {
  constructor(
    private readonly sealer: SealerService,
    private readonly health: HealthIndicatorService,
  ) {}

  isReady(key = 'sealer') {
    const indicator = this.health.check(key);
    const failure = this.sealer.failed;
    return failure ? indicator.down({ message: failure.message }) : indicator.up();
  }
}
