import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { AuthorityFacts, FoldedStreams } from '@ledger/facts';
import { LedgerCommands } from '@ledger/ledger-commands';
import { CsvInterceptor } from '../lists/csv.interceptor.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { LondonTimeInterceptor } from '../london-time/london-time.interceptor.js';
import { IdempotencyRecords } from '../idempotency/idempotency-records.js';
import { LedgerPositionInterceptor } from './ledger-position.interceptor.js';

/** What every command shares: the buses, the ledger's commands (the load–decide–append loop and its use cases), idempotency, the position header; how every answer is shaped (CSV, London time). */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    // The write side, framework-free (libs/ledger-commands): each command handler is an adapter of a few lines to one of its use cases.
    {
      provide: LedgerCommands,
      inject: [EVENT_STORE, FoldedStreams, AuthorityFacts],
      useFactory: (store: EventStore, folded: FoldedStreams, authority: AuthorityFacts) => new LedgerCommands(store, folded, authority),
    },
    IdempotencyRecords,
    // Registered outermost first: the position header is set on first answers and replays alike;
    // CSV is made from answers already in London time; kept answers stay in the domain's form.
    { provide: APP_INTERCEPTOR, useClass: LedgerPositionInterceptor },
    { provide: APP_INTERCEPTOR, useClass: CsvInterceptor },
    { provide: APP_INTERCEPTOR, useClass: LondonTimeInterceptor },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [LedgerCommands],
})
export class CommandsModule {}
