import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { ReadAnswerName } from './read-answer-schemas.js';

/** The read's 200 in the OpenAPI document: the schema generated from its answer's type in read-answers.ts. */
export const AnswersWith = (name: ReadAnswerName, description?: string) => ApiOkResponse({ description: description ?? name, schema: { $ref: `#/components/schemas/${name}` } });

/** A command's 201 whose answer is a read's (a checkpoint signed now, a replay built): its generated schema. */
export const CreatesWith = (name: ReadAnswerName, description?: string) => ApiCreatedResponse({ description: description ?? name, schema: { $ref: `#/components/schemas/${name}` } });
