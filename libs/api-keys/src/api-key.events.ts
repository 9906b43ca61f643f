import type { DomainEvent } from '@ledger/governance';

export const API_KEY_ROLES = ['admin', 'clerk', 'integration', 'auditor', 'scrutiny'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** The stream that records the keys issued under one name: the first, and each rotation's. */
export const apiKeyStreamId = (name: string) => `api-key-${name}`;

/** A key was issued. Never the secret, nor its hash: the log is read by auditors, and sealed for good. */
export type ApiKeyIssued = DomainEvent<
  'ApiKeyIssued',
  {
    name: string;
    keyId: string;
    role: ApiKeyRole;
    bodyIds: string[];
    /** When it stops working on its own; null: when revoked. */
    expiresAt: string | null;
    /** Set when the key replaces others of the same name (a rotation): their ids. */
    replaces?: string[];
    /** Set when the key was issued before keys were events, and recorded when the ledger first ran since. */
    issuedBeforeRecording?: { issuedAt: string; issuedBy: string };
  }
>;

/** A key's expiry was brought forward or set: a rotation gives the old key this long to be replaced. */
export type ApiKeyExpirySet = DomainEvent<'ApiKeyExpirySet', { name: string; keyId: string; expiresAt: string; reason: string }>;

export type ApiKeyRevoked = DomainEvent<'ApiKeyRevoked', { name: string; keyId: string; reason: string }>;

/** A key reached its expiry: recorded by the first API instance to notice, for the audit trail. */
export type ApiKeyExpired = DomainEvent<'ApiKeyExpired', { name: string; keyId: string; expiredAt: string }>;

export type ApiKeyEvent = ApiKeyIssued | ApiKeyExpirySet | ApiKeyRevoked | ApiKeyExpired;

export const API_KEY_EVENT_TYPES: ReadonlySet<ApiKeyEvent['type']> = new Set(['ApiKeyIssued', 'ApiKeyExpirySet', 'ApiKeyRevoked', 'ApiKeyExpired']);
