import canonicalize from 'canonicalize';
import { leafHash } from './merkle-tree.js';
import { leafBytes, sealedLeafHash, type SealedEvent } from './sealed-leaf.js';

const sealed = (body: string, overrides: Partial<SealedEvent> = {}): SealedEvent => ({
  body,
  hash: 'a'.repeat(64),
  position: '1234:5',
  streamVersion: 3,
  ...overrides,
});

describe('leafBytes', () => {
  const bodies = [
    '{"data":{"title":"Budget 2025/26"},"type":"ProposalTabled"}',
    '{"data":{"name":"Café — £5 «quoted» \\"escaped\\" back\\\\slash"}}',
    'line\nbreak\ttab\rreturn\u0000nul\u001f\u007f\u2028\u2029',
    'emoji 🏛️ and astral 𝔘',
    '',
  ];

  it.each(bodies.map((body) => [JSON.stringify(body).slice(0, 40), body]))('writes what the canonicalize library writes for %s', (_name, body) => {
    const event = sealed(body);
    expect(leafBytes(event)).toBe(canonicalize({ ...event }));
  });

  it('writes large stream versions as the library does', () => {
    const event = sealed('{}', { streamVersion: 2 ** 40 });
    expect(leafBytes(event)).toBe(canonicalize({ ...event }));
  });

  it('refuses a body with a lone surrogate, as RFC 8785 does', () => {
    expect(() => leafBytes(sealed('half \ud800 a pair'))).toThrow(/Lone surrogate/);
  });
});

describe('sealedLeafHash', () => {
  it.each(['{"body":"Café — £5 🏛️"}', '', '\u0000 leading NUL'])('is the tree\'s leaf hash of the UTF-8 bytes of %j', (bytes) => {
    expect(sealedLeafHash(bytes).equals(leafHash(new Uint8Array(Buffer.from(bytes, 'utf8'))))).toBe(true);
  });
});
