import { mkdir } from 'node:fs/promises';
import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../core/event-store.port.js';
import type { Database } from '../postgres/database.js';
import { migrate } from '../postgres/migrations.js';
import { PgliteDatabase } from '../postgres/pglite-database.js';
import { PostgresDatabase } from '../postgres/postgres-database.js';
import { SqlEventStore } from '../postgres/sql-event-store.js';
import { DATABASE, describeStorage, LEDGER_STORAGE_OPTIONS, type LedgerStorageOptions } from './ledger-storage.options.js';

/** Opens the configured database: PostgreSQL when a URL is given, else PGlite in the data folder. */
export async function openDatabase(options: LedgerStorageOptions): Promise<Database> {
  if (options.databaseUrl) return PostgresDatabase.connect({ connectionString: options.databaseUrl, schema: options.databaseSchema });
  if (!options.dataDir.startsWith('memory://')) await mkdir(options.dataDir, { recursive: true });
  return PgliteDatabase.open({ dataDir: options.dataDir });
}

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

/** Binds `DATABASE` and `EVENT_STORE` to the store the configuration chooses. */
@Module({})
export class LedgerStorageModule {
  static forRoot(options: LedgerStorageOptions): DynamicModule {
    return {
      module: LedgerStorageModule,
      global: true,
      providers: [
        { provide: LEDGER_STORAGE_OPTIONS, useValue: options },
        {
          provide: DATABASE,
          useFactory: async () => {
            const logger = new Logger('LedgerStorage');
            const database = await openDatabase(options);
            if (options.migrateOnStart) {
              const report = await migrate(database);
              if (report.applied.length > 0) logger.log(`Applied migrations ${report.applied.join(', ')}`);
            }
            logger.log(`Events and read models in ${describeStorage(options)}`);
            return database;
          },
        },
        { provide: EVENT_STORE, useFactory: (database: Database): EventStore => new SqlEventStore(database), inject: [DATABASE] },
        DatabaseLifecycle,
      ],
      exports: [LEDGER_STORAGE_OPTIONS, DATABASE, EVENT_STORE],
    };
  }
}
