import { refusalOf } from './json-scan.js';

const refusal = (body: unknown) => refusalOf(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));

describe('a JSON body no command takes, found before it is parsed', () => {
  it('takes what a real decision holds, brackets and quotes inside its texts included', () => {
    expect(refusal({ title: '[[[[{{{{ brackets in a title', reasons: 'a \\" quote, then [[', scopes: ['bcf'], meeting: { minuteRef: 'C/1' }, conflictsOfInterest: [{ member: 'Cllr Jones' }] })).toBeNull();
    expect(refusal({ scopes: Array.from({ length: 500 }, (_, index) => `s${index}`), summary: '£'.repeat(50_000) })).toBeNull();
    expect(refusal('"just text"')).toBeNull();
    expect(refusal('{"not": json')).toBeNull(); // malformed: the parser says so
  });

  it('refuses nesting past 32 levels', () => {
    expect(refusal(`{"x":${'['.repeat(3000)}${']'.repeat(3000)}}`)).toBe('The JSON body nests deeper than 32 levels; no command of the ledger needs more than a few.');
  });

  it('refuses a list past 500 items, saying where it is and how long', () => {
    expect(refusal({ scopes: Array.from({ length: 100_000 }, (_, index) => `s${index}`) })).toBe('scopes holds 100,000 items; no list takes more than 500.');
    expect(refusal({ route: [{ bodyId: 'a' }, { scopes: Array.from({ length: 501 }, () => [1, 2]) }] })).toBe('route[1].scopes holds 501 items; no list takes more than 500.');
  });

  it('refuses a text past 50,000 characters, counted as JavaScript counts them', () => {
    expect(refusal({ summary: 'x'.repeat(50_001) })).toBe('summary is 50,001 characters long; no field takes more than 50,000.');
    expect(refusal({ meeting: { minutes: [{ text: 'é'.repeat(60_000) }] } })).toBe('meeting.minutes[0].text is 60,000 characters long; no field takes more than 50,000.');
    expect(refusal({ summary: '🙂'.repeat(25_001) })).toBe('summary is 50,002 characters long; no field takes more than 50,000.');
    expect(refusal(`{"summary":"${'\\u0041'.repeat(50_001)}"}`)).toBe('summary is 50,001 characters long; no field takes more than 50,000.');
    expect(refusal(JSON.stringify('x'.repeat(50_001)))).toBe('the body is 50,001 characters long; no field takes more than 50,000.');
  });
});
