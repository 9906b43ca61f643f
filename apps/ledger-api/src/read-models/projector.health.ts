import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ProjectorService } from './projector.service.js';
import { ReadModelsLagMeter } from './read-models-lag.js';

/**
 * Ready while the projector has not stopped on an event it could not apply, reaches the
 * database, and keeps the read models within LEDGER_READY_MAX_LAG seconds of what is committed;
 * when it does not, it says why (the database away, or the transaction holding the log back).
 */
@Injectable()
export class ProjectorHealthIndicator {
  private readonly maxLagSeconds: number;

  constructor(
    private readonly projector: ProjectorService,
    private readonly lag: ReadModelsLagMeter,
    private readonly health: HealthIndicatorService,
    config: ConfigService,
  ) {
    this.maxLagSeconds = config.get<number>('LEDGER_READY_MAX_LAG') ?? 30;
  }

  async isReady(key = 'projector') {
    const indicator = this.health.check(key);
    const failure = this.projector.failure;
    if (failure) return indicator.down({ message: failure.message });
    const unavailable = this.projector.unavailable;
    if (unavailable) {
      return indicator.down({ message: `${unavailable.error.message} The projector is trying again.`, since: unavailable.since.toISOString() });
    }
    try {
      const { position, committed, behindSeconds, heldBackBy } = await this.lag.measure();
      const lag = { position, committed, behindSeconds: Math.round(behindSeconds * 10) / 10, ...(heldBackBy ? { heldBackBy } : {}) };
      if (behindSeconds <= this.maxLagSeconds) return indicator.up(lag);
      const why = heldBackBy
        ? `a transaction open since ${heldBackBy.transactionStart} (pid ${heldBackBy.pid}, database ${heldBackBy.database ?? '?'}, application "${heldBackBy.applicationName}") holds the log back until it ends`
        : 'the projector has not caught up';
      return indicator.down({ message: `The read models are ${Math.round(behindSeconds)} s behind the log: ${why}.`, ...lag });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
