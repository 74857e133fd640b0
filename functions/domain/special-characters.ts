// "Zastąp znaki specjalne": turns Polish and other Latin letters with diacritics, typographic quotes and
// dashes into their GSM-7 look-alikes, so a message keeps 160 characters a part instead of 70.

import { gsm7Septets } from '#domain/sms-length';

// Letters that Unicode decomposition cannot simplify (Ł/ł, Đ, Ø-like ligatures) or that decompose into
// something that is still not GSM-7, plus punctuation and spaces with a plain ASCII twin.
const EXPLICIT: Readonly<Record<string, string>> = {
  // Polish: spelled out although most decompose, because Ł/ł do not and these matter most.
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ó: 'o',
  ś: 's',
  ź: 'z',
  ż: 'z',
  Ą: 'A',
  Ć: 'C',
  Ę: 'E',
  Ł: 'L',
  Ń: 'N',
  Ó: 'O',
  Ś: 'S',
  Ź: 'Z',
  Ż: 'Z',
  // Other Latin letters without a decomposition.
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  Þ: 'Th',
  þ: 'th',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŀ: 'L',
  ŀ: 'l',
  Ŧ: 'T',
  ŧ: 't',
  Œ: 'OE',
  œ: 'oe',
  ĸ: 'k',
  ſ: 's',
  ẞ: 'SS',
  Ŋ: 'N',
  ŋ: 'n',
  Ɨ: 'I',
  ƚ: 'l',
  Ĳ: 'IJ',
  ĳ: 'ij',
  ŉ: "'n",
  // ç is not in the alphabet (only Ç is); decomposition would give c, which is what readers expect.
  // Quotes, apostrophes and accents.
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '`': "'",
  '´': "'",
  ʼ: "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '‹': "'",
  '›': "'",
  // Dashes, hyphens, minus.
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '­': '',
  // Dots, bullets and other symbols with an obvious ASCII form.
  '…': '...',
  '•': '*',
  '·': '.',
  '×': 'x',
  '÷': '/',
  '¢': 'c',
  '©': '(c)',
  '®': '(R)',
  '™': 'TM',
  '°': 'o',
  '№': 'No',
  '½': '1/2',
  '¼': '1/4',
  '¾': '3/4',
  '¦': '|',
  '±': '+/-',
  // Spaces: tab and every Unicode space become a plain space; zero-width characters vanish.
  '\t': ' ',
  '\u00A0': ' ',
  '\u2000': ' ',
  '\u2001': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200A': ' ',
  '\u202F': ' ',
  '\u205F': ' ',
  '\u3000': ' ',
  '\u200B': '',
  '\u200C': '',
  '\u200D': '',
  '\u2060': '',
  '\uFEFF': '',
  // Line and paragraph separators become a newline, which GSM-7 has.
  '\u2028': '\n',
  '\u2029': '\n',
};

const COMBINING_DIACRITICS = /[\u0300-\u036F]/g;
const LONE_COMBINING_DIACRITIC = /^[\u0300-\u036F]$/;

function isAllGsm7(text: string): boolean {
  for (const character of text) {
    if (gsm7Septets(character) === undefined) return false;
  }
  return true;
}

/** The plain GSM-7 twin the replacement table gives one character (a quote, a dash, a space…), if it has one. */
export const plainTwinOf = (character: string): string | undefined => EXPLICIT[character];

function replaceCharacter(character: string): string {
  if (gsm7Septets(character) !== undefined) return character;
  const explicit = EXPLICIT[character];
  if (explicit !== undefined) return explicit;
  // A diacritic left over after NFC (nothing to combine with in GSM-7) only forces UCS-2: drop it.
  if (LONE_COMBINING_DIACRITIC.test(character)) return '';
  // Latin letters with accents (Czech ř, Hungarian ő, Romanian ș, Lithuanian ų, ...) lose the accent;
  // compatibility forms (ligatures like ﬁ, fullwidth letters, superscripts) become their plain letters.
  const stripped = character.normalize('NFKD').replace(COMBINING_DIACRITICS, '');
  if (stripped !== '' && stripped !== character && isAllGsm7(stripped)) return stripped;
  // Anything else (emoji, Cyrillic, ...) stays as it is: the message will simply go as UCS-2.
  return character;
}

export function replaceSpecialCharacters(text: string): string {
  // NFC first, so that a letter typed as base + combining mark is treated like the precomposed one
  // (and é written as e + ◌́ stays é, which GSM-7 has).
  let result = '';
  for (const character of text.normalize('NFC')) result += replaceCharacter(character);
  return result;
}
