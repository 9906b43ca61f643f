import { setTimeout as sleep } from 'node:timers/promises';
import { ReadInTheLastSecond } from './read-in-the-last-second.js';

describe('names read in the last second', () => {
  const known: Record<string, string> = { 'wiltshire-council': 'Wiltshire Council', 'wiltshire-cabinet': 'Cabinet' };
  let asked: string[][];
  let names: ReadInTheLastSecond<string>;

  beforeEach(() => {
    asked = [];
    names = new ReadInTheLastSecond(async (ids) => {
      asked.push([...ids]);
      return Object.fromEntries(ids.filter((id) => id in known).map((id) => [id, known[id]]));
    });
  });

  it('asks once for names shown again within the second, and only for those not yet read', async () => {
    expect(await names.of(['wiltshire-council'])).toEqual({ 'wiltshire-council': 'Wiltshire Council' });
    expect(await names.of(['wiltshire-council', 'wiltshire-cabinet', 'wiltshire-council'])).toEqual({ 'wiltshire-council': 'Wiltshire Council', 'wiltshire-cabinet': 'Cabinet' });
    expect(asked).toEqual([['wiltshire-council'], ['wiltshire-cabinet']]);
  });

  it('asks again for an id the read models do not know, every time (a flood of made-up ids keeps nothing)', async () => {
    expect(await names.of(['no-such-body'])).toEqual({});
    expect(await names.of(['no-such-body'])).toEqual({});
    expect(asked).toEqual([['no-such-body'], ['no-such-body']]);
  });

  it('reads a name again once a second has passed (a renamed body shows its new name)', async () => {
    await names.of(['wiltshire-cabinet']);
    await sleep(100);
    await names.of(['wiltshire-cabinet']);
    await sleep(1_000);
    await names.of(['wiltshire-cabinet']);
    expect(asked).toEqual([['wiltshire-cabinet'], ['wiltshire-cabinet']]);
  });
});
