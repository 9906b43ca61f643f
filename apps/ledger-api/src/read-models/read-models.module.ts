import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DATABASE, type Database } from '@ledger/event-store';
import { ReadModelGenerations, readModelReader } from '@ledger/read-models';
import { MinPositionInterceptor } from './min-position.interceptor.js';
import { ProjectionWait } from './projection-wait.js';
import { ProjectorService } from './projector.service.js';
import { READ_MODELS } from './read-models.js';

/** The active generation of read models, the projector that keeps it, and reads that wait for it. */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODELS,
      inject: [DATABASE],
      useFactory: async (database: Database) => readModelReader(database, await new ReadModelGenerations(database).active()),
    },
    ProjectorService,
    ProjectionWait,
    { provide: APP_INTERCEPTOR, useClass: MinPositionInterceptor },
  ],
  exports: [READ_MODELS, ProjectorService, ProjectionWait],
})
export class ReadModelsModule {}
