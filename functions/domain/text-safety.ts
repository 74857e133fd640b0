// Characters and strings that have no business in an SMS: what a merchant may not save in a template, and how a
// value a customer typed (a name, a street, an e-mail) is cleaned and capped before it goes into a message.

/** How a customer value is treated: names and addresses lose links and e-mail addresses; an e-mail stays one. */
export type CustomerValueKind = 'name' | 'address' | 'email';

/** The longest a customer value may be in a message: a real name or street fits, a pasted paragraph does not. */
export const CUSTOMER_VALUE_MAX = 40;

// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what the reader sees; the
// Arabic letter mark and LRM/RLM steer it too.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// C0 and C1 controls and DEL (tab and line breaks are handled apart), zero-width characters, BOM, line and
// paragraph separators.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2028\u2029\u2060\uFEFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type ForbiddenCharacterKind = 'NUL' | 'CONTROL' | 'BIDI' | 'LONE_SURROGATE';

export interface ForbiddenCharacter {
  kind: ForbiddenCharacterKind;
  /** UTF-16 index, as a textarea counts. */
  position: number;
  /** `U+202E` */
  codePoint: string;
}

/** What each forbidden character is called in the merchant's messages. */
export const FORBIDDEN_CHARACTER_NAMES: Record<ForbiddenCharacterKind, { pl: string; en: string }> = {
  NUL: { pl: 'znak NUL', en: 'a NUL character' },
  CONTROL: { pl: 'niewidoczny znak sterujący', en: 'an invisible control character' },
  BIDI: { pl: 'znak zmieniający kierunek tekstu', en: 'a character that reverses the text direction' },
  LONE_SURROGATE: { pl: 'połowa znaku (uszkodzone emoji)', en: 'half a character (a broken emoji)' },
};

const codePointOf = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first character a template may not hold: NUL, other control characters (line breaks and tabs are fine),
 * a lone surrogate (half an emoji: SMSAPI and phones show garbage) or a bidi control (it can make a message read
 * differently from what was typed).
 */
export function findForbiddenCharacter(text: string): ForbiddenCharacter | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const character = text[i]!;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { kind: 'LONE_SURROGATE', position: i, codePoint: codePointOf(unit) };
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return { kind: 'LONE_SURROGATE', position: i, codePoint: codePointOf(unit) };
    if (unit === 0) return { kind: 'NUL', position: i, codePoint: codePointOf(unit) };
    if (BIDI.test(character)) return { kind: 'BIDI', position: i, codePoint: codePointOf(unit) };
    if (INVISIBLE.test(character)) return { kind: 'CONTROL', position: i, codePoint: codePointOf(unit) };
  }
  return undefined;
}

const global = (re: RegExp) => new RegExp(re.source, 'gu');
const BIDI_ALL = global(BIDI);
const INVISIBLE_ALL = global(INVISIBLE);
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');

// Links: anything with a scheme, anything starting with www., and a host name followed by a path, a port or a
// query (`sklep-pl.info/a`, `evil.pl:8080`), or ending in a top-level domain seen in SMS phishing. A street
// written without a space ("Al.Jerozolimskie", "ul.Prosta") is none of these.
const TLDS =
  'pl|com|net|org|eu|info|biz|io|co|me|ly|app|dev|link|click|top|xyz|site|online|shop|store|live|icu|cc|tk|ml|ga|cf|gq|gl|gd|to|ws|su|ru|cn|de|uk|us|fr|it|es|cz|sk|ua|lt|lv|ee|nl|be|at|ch|se|no|dk|fi|hu|ro|bg|gr|pt|ie|in|tv|fm|am|is|im|ai|gg|pw|page|win|vip|cfd|sbs|bond|lol|one|pro|mobi|name|tech|space|website|fun|club|zip|mov';
const URL_LIKE = new RegExp(
  [
    String.raw`[a-z][a-z0-9+.-]*:\/\/\S*`,
    String.raw`www\.\S*`,
    String.raw`[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?:[\/:?#]\S*)`,
    String.raw`[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:${TLDS})(?![\p{L}\p{N}-])\S*`,
  ].join('|'),
  'giu',
);
const EMAIL_LIKE = /\S+@\S+/gu;
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}$/;

/** Cuts to `max` code points (never half an emoji) and trims the cut end. */
export function capCodePoints(value: string, max: number): string {
  const points = Array.from(value);
  return points.length <= max ? value : points.slice(0, max).join('').trimEnd();
}

/** A value with every invisible, control and bidi character removed and every run of whitespace made one space. */
export function stripUnsafeCharacters(value: string): string {
  return value
    .replace(LONE_SURROGATE_ALL, '')
    .replace(BIDI_ALL, '')
    .replace(/[\t\n\r]/g, ' ')
    .replace(INVISIBLE_ALL, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * A customer value as it may appear in an SMS: invisible, control and bidi characters out; from names and
 * addresses every link and e-mail address out too (the shop's sender name must not carry a stranger's link);
 * an e-mail value only when it is one plain address; at most CUSTOMER_VALUE_MAX characters.
 */
export function cleanCustomerValue(value: string, kind: CustomerValueKind): string {
  const plain = stripUnsafeCharacters(value);
  if (kind === 'email') return EMAIL.test(plain) && plain.length <= 64 ? plain : '';
  const withoutLinks = plain.replace(EMAIL_LIKE, ' ').replace(URL_LIKE, ' ').replace(/\s+/gu, ' ').trim();
  // What is left of a removed link ("Anna ( )", "-") is noise too.
  const tidy = /[\p{L}\p{N}]/u.test(withoutLinks) ? withoutLinks : '';
  return capCodePoints(tidy, CUSTOMER_VALUE_MAX);
}
