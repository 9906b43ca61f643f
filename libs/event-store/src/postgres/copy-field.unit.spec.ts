import { copyField } from './copy-field.js';

describe("a field of COPY's text format", () => {
  it('leaves text without a backslash, tab, newline, carriage return or NUL as it is', () => {
    const text = '{"body":"Wirral Cabinet — £5,000 \\"(a)–(e)\\""}';
    expect(copyField('Wirral Cabinet — £5,000')).toBe('Wirral Cabinet — £5,000');
    expect(copyField(text.replaceAll('\\', ''))).toBe(text.replaceAll('\\', ''));
  });

  it('escapes the backslash, tab, newline and carriage return, and writes U+0000 as U+FFFD', () => {
    expect(copyField('a\\"b\tc\nd\re\u0000f')).toBe('a\\\\"b\\tc\\nd\\re\uFFFDf');
  });
});
