// What a template can cost at worst: every placeholder at its realistic longest (a customer's street at the cap
// text-safety puts on it, an amount of 10 characters, the shop's longest product name), counted the way the
// sender renders and sends it; which placeholders can switch the message to UCS-2; and the typographic
// characters (quotes, dashes, ellipsis, emoji) that cost the same, with their plain twins.
import { CUSTOMER_VALUES, sampleValues, withStopLink, type MessageKind } from './placeholders';
import { DEFAULT_MAX_PARTS, isGsm7, smsLength, type SmsLength } from './sms-length';
import { plainTwinOf, replaceSpecialCharacters } from './special-characters';
import { renderSample, renderTemplate, usedPlaceholders } from './template';
import { CUSTOMER_VALUE_MAX, EMAIL_VALUE_MAX } from './text-safety';

/** "1234567,89": an amount as formatMoney writes it, long enough for any real order. */
export const AMOUNT_MAX = 10;
/** Shoper's order and product ids are numbers: ten digits is far beyond any shop. */
export const ID_MAX = 10;

const AMOUNTS = new Set(['sum', 'shipping_cost', 'total_cost', 'price']);
const IDS = new Set(['order_id', 'product_id']);

/** The shop's own values the admin API reads from its catalogue (GET /api/composer/longest-values): the longest of each. */
export type ShopLongestValues = Partial<Record<'product_name' | 'status_name' | 'shipping_name' | 'shop_name' | 'currency', string>>;

export interface LongestValue {
  /** In characters (code points). */
  length: number;
  /** The real value when it is known (the shop's longest product name); otherwise a filler of `length` is counted. */
  value?: string;
  /** The value can hold a character outside GSM-7 (a customer's "Łódź", a product named "Bawełna"). */
  mayBeUnicode: boolean;
}

/** How long a placeholder's value can realistically be, and whether it can carry a Polish letter. */
export function longestValueOf(name: string, shop: ShopLongestValues, sample: string | undefined): LongestValue {
  const customer = Object.hasOwn(CUSTOMER_VALUES, name) ? CUSTOMER_VALUES[name] : undefined;
  if (customer === 'email') return { length: EMAIL_VALUE_MAX, mayBeUnicode: false };
  if (customer) return { length: CUSTOMER_VALUE_MAX, mayBeUnicode: true };
  if (AMOUNTS.has(name)) return { length: AMOUNT_MAX, mayBeUnicode: false };
  if (IDS.has(name)) return { length: ID_MAX, mayBeUnicode: false };
  const known = Object.hasOwn(shop, name) ? shop[name as keyof ShopLongestValues] : undefined;
  const value = known ?? sample ?? '';
  return { length: Array.from(value).length, value, mayBeUnicode: !isGsm7(value) };
}

export interface WorstCase {
  /** What the worst case costs (after the sender's shortening: see `shortened`). */
  length: SmsLength;
  /** Parts the message takes at worst. */
  parts: number;
  /** The longest values would need more parts than the sender allows this template: it shortens them to `parts`. */
  shortened: boolean;
  /** Placeholders whose value can switch an otherwise GSM-7 message to UCS-2 (only with replacement off). */
  unicodeRisks: string[];
  /** Parts at worst if no value switched the message to UCS-2 (what "Zastąp znaki specjalne" would cost). */
  partsAsGsm: number;
}

export interface WorstCaseOptions {
  replaceSpecialCharacters: boolean;
  maxParts?: number;
  /** The shop's longest values; a value not known (yet) is counted at the kind's sample. */
  shop?: ShopLongestValues;
  /** Where short links live: a link is counted at its real (fixed) length. */
  linkBase?: string;
  /** The shop's automatic opt-out line on marketing SMS: counted too. */
  autoStopLink?: boolean;
}

/**
 * The template with every placeholder at its longest, counted as it would go out. The sender (template.ts
 * renderMessage) never lets a message grow beyond the parts of its preview plus one: the worst case is capped the
 * same way, and says so.
 */
