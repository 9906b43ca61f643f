import { nestingDepth } from './json-bodies.js';

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
