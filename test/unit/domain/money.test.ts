// Amounts as a Polish customer reads them: "123,45".
import { formatMoney } from '#domain/money';

describe('formatMoney', () => {
  it.each<[number | string, string]>([
    ['123.45', '123,45'],
    ['123.4', '123,40'],
    ['123', '123,00'],
    ['0', '0,00'],
    ['0.00', '0,00'],
    ['1234.5', '1234,50'],
    ['1234567.89', '1234567,89'],
    [' 99.99 ', '99,99'],
    ['12,5', '12,50'],
    ['12.', '12,00'],
    ['007.10', '7,10'],
    ['1.005', '1,01'],
    ['1.004', '1,00'],
    ['9.995', '10,00'],
    ['99.999', '100,00'],
    ['0.001', '0,00'],
    ['-5.5', '-5,50'],
    ['-0.001', '0,00'],
    ['+3', '3,00'],
    [123.45, '123,45'],
    [10, '10,00'],
    [0.1 + 0.2, '0,30'],
    [1.005, '1,01'],
    [-2.5, '-2,50'],
    [1e-7, '0,00'],
  ])('%j -> %s', (amount, expected) => {
    expect(formatMoney(amount)).toBe(expected);
  });

  it.each<[number | string]>([[''], ['abc'], ['12.3.4'], ['1 234,50'], ['.5'], ['12zł'], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'gives empty text for an amount it cannot read: %j',
    (amount) => {
      expect(formatMoney(amount)).toBe('');
    },
  );
});
