import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { LedgerStorageModule } from '@ledger/event-store';
import type { LedgerEnvironment } from './configuration/ledger-environment.js';
import { BodiesModule } from './bodies/bodies.module.js';
import { PostsModule } from './posts/posts.module.js';
import { DelegationsModule } from './delegations/delegations.module.js';
import { ProposalsModule } from './proposals/proposals.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ProposalRegistersModule } from './registers/proposal-registers.module.js';
import { GovernanceRegistersModule } from './registers/governance-registers.module.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { CommandsModule } from './commands/commands.module.js';
import { FactsModule } from './facts/facts.module.js';
import { HealthModule } from './health/health.module.js';
import { ReadModelsModule } from './read-models/read-models.module.js';
import { OrganisationsModule } from './organisations/organisations.module.js';
import { LedgerSealModule } from './ledger-seal/ledger-seal.module.js';
import { LedgerReplaysModule } from './ledger-replays/ledger-replays.module.js';
import { SiteModule } from './site/site.module.js';
import { ledgerValidationPipe } from './validation/validation.pipe.js';
import { ProblemDetailsFilter } from './problems/problem-details.filter.js';

@Module({})
export class AppModule {
  static register(environment: LedgerEnvironment): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...environment })] }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: environment.LOG_LEVEL,
            redact: ['req.headers.authorization'],
            autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
          },
        }),
        LedgerStorageModule.forRoot({
          databaseUrl: environment.DATABASE_URL,
          databaseSchema: environment.DATABASE_SCHEMA,
          databaseTimeoutMs: environment.DATABASE_TIMEOUT_MS,
          dataDir: environment.LEDGER_DATA_DIR,
          eventStoreConnectionString: environment.EVENTSTORE_CONNECTION_STRING,
          migrateOnStart: true,
        }),
        FactsModule,
        ReadModelsModule,
        LedgerSealModule,
        LedgerReplaysModule,
        HealthModule,
        ApiKeysModule,
        CommandsModule,
        OrganisationsModule,
        BodiesModule,
        PostsModule,
        DelegationsModule,
        ProposalsModule,
        AuditModule,
        ProposalRegistersModule,
        GovernanceRegistersModule,
        SiteModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useValue: ledgerValidationPipe },
      ],
    };
  }
}
