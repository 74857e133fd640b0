// Templates: what the merchant is told about a text before saving it, and what the customer receives.
import { renderSample, renderTemplate, usedPlaceholders, validateTemplate } from '#domain/template';

describe('validateTemplate', () => {
  it("accepts a template using only its kind's parameters", () => {
    expect(validateTemplate('owner-new-order', 'Nowe zamówienie {order_id}. Kwota zamówienia: {sum} {currency}')).toEqual([]);
  });

  it.each(['', '   ', '\n\t'])('reports an empty template (%j)', (text) => {
    expect(validateTemplate('order-status', text)).toEqual([{ code: 'TEMPLATE_EMPTY' }]);
  });

  it('names each unknown parameter once, with braces, in order of use', () => {
    const issues = validateTemplate('order-status', '{product_name} {foo} {order_id} {foo} {price}');
    expect(issues).toEqual([
      { code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', placeholder: '{product_name}' },
      { code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', placeholder: '{foo}' },
      { code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', placeholder: '{price}' },
    ]);
  });

  it('judges parameters by kind: {email} is fine for abandoned carts only', () => {
    expect(validateTemplate('abandoned-cart', 'Hej {name}, {email}')).toEqual([]);
    expect(validateTemplate('order-status', 'Hej {name}, {email}')).toEqual([
      { code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', placeholder: '{email}' },
    ]);
  });

  it('reports a parameter without its closing brace, at the brace position', () => {
    expect(validateTemplate('order-status', 'Zamowienie {order_id gotowe')).toEqual([{ code: 'TEMPLATE_UNCLOSED_BRACE', position: 11 }]);
    expect(validateTemplate('order-status', 'Kwota {sum')).toEqual([{ code: 'TEMPLATE_UNCLOSED_BRACE', position: 6 }]);
  });

  it.each(['Kod: { }', 'Wpisz [KOD] i {Uwaga}', 'Emotka :-{', '{{', '} {} {1}'])(
    'treats braces that do not form a parameter as plain text: %j',
    (text) => {
      expect(validateTemplate('order-status', text)).toEqual([]);
    },
  );

  it('judges length on the text with sample values, against 6 parts by default', () => {
    const fits = 'a'.repeat(918 - 4) + '{order_id}'; // order_id sample is 4 digits: exactly 918 septets
    expect(validateTemplate('order-status', fits)).toEqual([]);
    expect(validateTemplate('order-status', `${fits}a`)).toEqual([{ code: 'TEMPLATE_TOO_LONG', parts: 7, maxParts: 6 }]);
  });

  it('honours a configured part limit', () => {
    expect(validateTemplate('test', 'a'.repeat(161), { maxParts: 1 })).toEqual([{ code: 'TEMPLATE_TOO_LONG', parts: 2, maxParts: 1 }]);
  });

  it('judges length after replacing special characters when the shop has that switched on', () => {
    const text = 'ą'.repeat(402) + 'ą'; // 403 UCS-2 units: 7 parts; replaced: 403 septets, 3 parts
    expect(validateTemplate('test', text)).toEqual([{ code: 'TEMPLATE_TOO_LONG', parts: 7, maxParts: 6 }]);
    expect(validateTemplate('test', text, { replaceSpecialCharacters: true })).toEqual([]);
  });

  it('reports every problem at once', () => {
    const issues = validateTemplate('test', `{order_id} {shop_name ${'x'.repeat(1000)}`);
    expect(issues.map((issue) => issue.code)).toEqual(['TEMPLATE_UNKNOWN_PLACEHOLDER', 'TEMPLATE_UNCLOSED_BRACE', 'TEMPLATE_TOO_LONG']);
  });
});

describe('renderTemplate', () => {
  it('puts values in place of parameters, every occurrence', () => {
    expect(
      renderTemplate('Zamówienie {order_id}: {sum} {currency} ({order_id})', {
        order_id: '165',
        sum: '0,00',
        currency: 'zł',
      }),
    ).toBe('Zamówienie 165: 0,00 zł (165)');
  });

  it('renders a parameter without a value as empty text', () => {
    expect(renderTemplate('Dzień dobry {name}!', {})).toBe('Dzień dobry !');
    expect(renderTemplate('Dzień dobry {name}!', { name: undefined })).toBe('Dzień dobry !');
  });

  it('leaves braces that are not parameters as they are', () => {
    expect(renderTemplate('Kod { } [KOD] {Uwaga} {sum', { sum: '1' })).toBe('Kod { } [KOD] {Uwaga} {sum');
  });

  it('does not expand parameters found inside values', () => {
    expect(renderTemplate('{name} {shop_name}', { name: '{shop_name}', shop_name: 'Sklep' })).toBe('{shop_name} Sklep');
  });

  it('ignores names inherited from Object.prototype', () => {
    expect(renderTemplate('{constructor}{to_string}', {})).toBe('');
  });
});

describe('usedPlaceholders', () => {
  it('lists parameter names once, in order of first use, without braces', () => {
    expect(usedPlaceholders('{sum} {order_id} {sum} {Uwaga} {x')).toEqual(['sum', 'order_id']);
  });
});

describe('renderSample', () => {
  it('shows the template with sample values', () => {
    expect(renderSample('back-in-stock', '{product_name} za {price} {currency}')).toBe('T-shirt sportowy Hawaii za 79,99 PLN');
  });
});
