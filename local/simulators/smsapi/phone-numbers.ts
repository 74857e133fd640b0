// Recipient numbers as SMSAPI reads them: optional '+' or '00', separators ignored, 9 digits mean Poland.

const SEPARATORS = /[\s\-().]/g;

/** The number in international digits (e.g. 48500100200), or null when it is not a valid mobile number. */
export function toInternationalNumber(submitted: string): string | null {
  const compact = submitted.replace(SEPARATORS, '');
  let international: string;
  if (compact.startsWith('+')) international = compact.slice(1);
  else if (compact.startsWith('00')) international = compact.slice(2);
  else if (compact.length === 9) international = `48${compact}`;
  else international = compact;

  if (!/^[1-9][0-9]+$/.test(international)) return null;
  if (international.startsWith('48')) {
    // Polish numbers: 9 national digits, the first one never 0.
    return /^48[1-9][0-9]{8}$/.test(international) ? international : null;
  }
  return international.length >= 10 && international.length <= 15 ? international : null;
}

/** Splits the `to` parameter (comma separated; arrays from JSON bodies are joined before). */
export function splitRecipients(to: string): string[] {
  return to
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
}

/** Last three digits only: the simulator logs never carry whole numbers. */
export function maskNumber(number: string): string {
  return `***${number.slice(-3)}`;
}
