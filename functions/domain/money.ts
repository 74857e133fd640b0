// Amounts in messages, written the Polish way ("123,45"). Shoper sends amounts as strings ("123.4"), so the
// decimal text is rounded digit by digit instead of through floating point (1.005 must give 1,01).

const DECIMAL = /^([+-]?)(\d+)(?:[.,](\d*))?$/;

/** Adds one to a string of decimal digits ("0999" -> "1000"). */
function incrementDigits(digits: string): string {
  const result = digits.split('');
  for (let index = result.length - 1; index >= 0; index -= 1) {
    if (result[index] === '9') {
      result[index] = '0';
    } else {
      result[index] = String(Number(result[index]) + 1);
      return result.join('');
    }
  }
  return `1${result.join('')}`;
}

function formatDecimalText(sign: string, whole: string, fraction: string): string {
  // Round half away from zero on the third decimal, working on the digits as text.
  const padded = fraction.padEnd(3, '0');
  let cents = `${whole}${padded.slice(0, 2)}`;
  if (Number(padded[2]) >= 5) cents = incrementDigits(cents);
  const trimmed = cents.replace(/^0+(?=\d{3})/, '');
  const integerPart = trimmed.slice(0, -2);
  const decimalPart = trimmed.slice(-2);
  const isZero = /^0+$/.test(trimmed);
  return `${sign === '-' && !isZero ? '-' : ''}${integerPart},${decimalPart}`;
}

/** "123,45" with two decimals and a comma; '' when the amount cannot be read. */
export function formatMoney(amount: number | string): string {
  let text: string;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) return '';
    // Exponent notation (1e21, 1e-7) is outside what a shop sends; toFixed handles it well enough.
    text = /e/i.test(String(amount)) ? amount.toFixed(2) : String(amount);
  } else {
    text = amount.trim();
  }
  const match = DECIMAL.exec(text);
  if (match === null) return '';
  return formatDecimalText(match[1] ?? '', match[2] ?? '0', match[3] ?? '');
}