export function worstCase(kind: MessageKind, typed: string, options: WorstCaseOptions): WorstCase {
  const maxParts = options.maxParts ?? DEFAULT_MAX_PARTS;
  const text = withStopLink(kind, typed, options.autoStopLink ?? false);
  const used = usedPlaceholders(text);
  const values: Record<string, string> = {};
  const unicodeRisks: string[] = [];
  const samples = sampleValues(kind, { linkBase: options.linkBase });
  for (const name of used) {
    const longest = longestValueOf(name, options.shop ?? {}, samples[name]);
    // A filler of GSM-7 letters: whether a value can switch the encoding is decided apart, below.
    values[name] = longest.value ?? 'x'.repeat(longest.length);
    if (longest.mayBeUnicode) unicodeRisks.push(name);
  }
  const rendered = renderTemplate(text, values);
  const counted = options.replaceSpecialCharacters ? replaceSpecialCharacters(rendered) : rendered;
  const ownText = options.replaceSpecialCharacters ? replaceSpecialCharacters(text) : text;
  // With replacement on, a Polish letter in a value becomes its plain twin: no value can switch the encoding.
  const risks = options.replaceSpecialCharacters || !isGsm7(ownText) ? [] : unicodeRisks;
  const asGsm = smsLength(counted, { maxParts });
  const raw = risks.length > 0 ? smsLength(counted, { maxParts, asUcs2: true }) : asGsm;
  const budget = (encoding: SmsLength['encoding']) =>
    Math.max(
      1,
      Math.min(
        maxParts,
        smsLength(renderSample(kind, text, { linkBase: options.linkBase }), { maxParts, asUcs2: encoding === 'UCS-2' }).parts + 1,
      ),
    );
  const allowed = budget(raw.encoding);
  return {
    length: raw,
    parts: Math.min(raw.parts, allowed),
    shortened: raw.parts > allowed,
    unicodeRisks: risks,
    partsAsGsm: Math.min(asGsm.parts, budget(asGsm.encoding)),
  };
}

export type TypographyKind = 'quote' | 'dash' | 'ellipsis' | 'space' | 'emoji';

export interface TypographicCharacter {
  character: string;
  kind: TypographyKind;
  /** What the one-click fix puts in its place ('' for an emoji without a plain form). */
  replacement: string;
}

const QUOTES = new Set(Array.from('‘’‚‛“”„‟«»‹›′″`´ʼ'));
const DASHES = new Set(Array.from('‐‑‒–—―−\u00AD'));
const SPACES = new Set(Array.from('\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000'));
// One emoji as a reader sees it: a pictograph or a flag, with its skin tone, variation selector and ZWJ parts.
const EMOJI_SEQUENCE = String.raw`(?:\p{Regional_Indicator}{2}|\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F\u20E3]*(?:\u200D\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]*)*)`;
const EMOJI_WITH_SPACES = new RegExp(`( ?)(${EMOJI_SEQUENCE})( ?)`, 'gu');
// The few emoji with a plain form every phone shows; any other is taken out.
const EMOJI_TWINS: Readonly<Record<string, string>> = {
  '🙂': ':)',
  '😊': ':)',
  '☺': ':)',
  '☺\uFE0F': ':)',
  '😀': ':D',
  '😃': ':D',
  '😄': ':D',
  '😁': ':D',
  '😉': ';)',
  '🙁': ':(',
  '😞': ':(',
  '❤': '<3',
  '❤\uFE0F': '<3',
  '♥': '<3',
  '♥\uFE0F': '<3',
};

/** Each distinct emoji, then each distinct typographic character, in order of appearance. */
export function typographicCharacters(text: string): TypographicCharacter[] {
  const found: TypographicCharacter[] = [];
  const add = (character: string, kind: TypographyKind, replacement: string) => {
    if (!found.some((f) => f.character === character)) found.push({ character, kind, replacement });
  };
  for (const match of text.matchAll(new RegExp(EMOJI_SEQUENCE, 'gu'))) add(match[0], 'emoji', EMOJI_TWINS[match[0]] ?? '');
  for (const character of text.replace(new RegExp(EMOJI_SEQUENCE, 'gu'), '')) {
    if (QUOTES.has(character)) add(character, 'quote', plainTwinOf(character) ?? "'");
    else if (DASHES.has(character)) add(character, 'dash', plainTwinOf(character) ?? '-');
    else if (character === '…') add(character, 'ellipsis', '...');
    else if (SPACES.has(character)) add(character, 'space', ' ');
  }
  return found;
}

/** The one-click fix: every typographic character becomes its plain twin; an emoji without one goes, with a space. */
export function fixTypography(text: string): string {
  const withoutEmoji = text.replace(EMOJI_WITH_SPACES, (_whole, before: string, emoji: string, after: string) => {
    const twin = EMOJI_TWINS[emoji];
    if (twin !== undefined) return `${before}${twin}${after}`;
    return before && after ? ' ' : '';
  });
  let result = '';
  for (const character of withoutEmoji) {
    if (QUOTES.has(character) || DASHES.has(character) || SPACES.has(character) || character === '…') {
      result += plainTwinOf(character) ?? (character === '…' ? '...' : DASHES.has(character) ? '-' : QUOTES.has(character) ? "'" : ' ');
    } else result += character;
  }
  return result;
}
