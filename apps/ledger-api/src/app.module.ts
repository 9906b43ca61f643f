import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { LedgerStorageModule } from '@ledger/event-store';
import type { LedgerEnvironment } from './configuration/ledger-environment.js';
import { HealthModule } from './health/health.module.js';
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
          dataDir: environment.LEDGER_DATA_DIR,
          migrateOnStart: true,
        }),
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
