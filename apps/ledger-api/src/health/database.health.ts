import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DATABASE, pendingMigrations, type Database } from '@ledger/event-store';

/** Ready when the database answers and every migration is applied. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly health: HealthIndicatorService,
  ) {}

  async isReady(key = 'database') {
    const indicator = this.health.check(key);
    try {
      await this.database.query('SELECT 1');
      const pending = await pendingMigrations(this.database);
      if (pending.length > 0) return indicator.down({ kind: this.database.kind, pendingMigrations: pending });
      return indicator.up({ kind: this.database.kind });
    } catch (error) {
      return indicator.down({ kind: this.database.kind, message: (error as Error).message });
    }
  }
}
