/** Jest runs the TypeScript sources as ES modules (Nest 12 ships ESM only). */
const typescript = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }];

/**
 * A few CommonJS packages (`@fastify/static`, which serves /docs) `require()` packages that now ship
 * only ES modules. On Node.js 22 and later Jest's module loader loads them as ES modules itself; on
 * Node.js 20 it cannot, so there those packages are compiled to CommonJS for the tests.
 */
const jestRequiresEsm = Number(process.versions.node.split('.')[0]) >= 22;
const esmOnlyRequiredFromCommonJs = jestRequiresEsm ? [] : ['content-disposition'];
const toCommonJs = ['ts-jest', { useESM: false, tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', isolatedModules: true } }];

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': typescript,
    ...(jestRequiresEsm ? {} : { [`node_modules/(${esmOnlyRequiredFromCommonJs.join('|')})/.+\\.js$`]: toCommonJs }),
  },
  transformIgnorePatterns: jestRequiresEsm ? ['/node_modules/'] : [`/node_modules/(?!(${esmOnlyRequiredFromCommonJs.join('|')})/)`],
  moduleNameMapper: {
    '^@ledger/(api-keys|event-store|facts|governance|ledger-commands|read-models|verifiable-log)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  testTimeout: 60000,
  // Two workers: most suites wait on PostgreSQL, a browser or a child process, so two at once
  // take half the time on a 2-core machine. On PostgreSQL each worker after the first gets a
  // server of its own (test/postgres-per-worker.js says why).
  maxWorkers: 2,
  // A handle left open by any suite (a pool's idle client, a retry timer of a fault test) would
  // keep a worker alive after the last result is printed, and CI would wait for it until its time
  // limit (it did, once, for 75 minutes after "Ran all test suites."). The results are final when printed.
  forceExit: true,
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  setupFiles: ['<rootDir>/test/worker-database.js'],
};
