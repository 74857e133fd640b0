// The composer's counter must show exactly what the backend computes (the sender and the save-time check use
// sms-length and special-characters too), in the manual's words, for texts that trip naive counters.
import { smsLength } from '#domain/sms-length';
import { replaceSpecialCharacters } from '#domain/special-characters';
import { composerFigures, counterLabel, smsCount } from '../../../frontend/app/composer/counter';
import { locale } from '../../../frontend/app/i18n';

const TRICKY: [name: string, text: string][] = [
  ['empty', ''],
  ['plain, one part exactly', 'a'.repeat(160)],
  ['plain, one over', 'a'.repeat(161)],
  ['plain, three full parts', 'b'.repeat(153 * 3)],
  ['euro sign counts two septets', '€'.repeat(80)],
  ['extension character straddling a part boundary', `${'x'.repeat(152)}{${'y'.repeat(10)}`],
  ['braces of placeholders are extension characters', 'Nowe zamowienie {order_id}. Kwota: {sum} {currency}'],
  ['Polish letters force UCS-2', 'Zażółć gęślą jaźń'],
  ['UCS-2 exactly 70', 'ą'.repeat(70)],
  ['UCS-2 one over 70', 'ą'.repeat(71)],
  ['emoji are two UTF-16 units and never split', `${'x'.repeat(66)}😀😀`],
  ['CRLF and tabs', 'Linia 1\r\nLinia 2\tkoniec'],
  ['manual owner example', 'Nowe zamówienie {order_id}. Kwota zamówienia: {sum} w {currency}'],
  [
    'manual status example',
    'Dzien dobry!\nPotwierdzamy złożenie zamówienia numer {order_id} na kwote {sum} {currency}.\nPozdrawiamy, zespół {shop_name}.',
  ],
  ['typographic quotes and dashes', '„Cudzysłów” – myślnik… ‘apostrof’'],
  ['Ł is not decomposable', 'ŁÓDŹ łódź'],
  ['too long for six parts', 'z'.repeat(153 * 6 + 1)],
];

describe.each([false, true])('with "Zastąp znaki specjalne" %s', (replace) => {
  test.each(TRICKY)('%s: parts and room left equal the backend smsLength', (_name, text) => {
    const counted = replace ? replaceSpecialCharacters(text) : text;
    const backend = smsLength(counted);
    const figures = composerFigures('order-status', text, { replaceSpecialCharacters: replace });
    expect(figures.counted).toBe(counted);
    expect(figures.template).toEqual(backend);
    // The label carries the same figures (an empty box shows the manual's "1 SMS, 160 …").
    locale.value = 'pl';
    expect(counterLabel(figures.template)).toContain(`${Math.max(1, backend.parts)} SMS`);
    expect(counterLabel(figures.template)).toContain(`, ${backend.remainingInPart} znak`);
  });
});

describe('the counter in the manual’s words', () => {
  beforeEach(() => {
    locale.value = 'pl';
  });

  test('the manual’s new-order example reads "1 SMS, 6 znaków do końca części" and names ó', () => {
    const figures = composerFigures('owner-new-order', 'Nowe zamówienie {order_id}. Kwota zamówienia: {sum} w {currency}', {
      replaceSpecialCharacters: false,
    });
    expect(counterLabel(figures.template)).toBe('1 SMS, 6 znaków do końca części');
    expect(figures.template.specialCharacters).toEqual(['ó']);
  });

  test('an empty box reads "1 SMS, 160 znaków do końca części" as in the manual', () => {
    expect(counterLabel(composerFigures('back-in-stock', '', { replaceSpecialCharacters: false }).template)).toBe(
      '1 SMS, 160 znaków do końca części',
    );
  });

  test('replacing special characters brings a Polish text back to GSM-7 and 160 a part', () => {
    const text = 'Zażółć gęślą jaźń';
    expect(counterLabel(composerFigures('order-status', text, { replaceSpecialCharacters: false }).template)).toBe(
      '1 SMS, 53 znaki do końca części',
    );
    const replaced = composerFigures('order-status', text, { replaceSpecialCharacters: true });
    expect(replaced.template.specialCharacters).toEqual([]);
    expect(counterLabel(replaced.template)).toBe('1 SMS, 143 znaki do końca części');
  });

  test('Polish plural forms: SMS / SMS-y / SMS-ów and znak / znaki / znaków', () => {
    expect(smsCount(1)).toBe('1 SMS');
    expect(smsCount(2)).toBe('2 SMS-y');
    expect(smsCount(4)).toBe('4 SMS-y');
    expect(smsCount(5)).toBe('5 SMS-ów');
    expect(smsCount(12)).toBe('12 SMS-ów');
    expect(smsCount(22)).toBe('22 SMS-y');
    expect(counterLabel(smsLength('a'.repeat(159)))).toBe('1 SMS, 1 znak do końca części');
    expect(counterLabel(smsLength('a'.repeat(158)))).toBe('1 SMS, 2 znaki do końca części');
    expect(counterLabel(smsLength('a'.repeat(148)))).toBe('1 SMS, 12 znaków do końca części');
    expect(counterLabel(smsLength('a'.repeat(161)))).toBe('2 SMS-y, 145 znaków do końca części');
  });

  test('English when the locale is English', () => {
    locale.value = 'en';
    expect(counterLabel(smsLength('a'.repeat(159)))).toBe('1 SMS, 1 character left in this part');
    locale.value = 'pl';
  });

  test('the preview fills sample values and is counted on its own', () => {
    const figures = composerFigures('owner-new-order', 'Nowe zamowienie {order_id} na {sum} {currency}', {
      replaceSpecialCharacters: false,
    });
    expect(figures.preview).toBe('Nowe zamowienie 1234 na 123,45 PLN');
    expect(figures.previewLength).toEqual(smsLength('Nowe zamowienie 1234 na 123,45 PLN'));
  });

  test('an unknown placeholder is flagged before saving, like the backend would', () => {
    const figures = composerFigures('back-in-stock', 'Hej {order_id}', { replaceSpecialCharacters: false });
    expect(figures.issues).toEqual([{ code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', placeholder: '{order_id}' }]);
  });
});
