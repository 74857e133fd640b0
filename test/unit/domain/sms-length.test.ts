// The counter under every message box must agree with how the network splits a message.
import { DEFAULT_MAX_PARTS, isGsm7, smsLength } from '#domain/sms-length';

const gsm = (count: number): string => 'a'.repeat(count);
const polish = (count: number): string => 'ą'.repeat(count);

describe('smsLength', () => {
  it('treats empty text as no parts with a whole GSM-7 part available', () => {
    expect(smsLength('')).toEqual({
      encoding: 'GSM-7',
      characters: 0,
      units: 0,
      parts: 0,
      remainingInPart: 160,
      perPart: 160,
      tooLong: false,
      specialCharacters: [],
    });
  });

  it.each([
    // [description, text, units, parts, remainingInPart, perPart]
    ['1 GSM character', gsm(1), 1, 1, 159, 160],
    ['160 GSM characters fill one part', gsm(160), 160, 1, 0, 160],
    ['161 GSM characters need two parts of 153', gsm(161), 161, 2, 145, 153],
    ['306 GSM characters fill two parts', gsm(306), 306, 2, 0, 153],
    ['307 GSM characters need a third part', gsm(307), 307, 3, 152, 153],
    ['70 Polish letters fill one UCS-2 part', polish(70), 70, 1, 0, 70],
    ['71 Polish letters need two parts of 67', polish(71), 71, 2, 63, 67],
    ['134 Polish letters fill two parts', polish(134), 134, 2, 0, 67],
    ['135 Polish letters need a third part', polish(135), 135, 3, 66, 67],
  ])('%s', (_description, text, units, parts, remainingInPart, perPart) => {
    const length = smsLength(text);
    expect(length).toMatchObject({ units, parts, remainingInPart, perPart, characters: text.length });
  });

  it('counts extension-table characters as two septets but one character', () => {
    const length = smsLength('^{}\\[~]|€');
    expect(length).toMatchObject({ encoding: 'GSM-7', characters: 9, units: 18, parts: 1, remainingInPart: 142 });
  });

  it('counts form feed as an extension character', () => {
    expect(smsLength('\f')).toMatchObject({ encoding: 'GSM-7', units: 2 });
  });

  it('fits 158 characters plus € in one part but not 159 plus €', () => {
    expect(smsLength(`${gsm(158)}€`)).toMatchObject({ units: 160, parts: 1, remainingInPart: 0 });
    expect(smsLength(`${gsm(159)}€`)).toMatchObject({ units: 161, parts: 2 });
  });

  it('never splits an extension character across parts (152 characters then €)', () => {
    // Part one keeps 152 septets; the escape sequence moves whole into part two.
    expect(smsLength(`${gsm(152)}€${gsm(10)}`)).toMatchObject({ units: 164, parts: 2, remainingInPart: 141 });
    // 306 septets, which would fit two parts if € could be cut, need three.
    expect(smsLength(`${gsm(152)}€${gsm(152)}`)).toMatchObject({ units: 306, parts: 3, remainingInPart: 152 });
  });

  it('counts an emoji as one character and two UTF-16 units', () => {
    expect(smsLength('😀')).toMatchObject({
      encoding: 'UCS-2',
      characters: 1,
      units: 2,
      parts: 1,
      remainingInPart: 68,
      specialCharacters: ['😀'],
    });
  });

  it('fits an emoji ending exactly at 70 units in one part', () => {
    expect(smsLength(`${polish(68)}😀`)).toMatchObject({ units: 70, parts: 1, remainingInPart: 0 });
  });

  it('never splits an emoji across parts', () => {
    // 66 units, then the surrogate pair would straddle the 67-unit boundary: it moves to part two.
    expect(smsLength(`${polish(66)}😀${polish(5)}`)).toMatchObject({ units: 73, parts: 2, remainingInPart: 60 });
    expect(smsLength(`${polish(66)}😀${polish(66)}`)).toMatchObject({ units: 134, parts: 3, remainingInPart: 66 });
  });

  it('switches to UCS-2 for Polish letters and lists each one once, in order', () => {
    const length = smsLength('Zażółć gęślą jaźń, ZAŻÓŁĆ');
    expect(length.encoding).toBe('UCS-2');
    expect(length.specialCharacters).toEqual(['ż', 'ó', 'ł', 'ć', 'ę', 'ś', 'ą', 'ź', 'ń', 'Ż', 'Ó', 'Ł', 'Ć']);
  });

  it('counts an extension character as one unit once the message is UCS-2', () => {
    expect(smsLength('€ą')).toMatchObject({ encoding: 'UCS-2', units: 2 });
  });

  it('counts a newline as one GSM-7 character', () => {
    expect(smsLength('a\nb')).toMatchObject({ encoding: 'GSM-7', units: 3, characters: 3 });
    expect(smsLength('a\r\nb')).toMatchObject({ encoding: 'GSM-7', units: 4 });
  });

  it("matches the manual's owner example: 1 SMS, 6 characters left", () => {
    const length = smsLength('Nowe zamówienie {order_id}. Kwota zamówienia: {sum} w {currency}');
    expect(length).toMatchObject({ encoding: 'UCS-2', parts: 1, remainingInPart: 6, specialCharacters: ['ó'] });
  });

  it('flags messages longer than the part limit (default 6)', () => {
    expect(DEFAULT_MAX_PARTS).toBe(6);
    expect(smsLength(gsm(918))).toMatchObject({ parts: 6, tooLong: false });
    expect(smsLength(gsm(919))).toMatchObject({ parts: 7, tooLong: true });
    expect(smsLength(polish(402))).toMatchObject({ parts: 6, tooLong: false });
    expect(smsLength(polish(403))).toMatchObject({ parts: 7, tooLong: true });
  });

  it('honours a configured part limit', () => {
    expect(smsLength(gsm(306), { maxParts: 2 }).tooLong).toBe(false);
    expect(smsLength(gsm(307), { maxParts: 2 }).tooLong).toBe(true);
    expect(smsLength(gsm(1377), { maxParts: 10 })).toMatchObject({ parts: 9, tooLong: false });
  });
});

describe('isGsm7', () => {
  it.each([
    ['plain ASCII letters and digits are GSM-7', 'Hello 123', true],
    ['currency and accented letters of the alphabet are GSM-7', '@£$¥èéùìòÇØøÅåÆæßÉÄÖÑÜäöñüà¡¿§¤', true],
    ['Greek capitals of the alphabet are GSM-7', 'ΔΦΓΛΩΠΨΣΘΞ', true],
    ['extension characters are GSM-7', '^{}\\[~]|€', true],
    ['newline and carriage return are GSM-7', '\r\n', true],
    ['empty text is GSM-7', '', true],
    ['Polish ą is not GSM-7', 'ą', false],
    ['capital Ł is not GSM-7', 'Ł', false],
    ['lowercase ç is not GSM-7', 'ç', false],
    ['backtick is not GSM-7', '`', false],
    ['typographic quote is not GSM-7', '„', false],
    ['tab is not GSM-7', '\t', false],
    ['emoji is not GSM-7', '😀', false],
  ])('%s', (_description, text, expected) => {
    expect(isGsm7(text)).toBe(expected);
  });
});
