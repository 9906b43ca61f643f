import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/**
 * The deployment files as CI can check them without a Docker engine: docker-compose.yml parsed and
 * its wiring asserted, the Dockerfile's stages read. (`docker compose config` needs the compose
 * plugin, which this machine's Docker client lacks.)
 */

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  profiles?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

const compose = load(readFileSync(join(process.cwd(), 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const dockerfile = readFileSync(join(process.cwd(), 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  const { services } = compose;

  it('runs PostgreSQL, the API and one projector from the same image, each waiting for PostgreSQL to be healthy', () => {
    expect(Object.keys(services).sort()).toEqual(['eventstoredb', 'ledger-api', 'ledger-projector', 'postgres']);
    for (const name of ['ledger-api', 'ledger-projector']) {
      expect(services[name]).toMatchObject({ build: '.', image: 'decision-ledger:latest', depends_on: { postgres: { condition: 'service_healthy' } } });
      expect(services[name].environment?.DATABASE_URL).toMatch(/^postgres:\/\/ledger:.*@postgres:5432\/ledger$/);
    }
    expect(services.postgres.healthcheck?.test?.join(' ')).toMatch(/pg_isready/);
  });

  it('leaves projecting and sealing to the projector, so that the API can be scaled', () => {
    expect(services['ledger-api'].environment?.LEDGER_RUN_PROJECTOR).toBe('false');
    expect(services['ledger-api'].healthcheck?.test?.join(' ')).toMatch(/\/health\/ready/);
    expect(services['ledger-projector'].command).toEqual(['node', 'dist/apps/ledger-projector/src/main.js']);
  });

  it('keeps data in named volumes', () => {
    expect(services.postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(Object.keys(compose.volumes).sort()).toEqual(['eventstoredb-data', 'postgres-data']);
  });

  it('runs EventStoreDB insecure only in a profile marked for local use', () => {
    expect(services.eventstoredb.profiles).toEqual(['eventstoredb-local']);
    expect(services.eventstoredb.environment?.EVENTSTORE_INSECURE).toBe('true');
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs production dependencies only, as a user other than root', () => {
    expect(dockerfile.match(/^FROM .+ AS (\w+)$/gm)).toEqual(['FROM node:20-bookworm-slim AS build', 'FROM node:20-bookworm-slim AS runtime']);
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/COPY --from=build \/ledger\/dist dist/);
    expect(runtime).toMatch(/^COPY migrations migrations$/m);
  });
});
