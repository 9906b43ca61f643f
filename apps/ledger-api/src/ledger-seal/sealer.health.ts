import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SealerService } from './sealer.service.js';

/**
 * Ready only while the sealer has not stopped on a failure (an event the seal does not explain, a
 * checkpoint it refused to sign) and is not failing for the moment (the database away); a
 * checkpoint not yet published is said, but is not a failure.
 */
@Injectable()
export class SealerHealthIndicator {
  constructor(
    private readonly sealer: SealerService,
    private readonly health: HealthIndicatorService,
  ) {}

  isReady(key = 'sealer') {
    const indicator = this.health.check(key);
    const failure = this.sealer.failed;
    if (failure) return indicator.down({ message: failure.message });
    const failing = this.sealer.failingSince;
    if (failing) return indicator.down({ message: `${failing.message} The sealer is trying again.`, since: failing.since });
    const publication = this.sealer.publicationFailure;
    const audit = this.sealer.lastAudit;
    return indicator.up({ ...(audit ? { audited: audit } : {}), ...(publication ? { checkpointPublication: publication } : {}) });
  }
}
