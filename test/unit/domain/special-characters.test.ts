// "Zastąp znaki specjalne" must leave a Polish or other Latin text sendable at 160 characters a part.
import { isGsm7 } from '#domain/sms-length';
import { replaceSpecialCharacters } from '#domain/special-characters';

describe('replaceSpecialCharacters', () => {
  it('replaces every Polish letter, lower and upper case, including Ł and ł', () => {
    const replaced = replaceSpecialCharacters('ą ć ę ł ń ó ś ź ż Ą Ć Ę Ł Ń Ó Ś Ź Ż');
    expect(replaced).toBe('a c e l n o s z z A C E L N O S Z Z');
    expect(isGsm7(replaced)).toBe(true);
  });

  it('turns a Polish sentence into GSM-7', () => {
    const replaced = replaceSpecialCharacters('Zażółć gęślą jaźń. ŁÓDŹ, ŻÓŁW, Świętokrzyskie.');
    expect(replaced).toBe('Zazolc gesla jazn. LODZ, ZOLW, Swietokrzyskie.');
    expect(isGsm7(replaced)).toBe(true);
  });

  it('keeps letters that GSM-7 already has', () => {
    const kept = 'é è ü ö ä ñ Ä Ö Ñ Ü à ì ò ù É Ç Å å Ø ø Æ æ ß ΔΩ £ ¥ § ¿ ¡ € [ ] { } ~ ^ | \\';
    expect(replaceSpecialCharacters(kept)).toBe(kept);
  });

  it.each([
    ['Czech', 'Příliš žluťoučký kůň úpěl ďábelské ódy', 'Prilis zlutoucky kun upel dabelské ody'],
    ['Slovak', 'Ľúbim ťa, dôležité', 'Lubim ta, dolezité'],
    ['German', 'Größe Äpfel Übung', 'Größe Äpfel Übung'],
    ['French', 'ça, œuvre, être, naïve, Œ', 'ca, oeuvre, etre, naive, OE'],
    ['Hungarian', 'Árvíztűrő tükörfúrógép', 'Arvizturo tükörfurogép'],
    ['Lithuanian', 'ąčęėįšųūž', 'aceeisuuz'],
    ['Romanian (comma and cedilla forms)', 'Ștefan țară şi Ţ ăâî', 'Stefan tara si T aai'],
    ['Croatian', 'Đurđa čćž', 'Durda ccz'],
    ['Icelandic', 'Þór Ðað', 'Thor Dad'],
    ['Turkish', 'ığdır Şğ', 'igdir Sg'],
  ])('simplifies %s letters to GSM-7', (_language, text, expected) => {
    const replaced = replaceSpecialCharacters(text);
    expect(replaced).toBe(expected);
    expect(isGsm7(replaced)).toBe(true);
  });

  it('turns typographic punctuation and special spaces into ASCII', () => {
    const text = '„Cytat” “en” ‘x’ ‚y‛ – — … «a» a\u00A0b c\u202Fd e\tf `g´ 5−3 ab\u200Bc';
    const replaced = replaceSpecialCharacters(text);
    expect(replaced).toBe('"Cytat" "en" \'x\' \'y\' - - ... "a" a b c d e f \'g\' 5-3 abc');
    expect(isGsm7(replaced)).toBe(true);
  });

  it('treats letters typed as base + combining mark like precomposed ones', () => {
    expect(replaceSpecialCharacters('a\u0328 z\u0307 e\u0301')).toBe('a z é');
  });

  it('makes every letter of Latin-1 and Latin Extended-A GSM-7', () => {
    const letters: string[] = [];
    for (let code = 0xc0; code <= 0x17f; code += 1) letters.push(String.fromCodePoint(code));
    const failures = letters.filter((letter) => !isGsm7(replaceSpecialCharacters(letter)));
    expect(failures).toEqual([]);
  });

  it('leaves emoji in place, so the message stays UCS-2', () => {
    const replaced = replaceSpecialCharacters('Dziękujemy 😀👍🏽');
    expect(replaced).toBe('Dziekujemy 😀👍🏽');
    expect(isGsm7(replaced)).toBe(false);
  });

  it('leaves placeholders and plain text untouched', () => {
    const text = 'Zamowienie {order_id} na kwote {sum} {currency}.\nDziekujemy!';
    expect(replaceSpecialCharacters(text)).toBe(text);
  });
});
