import { EventDecodingError } from '@ledger/governance';
import { apiKeyCodec } from '../src/api-key.codec.js';

const issued = { name: 'wirral-integration', keyId: 'k1', role: 'integration', bodyIds: ['wirral-cabinet'], expiresAt: null };

describe('apiKeyCodec: a key stream read from the store', () => {
  it('reads an issue, with the fields a rotation or a key issued before recording adds', () => {
    expect(apiKeyCodec.decode({ type: 'ApiKeyIssued', schemaVersion: 1, data: issued })).toEqual({ type: 'ApiKeyIssued', data: issued });
    const rotation = { ...issued, keyId: 'k2', replaces: ['k1'], issuedBeforeRecording: { issuedAt: '2024-01-01T00:00:00.000Z', issuedBy: 'admin:bootstrap' } };
    expect(apiKeyCodec.decode({ type: 'ApiKeyIssued', schemaVersion: 1, data: rotation }).data).toEqual(rotation);
  });

  it.each([
    ['a role no key takes', { type: 'ApiKeyIssued', schemaVersion: 1, data: { ...issued, role: 'root' } }, /role/],
    ['a revocation without its reason', { type: 'ApiKeyRevoked', schemaVersion: 1, data: { name: 'n', keyId: 'k1' } }, /reason/],
    ['replaced keys that are not a list', { type: 'ApiKeyIssued', schemaVersion: 1, data: { ...issued, replaces: 'k0' } }, /replaces/],
    ['an event of another stream', { type: 'ProposalTabled', schemaVersion: 1, data: {} }, /not an event of api-key streams/],
    ['a version a newer release wrote', { type: 'ApiKeyExpired', schemaVersion: 2, data: { name: 'n', keyId: 'k1', expiredAt: '2024-01-01T00:00:00.000Z' } }, /newer/],
  ])('refuses %s, naming what is wrong', (_case, stored, problem) => {
    const refusal = (() => {
      try {
        return apiKeyCodec.decode(stored);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(EventDecodingError);
    expect((refusal as Error).message).toMatch(problem);
  });
});
