import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Document = { paths: Record<string, Record<string, any>>; components: Record<string, any> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const COMPONENTS_ID = 'ledger-openapi-components';
const KNOWN = new Map<string, OpenApiAnswers>();

/**
 * Holds every answer the e2e suite receives to the OpenAPI document the API serves (/docs-json):
 * an answer whose status the operation does not declare, or whose JSON does not match the schema
 * declared for it, is a fault of the document or of the code, and fails the test that received it.
 */
export class OpenApiAnswers {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: { method: string; template: string; pattern: RegExp; parameters: number }[];

  /** One per document, its validators compiled once for every API a test file starts (each compile takes milliseconds). */
  static of(document: Document): OpenApiAnswers {
    const text = JSON.stringify(document);
    let answers = KNOWN.get(text);
    if (!answers) {
      answers = new OpenApiAnswers(document);
      KNOWN.set(text, answers);
    }
    return answers;
  }

  constructor(private readonly document: Document) {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
    // The components once, under an id of their own; each answer's schema refers into them.
    this.ajv.addSchema({ $id: COMPONENTS_ID, components: document.components });
    this.routes = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        METHODS.filter((method) => item[method]).map((method) => ({
          method,
          template,
          pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
          parameters: (template.match(/\{/g) ?? []).length,
        })),
      )
      .sort((a, b) => a.parameters - b.parameters);
  }

  /** The document's path template for a request (`/v1/proposals/{id}/ratifications`), or undefined. */
  templateOf(method: string, path: string): string | undefined {
    return this.routes.find((candidate) => candidate.method === method.toLowerCase() && candidate.pattern.test(path))?.template;
  }

  /** Throws, saying why, when the answer is not what the document declares. */
  check(method: string, url: string, status: number, contentType: string | undefined, body: string): void {
    const mediaType = (contentType ?? '').split(';')[0].trim();
    if (mediaType !== 'application/json' && mediaType !== 'application/problem+json') return; // pages, CSV, NDJSON, metrics
    const path = new URL(url, 'http://ledger').pathname;
    if (path === '/docs-json') return; // the document itself
    const route = this.routes.find((candidate) => candidate.method === method.toLowerCase() && candidate.pattern.test(path));
    const where = `${method} ${path} → ${status}`;
    let schema: unknown;
    let key: string;
    if (!route) {
      if (status < 400) throw new Error(`The OpenAPI document has no operation for ${method} ${path}, which answered ${status} with JSON.`);
      schema = { $ref: '#/components/schemas/Problem' };
      key = 'Problem';
    } else {
      const responses = this.document.paths[route.template][route.method].responses ?? {};
      const declared = responses[String(status)] ?? (status >= 400 ? responses.default : undefined);
      if (!declared) throw new Error(`The OpenAPI document does not declare ${status} for ${method.toUpperCase()} ${route.template} (${where}).`);
      schema = declared.content?.[mediaType]?.schema ?? (mediaType === 'application/problem+json' ? { $ref: '#/components/schemas/Problem' } : undefined);
      if (!schema) throw new Error(`The OpenAPI document declares no ${mediaType} schema for ${status} of ${method.toUpperCase()} ${route.template} (${where}).`);
      key = `${route.method} ${route.template} ${status} ${mediaType}`;
    }
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${COMPONENTS_ID}#/components/`)));
      this.validators.set(key, validate);
    }
    const answer = body === '' ? null : JSON.parse(body);
    if (!validate(answer)) {
      const faults = (validate.errors ?? []).slice(0, 5).map((error) => `${error.instancePath || '(answer)'} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
      throw new Error(`The answer to ${where} does not match the schema the OpenAPI document declares (${key}):\n  ${faults.join('\n  ')}\n${body.slice(0, 600)}`);
    }
  }
}
