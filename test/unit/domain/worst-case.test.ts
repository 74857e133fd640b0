// The composer's worst case: each placeholder at its realistic longest (customer values at the text-safety cap,
// amounts at 10 characters, the shop's longest product name), counted as the sender would send it; placeholders
// that can switch the message to UCS-2; typographic characters and emoji with their one-click fix.
import { renderMessage } from '#domain/template';
import { smsLength } from '#domain/sms-length';
import { CUSTOMER_VALUE_MAX } from '#domain/text-safety';
import { AMOUNT_MAX, fixTypography, longestValueOf, typographicCharacters, worstCase } from '#domain/worst-case';

describe('longest values', () => {
  it('takes customer values at the cap text-safety puts on them, and amounts at 10 characters', () => {
    expect(longestValueOf('delivery_street', {}, 'ul. Prosta 12/4')).toEqual({ length: CUSTOMER_VALUE_MAX, mayBeUnicode: true });
    expect(CUSTOMER_VALUE_MAX).toBe(40);
    expect(longestValueOf('sum', {}, '123,45')).toEqual({ length: AMOUNT_MAX, mayBeUnicode: false });
    expect(AMOUNT_MAX).toBe(10);
  });

  it("takes the shop's own longest value when the admin API gave it, the sample otherwise", () => {
    expect(longestValueOf('product_name', { product_name: 'Koszulka bawełniana' }, 'T-shirt')).toMatchObject({
      value: 'Koszulka bawełniana',
      mayBeUnicode: true,
    });
    expect(longestValueOf('product_name', {}, 'T-shirt sportowy Hawaii')).toMatchObject({ length: 23, mayBeUnicode: false });
  });
});

describe('worst case', () => {
  it('counts a street of 40 characters: a one-part template can need two parts', () => {
    // 120 characters of the merchant's own text plus a 40-character street: 160 with the sample, more at worst.
    const text = `${'Paczka jedzie. '.repeat(8)}{delivery_street}`;
    const sample = smsLength(text.replace('{delivery_street}', 'ul. Prosta 12/4'));
    expect(sample.parts).toBe(1);
    const worst = worstCase('order-status', text, { replaceSpecialCharacters: true });
    expect(worst.length.characters).toBe(120 + 40);
    expect(worst.parts).toBe(1);
    const longer = worstCase('order-status', `${text}!`, { replaceSpecialCharacters: true });
    expect(longer.parts).toBe(2);
    expect(longer.unicodeRisks).toEqual([]);
  });

  it('with replacement off, a Polish letter in a city switches the message to UCS-2 and the warning names it', () => {
    const text = 'Zamowienie {order_id} jedzie do {delivery_city}. Kwota {sum} {currency}';
    const worst = worstCase('order-status', text, { replaceSpecialCharacters: false });
    expect(worst.unicodeRisks).toEqual(['delivery_city']);
    expect(worst.length.encoding).toBe('UCS-2');
    // 31 characters of text + 10 + 40 + 10 + 3 = 94 > 70: two parts in UCS-2, one in GSM-7.
    expect(worst.parts).toBe(2);
    expect(worst.partsAsGsm).toBe(1);
    // The sender would really send that much: a Łódź street of 40 characters renders to two UCS-2 parts.
    const real = renderMessage('order-status', text, {
      order_id: '1234567890',
      delivery_city: 'Łódź Bałuty Zielona Górka Wschodnia Część',
      sum: '1234567,89',
      currency: 'PLN',
    });
    expect(smsLength(real).parts).toBe(2);
  });

  it('no warning when the template is Unicode already, or when replacement makes every value plain', () => {
    expect(worstCase('order-status', 'Zamówienie do {delivery_city}', { replaceSpecialCharacters: false }).unicodeRisks).toEqual([]);
    expect(worstCase('order-status', 'Zamowienie do {delivery_city}', { replaceSpecialCharacters: true }).unicodeRisks).toEqual([]);
  });

  it("counts {product_name} at the shop's longest active product name", () => {
    const text = 'Produkt {product_name} jest znow dostepny w {shop_name}!';
    const short = worstCase('back-in-stock', text, { replaceSpecialCharacters: true, shop: { product_name: 'Kubek', shop_name: 'Sklep' } });
    const long = worstCase('back-in-stock', text, {
      replaceSpecialCharacters: true,
      shop: { product_name: 'Zestaw '.repeat(20).trim(), shop_name: 'Sklep' },
    });
    expect(short.parts).toBe(1);
    expect(long.length.characters).toBeGreaterThan(160);
    expect(long.parts).toBe(2);
  });

  it('is capped like the sender: never more than the preview parts plus one, and says it shortens', () => {
    const worst = worstCase('back-in-stock', '{product_name}', { replaceSpecialCharacters: true, shop: { product_name: 'x'.repeat(900) } });
    expect(worst.length.parts).toBe(6);
    expect(worst.parts).toBe(2);
    expect(worst.shortened).toBe(true);
  });
});

describe('typography', () => {
  it('flags typographic quotes, dashes, the ellipsis, odd spaces and emoji, each once', () => {
    const found = typographicCharacters('„Dziękujemy” — zamówienie… gotowe 😊 😊\u00A0ok');
    expect(found.map((f) => [f.character, f.kind])).toEqual([
      ['😊', 'emoji'],
      ['„', 'quote'],
      ['”', 'quote'],
      ['—', 'dash'],
      ['…', 'ellipsis'],
      ['\u00A0', 'space'],
    ]);
    expect(typographicCharacters('Plain "quotes" - and ... dots')).toEqual([]);
  });

  it('the one-click fix leaves plain characters only, and a GSM-7 text stays 160 a part', () => {
    const fixed = fixTypography('„Hej” – paczka już jedzie… 😊 Do zobaczenia 🚚!');
    expect(fixed).toBe('"Hej" - paczka już jedzie... :) Do zobaczenia!');
    const plain = fixTypography('„Paczka” — w drodze… 🚚 👍🏽 🇵🇱 ok');
    expect(plain).toBe('"Paczka" - w drodze... ok');
    expect(smsLength(plain).encoding).toBe('GSM-7');
  });
});
