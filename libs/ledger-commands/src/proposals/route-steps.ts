import type { RouteStep } from '@ledger/governance';
/** A step of a route as asked for: absent fields are null, absent shares the whole proposal's. */
export interface RouteStepInput {
  organisationId?: string | null;
  bodyId?: string | null;
  requirement: RouteStep['requirement'];
  scopes?: string[];
  valuePence?: number;
}

export function routeSteps(route: readonly RouteStepInput[]): RouteStep[] {
  return route.map(({ organisationId, bodyId, requirement, scopes, valuePence }) => ({
    organisationId: organisationId ?? null,
    bodyId: bodyId ?? null,
    requirement,
    ...(scopes === undefined ? {} : { scopes }),
    ...(valuePence === undefined ? {} : { valuePence }),
  }));
}
