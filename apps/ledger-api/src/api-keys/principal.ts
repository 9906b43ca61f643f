import { API_KEY_ROLES, type ApiKeyRole } from '@ledger/api-keys';

export const ROLES = API_KEY_ROLES;
export type Role = ApiKeyRole;

/** Who is calling: an API key's holder, or an anonymous reader. */
export interface Principal {
  name: string;
  role: Role | 'anonymous';
  /** For `integration` keys: the bodies whose ratifications, rescissions and call-ins it may post. */
  bodyIds: string[];
}

export const ANONYMOUS: Principal = { name: 'anonymous', role: 'anonymous', bodyIds: [] };

/** How a principal is named in every event's metadata. */
export function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.name}`;
}

/** Whether the principal may see exempt detail (API.md: auditors, scrutiny, and those who may write). */
export function seesExemptDetail(principal: Principal): boolean {
  return principal.role !== 'anonymous' && principal.role !== 'integration';
}

/** Whether the principal may read the sealed log's proofs (API.md: auditors, and admins). */
export function mayReadProofs(principal: Principal): boolean {
  return principal.role === 'auditor' || principal.role === 'admin';
}
