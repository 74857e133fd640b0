// What a customer typed, on its way into an SMS (issue 12, item 3): invisible, control and bidi characters out,
// links and e-mail addresses out of names and addresses, every value capped, and the rendered message no longer
// than its template's own parts plus one (never over SMSAPI's maximum) — the owner's alerts included.
import { CUSTOMER_VALUES } from '#domain/placeholders';
import { smsLength } from '#domain/sms-length';
import { renderMessage, renderTemplate, validateTemplate } from '#domain/template';
import { CUSTOMER_VALUE_MAX, cleanCustomerValue, findForbiddenCharacter } from '#domain/text-safety';

describe('cleanCustomerValue', () => {
  it.each([
    ['Anna https://sklep-promocja.pl/zwrot', 'Anna'],
    ['Anna http://192.0.2.1:8080/x', 'Anna'],
    ['Jan bit.ly/3xYz kliknij', 'Jan kliknij'],
    ['Odbierz zwrot: sklep-pl.info/a', 'Odbierz zwrot:'],
    ['Dopłata 1 zł www.paczka-dopłata.com', 'Dopłata 1 zł'],
    ['Wejdź na evil.pl', 'Wejdź na'],
    ['EVIL.COM.PL', ''],
    ['evil.pl:8443', ''],
    ['Kowalska anna.kowalska@example.com', 'Kowalska'],
    ['napisz: a@b', 'napisz:'],
  ])('a link or an e-mail address is removed from a name: %j -> %j', (value, clean) => {
    expect(cleanCustomerValue(value, 'name')).toBe(clean);
  });

  it.each([
    'ul. Prosta 12/4',
    'Al.Jerozolimskie 123A m. 4',
    'os. Tysiąclecia 5',
    'Łódź',
    '00-950',
    'Bielsko-Biała',
    "O'Neill",
    'Plac 3 Maja 1.2',
  ])('a real name or address stays as written: %j', (value) => {
    expect(cleanCustomerValue(value, 'address')).toBe(value);
  });

  it('removes control, zero-width and bidi characters and lone surrogates, and folds whitespace', () => {
    expect(cleanCustomerValue('An\u0000na\u202E\u2066 No\u200Bwak\n\r\tz\u0007\u0085 \uD83D Łodzi\uFEFF', 'name')).toBe(
      'Anna Nowak z Łodzi',
    );
    // Whole emoji are fine: they are characters, not tricks.
    expect(cleanCustomerValue('Ola 😀', 'name')).toBe('Ola 😀');
  });

  it(`caps every name and address at ${CUSTOMER_VALUE_MAX} characters, never cutting an emoji in half`, () => {
    expect(cleanCustomerValue('Długa '.repeat(200), 'address')).toBe('Długa Długa Długa Długa Długa Długa Dług');
    const emoji = cleanCustomerValue(`${'x'.repeat(CUSTOMER_VALUE_MAX - 1)}😀😀`, 'name');
    expect(Array.from(emoji)).toHaveLength(CUSTOMER_VALUE_MAX);
    expect(findForbiddenCharacter(emoji)).toBeUndefined();
  });

  it('keeps an e-mail value only when it is one plain address', () => {
    expect(cleanCustomerValue(' anna@example.pl ', 'email')).toBe('anna@example.pl');
    expect(cleanCustomerValue('anna@example.pl https://evil.pl', 'email')).toBe('');
    expect(cleanCustomerValue('kliknij evil.pl', 'email')).toBe('');
    expect(cleanCustomerValue(`${'a'.repeat(70)}@example.pl`, 'email')).toBe('');
  });

  it('is what rendering does to every customer placeholder', () => {
    expect(Object.keys(CUSTOMER_VALUES).sort()).toEqual(
      ['delivery_city', 'delivery_country', 'delivery_postcode', 'delivery_street', 'email', 'lastname', 'name'].sort(),
    );
    expect(renderTemplate('{name} {delivery_city}', { name: 'Anna\u202E https://x.pl', delivery_city: 'x'.repeat(500) })).toBe(
      `Anna ${'x'.repeat(40)}`,
    );
    // The shop's own values (a product name) keep their links, but lose invisible characters.
    expect(renderTemplate('{product_name}', { product_name: 'Koszulka\u0000 sklep.pl' })).toBe('Koszulka sklep.pl');
  });
});

