import type { RouteStep } from '@ledger/governance';
import type { RouteStepRequest } from './route-step.request.js';

export function routeSteps(route: readonly RouteStepRequest[]): RouteStep[] {
  return route.map(({ organisationId, bodyId, requirement, scopes, valuePence }) => ({
    organisationId: organisationId ?? null,
    bodyId: bodyId ?? null,
    requirement,
    ...(scopes === undefined ? {} : { scopes }),
    ...(valuePence === undefined ? {} : { valuePence }),
  }));
}
