import { PersistentMap } from './persistent-map.js';

describe('a persistent map (the scheme state’s index)', () => {
  it('leaves every earlier version unchanged when a key is set', () => {
    const empty = PersistentMap.empty<number>();
    const one = empty.set('cabinet-to-dass', 1);
    const two = one.set('cabinet-to-dass', 2).set('dass-to-head-of-commissioning', 3);
    expect([empty.size, one.size, two.size]).toEqual([0, 1, 2]);
    expect([empty.get('cabinet-to-dass'), one.get('cabinet-to-dass'), two.get('cabinet-to-dass')]).toEqual([undefined, 1, 2]);
    expect(one.has('dass-to-head-of-commissioning')).toBe(false);
  });

  it('iterates every entry, in the same order whenever it is built the same way', () => {
    const keys = Array.from({ length: 300 }, (_, index) => `delegation-${index}`);
    const build = () => keys.reduce((map, key, index) => map.set(key, index), PersistentMap.empty<number>());
    expect(new Map(build())).toEqual(new Map(keys.map((key, index) => [key, index])));
    expect([...build().keys()]).toEqual([...build().keys()]);
  });
});
