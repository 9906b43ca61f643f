import { ApiOkResponse } from '@nestjs/swagger';
import type { ReadAnswerName } from './read-answer-schemas.js';

/** The read's 200 in the OpenAPI document: the schema generated from its answer's type in read-answers.ts. */
export const AnswersWith = (name: ReadAnswerName, description?: string) => ApiOkResponse({ description: description ?? name, schema: { $ref: `#/components/schemas/${name}` } });