describe('renderMessage', () => {
  const OWNER = 'Nowe zamowienie {order_id} od {name}: {delivery_street}, {delivery_postcode} {delivery_city}. Kwota {sum} {currency}';
  const values = {
    order_id: '1201',
    name: 'Anna',
    delivery_street: 'ul. Prosta 12/4',
    delivery_postcode: '00-001',
    delivery_city: 'Warszawa',
    sum: '123,45',
    currency: 'PLN',
  };

  it('leaves an ordinary message as the template renders it', () => {
    expect(renderMessage('owner-new-order', OWNER, values)).toBe(
      'Nowe zamowienie 1201 od Anna: ul. Prosta 12/4, 00-001 Warszawa. Kwota 123,45 PLN',
    );
  });

  it("an owner's alert with a 1,200-character street stays within its template's parts (+1), with the amount intact", () => {
    expect(smsLength(renderTemplate(OWNER, values)).parts).toBe(1);
    const text = renderMessage('owner-new-order', OWNER, { ...values, delivery_street: 'Dluga '.repeat(200), name: 'N'.repeat(300) });
    expect(smsLength(text).parts).toBeLessThanOrEqual(2);
    expect(text).toContain('Kwota 123,45 PLN');
    expect(text).toContain('1201');
  });

  it('a value with Polish letters may switch the message to UCS-2: the budget is counted in that encoding', () => {
    const template = `${'Zamowienie gotowe do odbioru. '.repeat(4)}{delivery_city}`;
    expect(smsLength(renderTemplate(template, { delivery_city: 'Warszawa' })).parts).toBe(1);
    const text = renderMessage('order-status', template, { delivery_city: 'Łódź Bałuty Żółkiewskiego' });
    // 120 GSM characters are two UCS-2 parts; a Polish city name must not cut the merchant's own text.
    expect(text).toBe(`${'Zamowienie gotowe do odbioru. '.repeat(4)}Łódź Bałuty Żółkiewskiego`);
  });

  it('never renders more than maxParts, even when the template alone is near it', () => {
    const template = `${'x'.repeat(150)} {product_name}`;
    const text = renderMessage('back-in-stock', template, { product_name: 'Produkt '.repeat(100) }, { maxParts: 1 });
    expect(smsLength(text).parts).toBe(1);
    expect(text.startsWith('x'.repeat(150))).toBe(true);
  });

  it('cuts the end only when no value can give way, and never inside an emoji', () => {
    const template = `${'😀'.repeat(40)}{order_id}`;
    // 40 emoji are two UCS-2 parts on their own; SMSAPI_MAX_PARTS of 2 leaves no room for the +1.
    const text = renderMessage('owner-new-order', template, { order_id: '1'.repeat(400) }, { maxParts: 2 });
    expect(smsLength(text).parts).toBe(2);
    expect(text.startsWith('😀'.repeat(40))).toBe(true);
    expect(findForbiddenCharacter(text)).toBeUndefined();
  });
});

describe('validateTemplate: forbidden characters', () => {
  it.each([
    ['\u0000', 'NUL', 'U+0000'],
    ['\u0007', 'CONTROL', 'U+0007'],
    ['\u202E', 'BIDI', 'U+202E'],
    ['\u2067', 'BIDI', 'U+2067'],
    ['\uD83D', 'LONE_SURROGATE', 'U+D83D'],
    ['\uDE00', 'LONE_SURROGATE', 'U+DE00'],
  ])('%j is refused with its code point and position', (character, kind, codePoint) => {
    expect(validateTemplate('order-status', `Zamowienie {order_id}${character} gotowe`)).toEqual([
      { code: 'TEMPLATE_FORBIDDEN_CHARACTER', character: kind, codePoint, position: 21 },
    ]);
  });

  it('accepts emoji, line breaks, tabs and Polish letters', () => {
    expect(validateTemplate('order-status', 'Zamówienie {order_id} 😀\n\tgotowe ✓')).toEqual([]);
  });
});
