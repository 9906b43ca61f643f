import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { Validator } from '@seriousme/openapi-schema-validator';
import { OpenApiAnswers } from './openapi-answers.js';
import { LedgerApi } from './ledger-api.js';

/*
 * The OpenAPI document integrations generate clients from describes everything: it is valid
 * OpenAPI 3.1, every read declares its 200 schema and every command its 201 and refusals, with
 * the headers the contract names; and the e2e suite holds every answer it receives to it.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
let api: LedgerApi;
let document: any;

beforeAll(async () => {
  api = await LedgerApi.start({ LEDGER_DATA_DIR: 'memory://' });
  document = (await api.get('/docs-json', { key: null })).json();
});
afterAll(async () => api.stop());

const operations = (method: 'get' | 'post') =>
  Object.entries(document.paths as Record<string, any>)
    .filter(([path, item]) => path.startsWith('/v1/') && item[method])
    .map(([path, item]) => [path, item[method]] as [string, any]);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect({ version: validator.version, errors: result.errors ?? [] }).toEqual({ version: '3.1', errors: [] });
  });

  it('declares a schema for every read’s 200 (the raw log’s export excepted: NDJSON lines)', () => {
    const missing = operations('get')
      .filter(([path]) => path !== '/v1/ledger/export')
      .filter(([, operation]) => !operation.responses['200']?.content?.['application/json']?.schema)
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it('declares every command’s 201 with a schema, its refusals as problems, Idempotency-Key and X-Ledger-Position', () => {
    const faults = operations('post').flatMap(([path, operation]) => {
      const created = operation.responses['201'];
      const found: string[] = [];
      if (!created?.content?.['application/json']?.schema) found.push(`${path}: no 201 schema`);
      if (!created?.headers?.['X-Ledger-Position']) found.push(`${path}: no X-Ledger-Position`);
      for (const status of ['400', '401', '403', '404', '409', '413', '415', '422', '429', '503']) {
        if (!operation.responses[status]?.content?.['application/problem+json']) found.push(`${path}: no ${status} problem`);
      }
      if (!operation.parameters?.some((parameter: any) => parameter.name === 'Idempotency-Key' && parameter.in === 'header')) found.push(`${path}: no Idempotency-Key`);
      return found;
    });
    expect(faults).toEqual([]);
  });

  it('declares X-Ledger-Min-Position and X-Ledger-As-Known-At on every read, and the bearer key scheme', () => {
    const faults = operations('get').flatMap(([path, operation]) =>
      ['X-Ledger-Min-Position', 'X-Ledger-As-Known-At'].filter((name) => !operation.parameters?.some((parameter: any) => parameter.name === name && parameter.in === 'header')).map((name) => `${path}: no ${name}`),
    );
    expect(faults).toEqual([]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/v1/proposals'].post.security).toEqual([{ bearer: [] }]);
  });

  it('holds answers to it: one that leaves out a field its schema requires, or adds one, is refused', () => {
    const answers = new OpenApiAnswers(document);
    const organisation = { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01T00:00:00+01:00', dissolution: null };
    const list = (items: unknown[]) => JSON.stringify({ items, nextCursor: null });
    expect(() => answers.check('GET', '/v1/organisations', 200, 'application/json', list([organisation]))).not.toThrow();
    const { dissolution: _, ...withoutDissolution } = organisation;
    expect(() => answers.check('GET', '/v1/organisations', 200, 'application/json', list([withoutDissolution]))).toThrow(/does not match[\s\S]*dissolution/);
    expect(() => answers.check('GET', '/v1/organisations', 200, 'application/json', list([{ ...organisation, secret: 1 }]))).toThrow(/additional properties/);
    expect(() => answers.check('GET', '/v1/organisations', 404, 'application/problem+json', JSON.stringify({ title: 'Not found' }))).toThrow(/does not match/);
    expect(() => answers.check('GET', '/v1/organisations', 206, 'application/json', list([]))).toThrow(/does not declare 206/);
  });

  it('takes its 200 schemas from the answers’ types as they are now (scripts/read-answer-schemas.mjs --check)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/read-answer-schemas.mjs', '--check']);
    expect(stdout).toContain('up to date');
  });

  it('generates a TypeScript client (openapi-typescript) that the seed papers’ calls compile against, and a misspelt field does not', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ledger-client-'));
    try {
      await writeFile(join(folder, 'ledger-api.ts'), astToString(await openapiTS(document)));
      const answers = new OpenApiAnswers(document);
      const calls: string[] = [];
      for (const file of (await readdir('scenarios')).filter((name) => name.endsWith('.ndjson')).sort()) {
        for (const line of (await readFile(join('scenarios', file), 'utf8')).split('\n').filter(Boolean)) {
          const call = JSON.parse(line) as { method: string; path: string; body?: unknown };
          const template = answers.templateOf(call.method, new URL(call.path, 'http://ledger').pathname);
          if (!template) throw new Error(`The document has no operation for ${call.method} ${call.path} (${file}).`);
          if (call.method === 'POST') calls.push(`${JSON.stringify(call.body ?? {})} satisfies JsonBody<paths[${JSON.stringify(template)}]['post']>,`);
        }
      }
      const header = "import type { paths } from './ledger-api.js';\ntype JsonBody<Operation> = Operation extends { requestBody?: { content: { 'application/json': infer Body } } } ? Body : never;\n";
      await writeFile(join(folder, 'calls.ts'), `${header}export const calls = [\n${calls.join('\n')}\n];\n`);
      const misspelt = calls[0].replace('"name"', '"nmae"');
      await writeFile(join(folder, 'misspelt.ts'), `${header}export const calls = [\n${misspelt}\n];\n`);
      const compile = (file: string) =>
        promisify(execFile)(process.execPath, ['node_modules/typescript/bin/tsc', '--ignoreConfig', '--noEmit', '--strict', '--skipLibCheck', '--types', 'node', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', join(folder, file)]).then(
          () => 'compiles',
          (error: { stdout: string }) => error.stdout,
        );
      expect(calls.length).toBeGreaterThan(100);
      expect(await compile('calls.ts')).toBe('compiles');
      expect(await compile('misspelt.ts')).toMatch(/nmae/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
