import { Logger } from 'nestjs-pino';
import { loadEnvironment } from './configuration/ledger-environment.js';
import { createApp } from './create-app.js';

async function main(): Promise<void> {
  const environment = loadEnvironment();
  const app = await createApp(environment);
  await app.listen({ port: environment.PORT, host: environment.HOST });
  const address = await app.getUrl();
  app.get(Logger).log(`Decision Ledger listening on ${address}; OpenAPI at ${address}/docs`, 'Main');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
