import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { inLondonTime, inLondonTimeJson } from './in-london-time.js';

describe('an answer in London time', () => {
  it('turns every instant the domain keeps, at any depth, in objects and arrays', () => {
    expect(
      inLondonTime({
        items: [{ decidedOn: '2017-05-15T23:00:00.000Z', authority: { chains: [[{ effectiveFrom: '2018-02-08T00:00:00.000Z', effectiveUntil: null }]] } }],
        nextCursor: null,
      }),
    ).toEqual({
      items: [{ decidedOn: '2017-05-16T00:00:00+01:00', authority: { chains: [[{ effectiveFrom: '2018-02-08T00:00:00+00:00', effectiveUntil: null }]] } }],
      nextCursor: null,
    });
  });

  it('turns a Date as JSON would have written it', () => {
    expect(inLondonTime({ issuedAt: new Date('2022-06-30T16:00:00.250Z') })).toEqual({ issuedAt: '2022-06-30T17:00:00.250+01:00' });
  });

  it('leaves alone what is not an instant in the domain’s form', () => {
    const answer = {
      id: 'wokingham-ccg-cmt-2017-05-16',
      position: '879:38',
      tabledOn: '2017-05-02',
      callInUntil: '2017-04-03T17:00:00+01:00',
      reasons: ['delegation wbc-executive-to-plt is not in force until 2018-04-01', 'as recorded at 2017-05-15T23:00:00.000Z'],
      limitPence: 25_000_000,
      counts: true,
      meeting: null,
    };
    expect(inLondonTime(answer)).toEqual(answer);
  });

  it('reads an answer the way JSON would: class instances by their fields, anything with toJSON by what it gives', () => {
    class Decision {
      constructor(readonly decidedOn: string) {}
    }
    const interval = { toJSON: () => ({ from: '2021-10-31T01:30:00.000Z' }) };
    expect(inLondonTime([new Decision('2021-10-31T00:30:00.000Z'), interval])).toEqual([{ decidedOn: '2021-10-31T01:30:00+01:00' }, { from: '2021-10-31T01:30:00+00:00' }]);
  });

  it('leaves bodies that are not JSON as they are: streams, buffers, text', () => {
    const stream = Readable.from(['{"recordedAt":"2017-05-15T23:00:00.000Z"}\n']);
    const buffer = Buffer.from('2017-05-15T23:00:00.000Z');
    expect(inLondonTime(stream)).toBe(stream);
    expect(inLondonTime(buffer)).toBe(buffer);
    expect(inLondonTime('decidedOn\r\n2017-05-15T23:00:00.000Z\r\n')).toBe('decidedOn\r\n2017-05-15T23:00:00.000Z\r\n');
  });

  it('does not change the answer it was given', () => {
    const answer = { decidedOn: '2017-05-15T23:00:00.000Z' };
    inLondonTime(answer);
    expect(answer).toEqual({ decidedOn: '2017-05-15T23:00:00.000Z' });
  });

  it('turns a JSON text exactly as it turns the answer, whole string values only', () => {
    const answer = {
      decidedOn: '2017-05-15T23:00:00.000Z',
      list: ['2018-02-08T00:00:00.000Z', 'x', { at: new Date('2022-06-30T16:00:00.250Z') }],
      '2017-05-15T23:00:00.000Z': 'a key stays as it is',
      reasons: ['as recorded at 2017-05-15T23:00:00.000Z', 'he wrote "2017-05-15T23:00:00.000Z"', '"2017-05-15T23:00:00.000Z'],
      quoted: '"2017-05-15T23:00:00.000Z"',
      nested: { deeper: [[{ until: '2021-10-31T01:00:00.000Z' }]] },
    };
    const json = inLondonTimeJson(JSON.stringify(answer));
    expect(json).toBe(JSON.stringify(inLondonTime(answer)));
    expect(JSON.parse(json)).toMatchObject({ decidedOn: '2017-05-16T00:00:00+01:00', quoted: '"2017-05-15T23:00:00.000Z"', nested: { deeper: [[{ until: '2021-10-31T01:00:00+00:00' }]] } });
  });

  it('keeps no answer alive once written, though it remembers the new instants it turned', () => {
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const heapUsed = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    const before = heapUsed();
    for (let answer = 0; answer < 40; answer++) {
      // 40 answers of 2 MB, each showing an instant no answer showed before.
      const recordedAt = new Date(Date.UTC(1901, 0, 1) + answer * 1_000 + Math.floor(Math.random() * 1_000)).toISOString();
      const json = JSON.stringify({ minutes: 'x'.repeat(2_000_000), recordedAt });
      expect(inLondonTimeJson(json).endsWith(`"recordedAt":"${String(inLondonTime(recordedAt))}"}`)).toBe(true);
    }
    // Kept alive, the answers would be 80 MB.
    expect((heapUsed() - before) / 1e6).toBeLessThan(10);
  });
});
