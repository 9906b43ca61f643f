import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { CsvInterceptor } from '../lists/csv.interceptor.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { LondonTimeInterceptor } from '../london-time/london-time.interceptor.js';
import { IdempotencyRecords } from '../idempotency/idempotency-records.js';
import { LedgerPositionInterceptor } from './ledger-position.interceptor.js';
import { DeciderFacts } from './decider-facts.js';
import { LedgerClock } from './ledger-clock.js';
import { OrganisationFacts } from './organisation-facts.js';
import { StreamDecisions } from './stream-decisions.js';

/** What every command shares: the buses, the load–decide–append loop, idempotency, the position header; how every answer is shaped (CSV, London time). */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    StreamDecisions,
    LedgerClock,
    OrganisationFacts,
    DeciderFacts,
    IdempotencyRecords,
    // Registered outermost first: the position header is set on first answers and replays alike;
    // CSV is made from answers already in London time; kept answers stay in the domain's form.
    { provide: APP_INTERCEPTOR, useClass: LedgerPositionInterceptor },
    { provide: APP_INTERCEPTOR, useClass: CsvInterceptor },
    { provide: APP_INTERCEPTOR, useClass: LondonTimeInterceptor },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [StreamDecisions, LedgerClock, OrganisationFacts, DeciderFacts],
})
export class CommandsModule {}
