import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DATABASE, EVENT_STORE, type Database, type EventStore } from '@ledger/event-store';
import { AuthorityFacts } from '@ledger/facts';
import { AuthorityQueries, ReadModelGenerations } from '@ledger/read-models';
import { AsKnownAtInterceptor, asKnownOfRequest } from './as-known-at.interceptor.js';
import { LiveReadModels } from './live-read-models.js';
import { MinPositionInterceptor } from './min-position.interceptor.js';
import { ProjectionWait } from './projection-wait.js';
import { ProjectorService } from './projector.service.js';
import { ReadModelsLagMeter } from './read-models-lag.js';
import { READ_MODELS, type ReadModels } from './read-models.js';

/** The active generation of read models, the projector that keeps it, and reads that wait for it. */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODELS,
      inject: [DATABASE],
      useFactory: async (database: Database) => new LiveReadModels(database, await new ReadModelGenerations(database).active()),
    },
    {
      provide: AuthorityQueries,
      inject: [EVENT_STORE, AuthorityFacts, READ_MODELS],
      useFactory: (store: EventStore, facts: AuthorityFacts, readModels: ReadModels) =>
        new AuthorityQueries(store, facts, readModels, { knownAtOfRequest: () => asKnownOfRequest.getStore()?.knownAt }),
    },
    ProjectorService,
    ReadModelsLagMeter,
    ProjectionWait,
    { provide: APP_INTERCEPTOR, useClass: MinPositionInterceptor },
    { provide: APP_INTERCEPTOR, useClass: AsKnownAtInterceptor },
  ],
  exports: [READ_MODELS, AuthorityQueries, ProjectorService, ReadModelsLagMeter, ProjectionWait],
})
export class ReadModelsModule {}
