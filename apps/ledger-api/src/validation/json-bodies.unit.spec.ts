import { nestingDepth, oversizedPart } from './json-bodies.js';

const depth = (json: string, limit = 32) => nestingDepth(Buffer.from(json), limit);

describe('how deep a JSON body nests', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(depth('{"title":"Better Care Fund"}')).toBe(1);
    expect(depth('{"meeting":{"minuteRef":"C/1"},"conflicts":[{"member":"Cllr Jones"}]}')).toBe(3);
    expect(depth('{"title":"[[[[{{{{ brackets in a title"}')).toBe(1);
    expect(depth('{"title":"a \\" quote, then [["}')).toBe(1);
    expect(depth('"just text"')).toBe(0);
  });

  it('stops reading once past the limit', () => {
    expect(depth('['.repeat(3000) + ']'.repeat(3000), 32)).toBe(33);
  });
});

describe('a body past every field’s cap', () => {
  it('is found wherever it sits, and said with its path', () => {
    expect(oversizedPart({ title: 'Better Care Fund', scopes: ['bcf'], route: [{ bodyId: 'wirral-cabinet' }] })).toBeNull();
    expect(oversizedPart({ scopes: Array.from({ length: 501 }, () => 'bcf') })).toBe('scopes holds 501 items; no list takes more than 500.');
    expect(oversizedPart({ meeting: { minutes: [{ text: 'x'.repeat(50_001) }] } })).toBe('meeting.minutes[0].text is 50,001 characters long; no field takes more than 50,000.');
    expect(oversizedPart('x'.repeat(50_001))).toBe('the body is 50,001 characters long; no field takes more than 50,000.');
  });
});

