import { DecisionFilterParams } from './decision-filter.params.js';

/** `GET /v1/bodies/{id}/decisions?from&to&outcome&callIn&keyDecision`. */
export class BodyDecisionsQuery extends DecisionFilterParams {}
