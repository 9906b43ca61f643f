import type { RouteStep } from '@ledger/governance';
import type { RouteStepRequest } from './route-step.request.js';

export function routeSteps(route: readonly RouteStepRequest[]): RouteStep[] {
  return route.map((step) => ({ organisationId: step.organisationId ?? null, bodyId: step.bodyId ?? null, requirement: step.requirement }));
}
