import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../core/event-store.port.js';
import { closeEventStore, openDatabase, openEventStore } from '../open-storage.js';
import type { Database } from '../postgres/database.js';
import { migrate } from '../postgres/migrations.js';
import { DATABASE, describeStorage, LEDGER_STORAGE_OPTIONS, type LedgerStorageOptions } from './ledger-storage.options.js';

@Injectable()
class StorageLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await closeEventStore(this.store);
    await this.database.close();
  }
}

/** Binds `DATABASE` and `EVENT_STORE` to what the configuration chooses: the events in the database, or in EventStoreDB. */
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
            logger.log(`Ledger kept in ${describeStorage(options)}`);
            return database;
          },
        },
        { provide: EVENT_STORE, useFactory: (database: Database): Promise<EventStore> => openEventStore(options, database), inject: [DATABASE] },
        StorageLifecycle,
      ],
      exports: [LEDGER_STORAGE_OPTIONS, DATABASE, EVENT_STORE],
    };
  }
}
