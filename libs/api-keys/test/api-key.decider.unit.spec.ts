import { AlreadyExistsError, fold, InvalidCommandError, InvalidTransitionError, NotFoundError } from '@ledger/governance';
import { apiKeyDecider, type ApiKeyCommand } from '../src/api-key.decider.js';
import type { ApiKeyEvent } from '../src/api-key.events.js';

const NOW = '2026-12-05T12:00:00.000Z';
const DAY_MS = 24 * 60 * 60 * 1000;
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

const issuedClerk: ApiKeyEvent = { type: 'ApiKeyIssued', data: { name: 'reading-modgov', keyId: 'aaaaaaaaaaaaaaaa', role: 'clerk', bodyIds: [], expiresAt: null } };
const decide = (history: ApiKeyEvent[], command: ApiKeyCommand) => apiKeyDecider.decide(command, fold(apiKeyDecider, history));
const rotation = (oldKeysExpireAt: string): ApiKeyCommand => ({ type: 'RotateApiKey', name: 'reading-modgov', keyId: 'bbbbbbbbbbbbbbbb', expiresAt: null, oldKeysExpireAt, now: NOW });

describe('the keys of one name', () => {
  it('issues once; a second issue under the name is refused', () => {
    const command: ApiKeyCommand = { type: 'IssueApiKey', name: 'reading-modgov', keyId: 'aaaaaaaaaaaaaaaa', role: 'clerk', bodyIds: [], expiresAt: null, now: NOW };
    expect(decide([], command)).toEqual([issuedClerk]);
    expect(() => decide([issuedClerk], command)).toThrow(AlreadyExistsError);
  });

  it('refuses an integration key without bodies, and bodies on any other key', () => {
    const command = (role: 'integration' | 'clerk', bodyIds: string[]): ApiKeyCommand => ({ type: 'IssueApiKey', name: 'x-modgov', keyId: 'aaaaaaaaaaaaaaaa', role, bodyIds, expiresAt: null, now: NOW });
    expect(() => decide([], command('integration', []))).toThrow(InvalidCommandError);
    expect(() => decide([], command('clerk', ['reading-cabinet']))).toThrow(InvalidCommandError);
  });

  it('rotates: the new key takes the old one’s role and bodies, and the old one is set to expire at the end of the overlap', () => {
    expect(decide([issuedClerk], rotation(later(DAY_MS)))).toEqual([
      { type: 'ApiKeyIssued', data: { name: 'reading-modgov', keyId: 'bbbbbbbbbbbbbbbb', role: 'clerk', bodyIds: [], expiresAt: null, replaces: ['aaaaaaaaaaaaaaaa'] } },
      { type: 'ApiKeyExpirySet', data: { name: 'reading-modgov', keyId: 'aaaaaaaaaaaaaaaa', expiresAt: later(DAY_MS), reason: 'replaced by bbbbbbbbbbbbbbbb' } },
    ]);
  });

  it('refuses an overlap past 90 days or in the past, a rotation of a name never issued, and of one whose keys are all revoked', () => {
    expect(() => decide([issuedClerk], rotation(later(91 * DAY_MS)))).toThrow(InvalidCommandError);
    expect(() => decide([issuedClerk], rotation(later(-1)))).toThrow(InvalidCommandError);
    expect(() => decide([], rotation(later(DAY_MS)))).toThrow(NotFoundError);
    const revoked: ApiKeyEvent = { type: 'ApiKeyRevoked', data: { name: 'reading-modgov', keyId: 'aaaaaaaaaaaaaaaa', reason: 'gone' } };
    expect(() => decide([issuedClerk, revoked], rotation(later(DAY_MS)))).toThrow(InvalidTransitionError);
  });

  it('records each expiry once, and none for a key revoked first', () => {
    const expiring: ApiKeyEvent = { type: 'ApiKeyExpirySet', data: { name: 'reading-modgov', keyId: 'aaaaaaaaaaaaaaaa', expiresAt: later(-DAY_MS), reason: 'replaced' } };
    const record: ApiKeyCommand = { type: 'RecordApiKeyExpiries', name: 'reading-modgov', now: NOW };
    const expired = decide([issuedClerk, expiring], record);
    expect(expired).toEqual([{ type: 'ApiKeyExpired', data: { name: 'reading-modgov', keyId: 'aaaaaaaaaaaaaaaa', expiredAt: later(-DAY_MS) } }]);
    expect(decide([issuedClerk, expiring, ...expired], record)).toEqual([]);
    expect(decide([issuedClerk, { type: 'ApiKeyRevoked', data: { name: 'reading-modgov', keyId: 'aaaaaaaaaaaaaaaa', reason: 'gone' } }, expiring], record)).toEqual([]);
  });
});
