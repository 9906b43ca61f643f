import { EventCodec, instant, listOf, oneOf, orNull, shaped, text, type FieldCheck } from '@ledger/governance';
import { API_KEY_ROLES, type ApiKeyEvent } from './api-key.events.js';

/** A field a version of the event may leave out. */
const absentOr =
  (check: FieldCheck): FieldCheck =>
  (value) =>
    value === undefined || check(value);

/** A name's key stream, read from the store: each event checked against its type, never cast. */
export const apiKeyCodec = new EventCodec<ApiKeyEvent>('api-key', {
  ApiKeyIssued: {
    schemaVersion: 1,
    fields: {
      name: text,
      keyId: text,
      role: oneOf(API_KEY_ROLES),
      bodyIds: listOf(text),
      expiresAt: orNull(instant),
      replaces: absentOr(listOf(text)),
      issuedBeforeRecording: absentOr(shaped({ issuedAt: instant, issuedBy: text })),
    },
  },
  ApiKeyExpirySet: { schemaVersion: 1, fields: { name: text, keyId: text, expiresAt: instant, reason: text } },
  ApiKeyRevoked: { schemaVersion: 1, fields: { name: text, keyId: text, reason: text } },
  ApiKeyExpired: { schemaVersion: 1, fields: { name: text, keyId: text, expiredAt: instant } },
});
