import canonicalize from 'canonicalize';
import fc from 'fast-check';
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

describe('canonical JSON', () => {
  const samples: unknown[] = [
    { b: 1, a: 2, aa: [true, false, null], A: 'upper' },
    { '\u20ac': 'euro', '\r': 'cr', '\ufb33': 'hebrew', '1': 'one', '\u0080': 'ctrl', '\ud83d\ude00': 'emoji', '\u00f6': 'o-umlaut' },
    [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345680000, 5e-324, 1.7976931348623157e308, 4.5, 2 ** 53, -(2 ** 53) + 1],
    { nested: { deeper: [{ z: 'z', y: ['y'] }, 'text with "quotes", \\ and \n\t\u0000\u001f'] } },
    { date: new Date('2017-11-27T19:00:00Z'), skipped: undefined, kept: null },
    'plain string with 𝔅',
    42,
  ];

  const bodyOf = (data: unknown) => canonicalEvent('s-1', { eventId: '6f1a8b0e-7d52-4c9a-9f39-5c2b8f3c1d2e', type: 'T', schemaVersion: 1, data }, 0, 'now').body;
  const canonicalizedBodyOf = (data: unknown) =>
    canonicalize({ data, eventId: '6f1a8b0e-7d52-4c9a-9f39-5c2b8f3c1d2e', metadata: { recordedAt: 'now' }, schemaVersion: 1, streamId: 's-1', type: 'T' });

  it.each(samples.map((sample) => [JSON.stringify(sample)?.slice(0, 40), sample]))('matches the canonicalize library for %s', (_name, sample) => {
    expect(bodyOf(sample)).toBe(canonicalizedBodyOf(sample));
  });

  it('matches the canonicalize library for any JSON value, keys like array indexes, "__proto__" and "toJSON" among them', () => {
    const key = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('0', '1', '9', '10', '01', '-1', '4294967295', '__proto__', 'toJSON', 'constructor', 'é', 'e\u0301', '😀', '\u20ac'));
    const value = fc.letrec((tie) => ({
      json: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string({ unit: 'grapheme' }), fc.array(tie('json')), fc.dictionary(key, tie('json'), { noNullPrototype: false })),
    })).json;
    fc.assert(
      fc.property(value, (data) => bodyOf(data) === canonicalizedBodyOf(data)),
      { numRuns: 3_000 },
    );
  });

  it('refuses what JSON would change however deep, naming where', () => {
    expect(() => bodyOf({ a: [{ b: 1 }, { c: Number.NaN }] })).toThrow(/data\.a\[1\]\.c is NaN/);
    expect(() => bodyOf({ '10': { x: 'broken \ud800' } })).toThrow(/data\.10\.x holds a lone surrogate/);
  });
});
