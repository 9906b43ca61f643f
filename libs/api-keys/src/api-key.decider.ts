import { AlreadyExistsError, InvalidCommandError, InvalidTransitionError, NotFoundError, unreachable, type Decider } from '@ledger/governance';
import type { ApiKeyEvent, ApiKeyRole } from './api-key.events.js';

/**
 * Names that already mean someone else in the log's `actor` (`anonymous:anonymous`,
 * `admin:bootstrap`) or that would read as the ledger itself; a key may not take them.
 */
export const RESERVED_KEY_NAMES: ReadonlySet<string> = new Set(['anonymous', 'bootstrap', 'admin', 'system', 'ledger', 'root', 'projector', 'sealer', 'unknown', 'everyone', 'public']);

/** How long a rotation may leave the old key working at most. */
export const LONGEST_ROTATION_OVERLAP_MS = 90 * 24 * 60 * 60 * 1000;

export interface KeyState {
  keyId: string;
  role: ApiKeyRole;
  bodyIds: string[];
  expiresAt: string | null;
  revoked: boolean;
  /** Its expiry recorded in the log (ApiKeyExpired). */
  expired: boolean;
}

export interface ApiKeyNameState {
  name: string | null;
  keys: KeyState[];
}

export type ApiKeyCommand =
  | { type: 'IssueApiKey'; name: string; keyId: string; role: ApiKeyRole; bodyIds: string[]; expiresAt: string | null; now: string }
  | { type: 'RotateApiKey'; name: string; keyId: string; expiresAt: string | null; oldKeysExpireAt: string; now: string }
  | { type: 'RevokeApiKey'; name: string; keyId: string | null; reason: string; now: string }
  | { type: 'RecordApiKeyExpiries'; name: string; now: string };

/** Whether the key still opens the ledger at `now`. */
export const isLive = (key: KeyState, now: string): boolean => !key.revoked && !key.expired && (key.expiresAt === null || Date.parse(key.expiresAt) > Date.parse(now));

function assertRoleAndBodies(role: ApiKeyRole, bodyIds: string[]): void {
  if (role === 'integration' && bodyIds.length === 0) throw new InvalidCommandError('An integration key must list the bodyIds it may post decisions for.', 'bodyIds');
  if (role !== 'integration' && bodyIds.length > 0) throw new InvalidCommandError('Only integration keys are limited to bodies; leave bodyIds out.', 'bodyIds');
}

function assertFuture(instant: string | null, now: string, field: string): void {
  if (instant !== null && Date.parse(instant) <= Date.parse(now)) throw new InvalidCommandError(`${field} must be later than now (${now}).`, field);
}

function issue(command: Extract<ApiKeyCommand, { type: 'IssueApiKey' }>, state: ApiKeyNameState): ApiKeyEvent[] {
  if (RESERVED_KEY_NAMES.has(command.name.toLowerCase())) {
    throw new InvalidCommandError(`"${command.name}" is reserved: it already means someone else in the log. Choose a name that says who holds the key.`, 'name');
  }
  if (state.name !== null) throw new AlreadyExistsError('API key named', command.name);
  assertRoleAndBodies(command.role, command.bodyIds);
  assertFuture(command.expiresAt, command.now, 'expiresAt');
  const { name, keyId, role, bodyIds, expiresAt } = command;
  return [{ type: 'ApiKeyIssued', data: { name, keyId, role, bodyIds, expiresAt } }];
}

function rotate(command: Extract<ApiKeyCommand, { type: 'RotateApiKey' }>, state: ApiKeyNameState): ApiKeyEvent[] {
  if (state.name === null) throw new NotFoundError('API key named', command.name);
  const live = state.keys.filter((key) => isLive(key, command.now));
  const current = live.at(-1);
  if (!current) throw new InvalidTransitionError(`Every key of ${command.name} is revoked or expired: there is nothing to rotate. Issue a key under a new name.`);
  assertFuture(command.expiresAt, command.now, 'expiresAt');
  const overlapMs = Date.parse(command.oldKeysExpireAt) - Date.parse(command.now);
  if (overlapMs < 0 || overlapMs > LONGEST_ROTATION_OVERLAP_MS) {
    throw new InvalidCommandError(`oldKeysExpireAt must be between now and 90 days from now, so the old key stops working soon after the new one is in place.`, 'oldKeysExpireAt');
  }
  const { name, keyId, expiresAt, oldKeysExpireAt } = command;
  return [
    { type: 'ApiKeyIssued', data: { name, keyId, role: current.role, bodyIds: current.bodyIds, expiresAt, replaces: live.map((key) => key.keyId) } },
    ...live
      .filter((key) => key.expiresAt === null || Date.parse(key.expiresAt) > Date.parse(oldKeysExpireAt))
      .map((key): ApiKeyEvent => ({ type: 'ApiKeyExpirySet', data: { name, keyId: key.keyId, expiresAt: oldKeysExpireAt, reason: `replaced by ${keyId}` } })),
  ];
}

function revoke(command: Extract<ApiKeyCommand, { type: 'RevokeApiKey' }>, state: ApiKeyNameState): ApiKeyEvent[] {
  if (state.name === null) throw new NotFoundError('API key named', command.name);
  const named = command.keyId === null ? state.keys : state.keys.filter((key) => key.keyId === command.keyId);
  if (named.length === 0) throw new NotFoundError(`key of ${command.name} with id`, command.keyId!);
  const live = named.filter((key) => isLive(key, command.now));
  if (live.length === 0) throw new InvalidTransitionError(`${command.keyId === null ? `Every key of ${command.name}` : `Key ${command.keyId}`} is already revoked or expired.`);
  return live.map((key) => ({ type: 'ApiKeyRevoked', data: { name: command.name, keyId: key.keyId, reason: command.reason } }));
}

function recordExpiries(command: Extract<ApiKeyCommand, { type: 'RecordApiKeyExpiries' }>, state: ApiKeyNameState): ApiKeyEvent[] {
  return state.keys
    .filter((key) => !key.revoked && !key.expired && key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.parse(command.now))
    .map((key) => ({ type: 'ApiKeyExpired', data: { name: command.name, keyId: key.keyId, expiredAt: key.expiresAt! } }));
}

function withKey(state: ApiKeyNameState, keyId: string, change: (key: KeyState) => KeyState): ApiKeyNameState {
  return { ...state, keys: state.keys.map((key) => (key.keyId === keyId ? change(key) : key)) };
}

/** The keys issued under one name: issue once, rotate, revoke, and record expiries as they pass. */
export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyNameState> = {
  initialState: { name: null, keys: [] },

  decide(command, state) {
    switch (command.type) {
      case 'IssueApiKey':
        return issue(command, state);
      case 'RotateApiKey':
        return rotate(command, state);
      case 'RevokeApiKey':
        return revoke(command, state);
      case 'RecordApiKeyExpiries':
        return recordExpiries(command, state);
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ApiKeyIssued': {
        const { name, keyId, role, bodyIds, expiresAt } = event.data;
        return { name, keys: [...state.keys, { keyId, role, bodyIds, expiresAt, revoked: false, expired: false }] };
      }
      case 'ApiKeyExpirySet':
        return withKey(state, event.data.keyId, (key) => ({ ...key, expiresAt: event.data.expiresAt }));
      case 'ApiKeyRevoked':
        return withKey(state, event.data.keyId, (key) => ({ ...key, revoked: true }));
      case 'ApiKeyExpired':
        return withKey(state, event.data.keyId, (key) => ({ ...key, expired: true }));
      default:
        return unreachable(event);
    }
  },
};
