import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { completeContract } from './document-contract.js';
import { INSTANTS_AS_STORED, INSTANTS_EXTENSION, INSTANTS_IN_LONDON_TIME } from '../london-time/london-time.interceptor.js';

/** How the API answers dates and instants (API.md "Dates"), as the document says it. */
const DATES =
  'Dates and instants: a date alone (2018-02-08) means 00:00 Europe/London; an instant is ISO 8601 with an offset. ' +
  'Every answer, JSON and CSV, gives instants in the Europe/London offset of that instant — 2017-05-16T00:00:00+01:00 in summer (BST), ' +
  '2018-02-08T00:00:00+00:00 in winter (GMT), milliseconds only when there are some — so that a date reads as its own day. ' +
  'Any such value can be passed back as a query parameter (encode its + as %2B; a space in its place is read as +). ' +
  `Only the raw log and the export (marked ${INSTANTS_EXTENSION}: ${INSTANTS_AS_STORED}) serve events exactly as stored and hashed, instants in UTC (2017-05-15T23:00:00.000Z).`;

/** Serves the OpenAPI document at /docs-json and its reader at /docs. */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Decision Ledger')
    .setDescription(
      'Every proposal, ratification and change of delegated authority of sovereign public bodies, as immutable events; ' +
        'current authority and the audit trail as read models. Errors are RFC 9457 problems (application/problem+json).\n\n' +
        DATES,
    )
    .setVersion('1')
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key, `ledger_<key id>_<secret>`' })
    .build();
  const document = completeContract(describeInstants(SwaggerModule.createDocument(app, config)));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/**
 * Marks every operation with how its answers give instants (`x-ledger-instants`): in London time,
 * unless the route serves events as stored; and says so on each successful answer.
 */
function describeInstants(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const extensions = operation as unknown as Record<string, unknown>;
      if (extensions[INSTANTS_EXTENSION] === INSTANTS_AS_STORED) continue;
      extensions[INSTANTS_EXTENSION] = INSTANTS_IN_LONDON_TIME;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!status.startsWith('2') || !response || !('description' in response)) continue;
        response.description = `${response.description ? `${response.description} ` : ''}Instants in the Europe/London offset (2017-05-16T00:00:00+01:00).`;
      }
    }
  }
  return document;
}
