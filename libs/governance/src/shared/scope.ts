/**
 * A function code such as `adult-social-care` or `community-services/children`. Scopes are
 * hierarchical: authority over `community-services` covers `community-services/children`.
 */
export type Scope = string;

export const SCOPE_PATTERN = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && value.length <= 200 && SCOPE_PATTERN.test(value);
}

/** Whether authority over `granted` includes `wanted`. */
export function scopeCovers(granted: Scope, wanted: Scope): boolean {
  return wanted === granted || wanted.startsWith(granted + '/');
}

/** Whether some scope of `granted` covers each scope of `wanted`. */
export function scopesCover(granted: readonly Scope[], wanted: readonly Scope[]): boolean {
  return wanted.every((scope) => granted.some((grant) => scopeCovers(grant, scope)));
}

/** The scopes of `wanted` that no scope of `granted` covers. */
export function uncoveredScopes(granted: readonly Scope[], wanted: readonly Scope[]): Scope[] {
  return wanted.filter((scope) => !granted.some((grant) => scopeCovers(grant, scope)));
}
