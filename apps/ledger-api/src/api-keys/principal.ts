import { createHash, randomBytes } from 'node:crypto';

export const ROLES = ['admin', 'clerk', 'integration', 'auditor', 'scrutiny'] as const;
export type Role = (typeof ROLES)[number];

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

/** Keys are kept only as this hash. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return `dl_${randomBytes(32).toString('base64url')}`;
}

/** Whether the principal may see exempt detail (API.md: auditors, scrutiny, and those who may write). */
export function seesExemptDetail(principal: Principal): boolean {
  return principal.role !== 'anonymous' && principal.role !== 'integration';
}

/** Whether the principal may read the sealed log's proofs (API.md: auditors, and admins). */
export function mayReadProofs(principal: Principal): boolean {
  return principal.role === 'auditor' || principal.role === 'admin';
}
