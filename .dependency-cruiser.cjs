/**
 * The ledger's dependency rules, checked by `npm run lint:dependencies` (part of `npm test`, so CI).
 * - The domain (`libs/governance`) imports nothing outside itself: no framework, no database, no
 *   Node.js module.
 * - Libraries never import the applications.
 * - Nothing reaches into a library's internals: other code imports a library by its name
 *   (`@ledger/event-store`), which is its `src/index.ts`, and only a library's own files and tests
 *   import its other files.
 * - No module imports itself through a cycle of imports that run.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'governance-stands-alone',
      severity: 'error',
      comment: 'libs/governance is the pure domain: it imports only its own files.',
      from: { path: '^libs/governance/' },
      to: { pathNot: '^libs/governance/' },
    },
    {
      name: 'libraries-never-import-applications',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-reaching-into-a-library',
      severity: 'error',
      comment: 'Import a library by its name (its src/index.ts); its other files are its own.',
      from: { path: '^(apps|bench|test)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'no-reaching-into-another-library',
      severity: 'error',
      comment: 'A library imports another by its name (its src/index.ts), never its other files.',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/[^/]+/src/index\\.ts$', '^libs/$1/'] },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle of imports that run (a cycle of type-only imports is erased when compiled).',
      from: { path: '^(apps|libs)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'] },
  },
};
