import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { signCursorsWith } from '@ledger/read-models';
import { AppModule } from './app.module.js';
import type { LedgerEnvironment } from './configuration/ledger-environment.js';
import { serveOpenApi } from './openapi/openapi.js';
import { keepAnswersPrivate } from './caching/private-answers.js';
import { answerClientError } from './problems/client-error.js';
import { limitRates } from './rate-limits/rate-limits.js';
import { MAX_BODY_BYTES, takeOnlyJsonCommands } from './validation/json-bodies.js';
import { serveSite } from './site/serve-site.js';

/** The API application, configured but not yet listening (tests call `init` or `listen` on it). */
export async function createApp(environment: LedgerEnvironment): Promise<NestFastifyApplication> {
  if (environment.LEDGER_CURSOR_SECRET) signCursorsWith(environment.LEDGER_CURSOR_SECRET);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(environment),
    new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES, clientErrorHandler: answerClientError, trustProxy: environment.LEDGER_TRUST_PROXY.length > 0 ? environment.LEDGER_TRUST_PROXY : false }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await limitRates(app, environment);
  takeOnlyJsonCommands(app);
  keepAnswersPrivate(app);
  await serveSite(app, { securityHeaders: environment.LEDGER_SECURITY_HEADERS });
  serveOpenApi(app);
  return app;
}
