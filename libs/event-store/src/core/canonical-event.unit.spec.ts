import canonicalize from 'canonicalize';
import { canonicalEvent, chainHash, GENESIS_HASH } from './canonical-event.js';
import { createHash } from 'node:crypto';

describe('canonical event bodies', () => {
  it('are exactly RFC 8785 of the whole envelope', () => {
    const event = {
      eventId: '6F1A8B0E-7D52-4C9A-9F39-5C2B8F3C1D2E',
      type: 'RatificationRecorded',
      schemaVersion: 2,
      data: { z: 1, a: [3, 2.5, 1e21, -0], é: 'é', '\u0080': null, b: { y: true, x: 'ünï' } },
      metadata: { actor: 'integration:wirral', idempotencyKey: 'k', correlationId: undefined },
    };
    const { body, eventId } = canonicalEvent('proposal-wirral-jscb', event, 0, '2017-11-27T19:00:00.000Z');
    expect(eventId).toBe('6f1a8b0e-7d52-4c9a-9f39-5c2b8f3c1d2e');
    expect(body).toBe(
      canonicalize({
        eventId,
        type: event.type,
        schemaVersion: 2,
        streamId: 'proposal-wirral-jscb',
        data: event.data,
        metadata: { actor: 'integration:wirral', idempotencyKey: 'k', recordedAt: '2017-11-27T19:00:00.000Z' },
      }),
    );
  });

  it('chain from the previous hash, the stream version and the bytes', () => {
    const expected = createHash('sha256')
      .update(Buffer.alloc(32))
      .update(Buffer.from([0, 0, 0, 1]))
      .update('{"a":1}')
      .digest('hex');
    expect(chainHash(GENESIS_HASH, 1, '{"a":1}')).toBe(expected);
    expect(chainHash(GENESIS_HASH, 2, '{"a":1}')).not.toBe(expected);
  });
});
