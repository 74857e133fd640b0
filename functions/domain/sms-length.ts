// The SMS counter shown under every message box ("1 SMS, 28 znaków do końca części"): encoding, parts and
// room left, computed the way the network splits a message (3GPP TS 23.038 / 23.040), so it must be exact.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** User-perceived characters (Unicode code points). */
  characters: number;
  /** Septets for GSM-7 (extension-table characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  /** 0 for empty text. */
  parts: number;
  /** Units left in the current (last) part, against perPart. */
  remainingInPart: number;
  /** 160 / 153 for GSM-7, 70 / 67 for UCS-2 (the second when the message is split). */
  perPart: number;
  /** parts > maxParts: SMSAPI would refuse the message. */
  tooLong: boolean;
  /** Distinct characters that forced UCS-2, in order of appearance (empty for GSM-7). */
  specialCharacters: string[];
}

export const DEFAULT_MAX_PARTS = 6;

const GSM7_SINGLE_PART = 160;
const GSM7_PER_PART = 153;
const UCS2_SINGLE_PART = 70;
const UCS2_PER_PART = 67;

// GSM 03.38 default alphabet, one septet each (LF and CR included; ESC itself is not a character).
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// Extension table: ESC + character, two septets each (form feed included).
const GSM7_EXTENSION = '\f^{}\\[~]|€';

// Built in pure-annotated calls: a bundle that imports this module only for DEFAULT_MAX_PARTS drops the alphabet.
const BASIC_SET = /* @__PURE__ */ (() => new Set(Array.from(GSM7_BASIC)))();
const EXTENSION_SET = /* @__PURE__ */ (() => new Set(Array.from(GSM7_EXTENSION)))();

/** Septets a character takes in GSM-7, or undefined when it is outside the alphabet. */
export function gsm7Septets(character: string): 1 | 2 | undefined {
  if (BASIC_SET.has(character)) return 1;
  if (EXTENSION_SET.has(character)) return 2;
  return undefined;
}

export function isGsm7(text: string): boolean {
  for (const character of text) {
    if (gsm7Septets(character) === undefined) return false;
  }
  return true;
}

/** Distinct characters outside GSM-7, in order of appearance. */
export function specialCharactersIn(text: string): string[] {
  const found: string[] = [];
  for (const character of text) {
    if (gsm7Septets(character) === undefined && !found.includes(character)) found.push(character);
  }
  return found;
}

/**
 * Splits a list of indivisible unit sizes into parts of `perPart` units without cutting any item
 * (an ESC sequence or a surrogate pair), and returns the part count and units in the last part.
 */
function splitIntoParts(sizes: readonly number[], perPart: number): { parts: number; unitsInLast: number } {
  let parts = 1;
  let unitsInLast = 0;
  for (const size of sizes) {
    if (unitsInLast + size > perPart) {
      parts += 1;
      unitsInLast = 0;
    }
    unitsInLast += size;
  }
  return { parts, unitsInLast };
}

/** `asUcs2`: count the text as if a character elsewhere in the message had switched it to UCS-2. */
export function smsLength(text: string, options?: { maxParts?: number; asUcs2?: boolean }): SmsLength {
  const maxParts = options?.maxParts ?? DEFAULT_MAX_PARTS;
  const characters = Array.from(text);
  const specialCharacters = specialCharactersIn(text);
  const encoding: SmsEncoding = specialCharacters.length === 0 && options?.asUcs2 !== true ? 'GSM-7' : 'UCS-2';

  // One entry per code point: its size in units, as it must stay within one part.
  const sizes =
    encoding === 'GSM-7' ? characters.map((character) => gsm7Septets(character) ?? 1) : characters.map((character) => character.length);
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const singlePart = encoding === 'GSM-7' ? GSM7_SINGLE_PART : UCS2_SINGLE_PART;
  const concatenatedPart = encoding === 'GSM-7' ? GSM7_PER_PART : UCS2_PER_PART;

  if (units === 0) {
    return {
      encoding,
      characters: 0,
      units: 0,
      parts: 0,
      remainingInPart: singlePart,
      perPart: singlePart,
      tooLong: false,
      specialCharacters,
    };
  }
  if (units <= singlePart) {
    return {
      encoding,
      characters: characters.length,
      units,
      parts: 1,
      remainingInPart: singlePart - units,
      perPart: singlePart,
      tooLong: 1 > maxParts,
      specialCharacters,
    };
  }
  const { parts, unitsInLast } = splitIntoParts(sizes, concatenatedPart);
  return {
    encoding,
    characters: characters.length,
    units,
    parts,
    remainingInPart: concatenatedPart - unitsInLast,
    perPart: concatenatedPart,
    tooLong: parts > maxParts,
    specialCharacters,
  };
}
