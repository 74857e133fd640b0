// Message templates: `{placeholder}` syntax, validation against the kind's allowed parameters, the SMS length
// limit and forbidden characters, and rendering with real values (customer values cleaned, the message kept
// within the parts its template needs).

import {
  CUSTOMER_VALUES,
  isAllowedPlaceholder,
  isLinkPlaceholder,
  sampleValues,
  withStopLink,
  type MessageKind,
} from '#domain/placeholders';
import { DEFAULT_MAX_PARTS, smsLength } from '#domain/sms-length';
import { replaceSpecialCharacters } from '#domain/special-characters';
import {
  capCodePoints,
  cleanCustomerValue,
  findForbiddenCharacter,
  stripUnsafeCharacters,
  type ForbiddenCharacterKind,
} from '#domain/text-safety';

export type TemplateIssue =
  | { code: 'TEMPLATE_UNKNOWN_PLACEHOLDER'; placeholder: string /* with braces */ }
  | { code: 'TEMPLATE_EMPTY' }
  | { code: 'TEMPLATE_TOO_LONG'; parts: number; maxParts: number }
  | { code: 'TEMPLATE_UNCLOSED_BRACE'; position: number /* UTF-16 index of the '{', as a textarea counts */ }
  | { code: 'TEMPLATE_FORBIDDEN_CHARACTER'; character: ForbiddenCharacterKind; codePoint: string; position: number };

export interface TemplateCheckOptions {
  maxParts?: number;
  /** The shop's "Zastąp znaki specjalne" setting: the length is judged on the text as it will be sent. */
  replaceSpecialCharacters?: boolean;
  /** Where short links live (`<base>/l/<code>`): links are counted at their real length. */
  linkBase?: string;
  /** The shop's "add the opt-out link" setting: marketing templates are judged with the line it adds. */
  autoStopLink?: boolean;
}

// `{name}` is a placeholder; `{name` not followed by `}` is a typo worth reporting; any other brace
// ("{ }", "{Uwaga}") is the merchant's own text.
const PLACEHOLDER = /\{([a-z_]+)\}/g;
const PLACEHOLDER_OR_UNCLOSED = /\{([a-z_]+)(\})?/g;

/** Placeholder names (without braces) used in the text, each once, in order of first use. */
export function usedPlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** A placeholder's value as it may go into an SMS: a customer's value cleaned and capped, any value stripped of
 * invisible and bidi characters. */
export function safeValue(name: string, value: string): string {
  const kind = Object.hasOwn(CUSTOMER_VALUES, name) ? CUSTOMER_VALUES[name] : undefined;
  return kind ? cleanCustomerValue(value, kind) : stripUnsafeCharacters(value);
}

/** Replaces every `{name}` with its (safe) value; a placeholder without a value renders as an empty string. */
export function renderTemplate(text: string, values: Partial<Record<string, string>>): string {
  // One pass with a callback: a value that itself contains "{...}" is never expanded again.
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return typeof value === 'string' ? safeValue(name, value) : '';
  });
}

// Numbers and amounts are never shortened: a cut "123,45" would be a wrong amount, not a shorter one.
const SHORTENABLE = new Set([...Object.keys(CUSTOMER_VALUES), 'status_name', 'shipping_name', 'product_name', 'shop_name']);

/**
 * Cuts a rendered text (from its end, never inside an emoji) until it fits `parts`. The `kept` substrings (short
 * links) are never cut: only the characters around them give way, and each link stays whole.
 */
function cutToParts(text: string, parts: number, maxParts: number, kept: readonly string[] = []): string {
  const pieces: { text: string; keep: boolean }[] = [];
  let rest = text;
  while (rest !== '') {
    const hits = kept
      .map((k) => ({ k, at: k === '' ? -1 : rest.indexOf(k) }))
      .filter((h) => h.at >= 0)
      .sort((a, b) => a.at - b.at);
    const hit = hits[0];
    if (!hit) {
      pieces.push({ text: rest, keep: false });
      break;
    }
    if (hit.at > 0) pieces.push({ text: rest.slice(0, hit.at), keep: false });
    pieces.push({ text: hit.k, keep: true });
    rest = rest.slice(hit.at + hit.k.length);
  }
  const units = pieces.flatMap((p) => (p.keep ? [{ text: p.text, keep: true }] : Array.from(p.text, (c) => ({ text: c, keep: false }))));
  const cuttable = units.filter((u) => !u.keep).length;
  // Keeps the first n cuttable characters and every kept piece.
  const build = (n: number) => {
    let left = n;
    return units
      .filter((u) => u.keep || left-- > 0)
      .map((u) => u.text)
      .join('');
  };
  const fits = (n: number) => smsLength(build(n), { maxParts }).parts <= parts;
  // Keeping more characters never takes fewer parts: the most that fit is found by halving.
  let low = 0;
  let high = cuttable;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return build(low).trimEnd();
}

/**
 * The text a recipient gets: the template with safe values, no longer than the parts the template itself needs
 * (its preview, counted in the encoding the real message ends up in) plus one, and never more than `maxParts`.
 * Too long, the longest shortenable value (a name, a street, a product name) gives up characters first; only then
 * is the end of the message cut.
 */
export function renderMessage(
  kind: MessageKind,
  text: string,
  values: Partial<Record<string, string>>,
  options?: { maxParts?: number },
): string {
  const maxParts = options?.maxParts ?? DEFAULT_MAX_PARTS;
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) if (typeof value === 'string') safe[name] = safeValue(name, value);
  let rendered = renderTemplate(text, safe);
  let length = smsLength(rendered, { maxParts });
  // Links are the SMS's own short URLs: the template's sample counts them at their real length.
  const links = Object.fromEntries(Object.entries(safe).filter(([name]) => isLinkPlaceholder(name)));
  const sample = renderTemplate(text, { ...sampleValues(kind), ...links });
  const ownParts = smsLength(sample, { maxParts, asUcs2: length.encoding === 'UCS-2' }).parts;
  const budget = Math.max(1, Math.min(maxParts, ownParts + 1));
  const used = usedPlaceholders(text).filter((name) => SHORTENABLE.has(name));
  while (length.parts > budget) {
    const longest = used.reduce<string | undefined>(
      (best, name) => ((safe[name]?.length ?? 0) > (best ? (safe[best]?.length ?? 0) : 0) ? name : best),
      undefined,
    );
    if (!longest) return cutToParts(rendered, budget, maxParts, Object.values(links));
    const value = safe[longest]!;
    safe[longest] = capCodePoints(value, Math.max(0, Array.from(value).length - 1));
    rendered = renderTemplate(text, safe);
    length = smsLength(rendered, { maxParts });
  }
  return rendered;
}

/** The template as a customer would see it with the kind's sample values (the preview). */
export function renderSample(kind: MessageKind, text: string, options?: TemplateCheckOptions): string {
  const full = withStopLink(kind, text, options?.autoStopLink ?? false);
  const rendered = renderTemplate(full, sampleValues(kind, { linkBase: options?.linkBase }));
  return options?.replaceSpecialCharacters === true ? replaceSpecialCharacters(rendered) : rendered;
}

export function validateTemplate(kind: MessageKind, text: string, options?: TemplateCheckOptions): TemplateIssue[] {
  const forbidden = findForbiddenCharacter(text);
  if (forbidden) {
    return [
      { code: 'TEMPLATE_FORBIDDEN_CHARACTER', character: forbidden.kind, codePoint: forbidden.codePoint, position: forbidden.position },
    ];
  }
  if (text.trim() === '') return [{ code: 'TEMPLATE_EMPTY' }];

  const issues: TemplateIssue[] = [];
  const reportedUnknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER_OR_UNCLOSED)) {
    const name = match[1] ?? '';
    if (match[2] === undefined) {
      issues.push({ code: 'TEMPLATE_UNCLOSED_BRACE', position: match.index });
    } else if (!isAllowedPlaceholder(kind, name) && !reportedUnknown.has(name)) {
      reportedUnknown.add(name);
      issues.push({ code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', placeholder: `{${name}}` });
    }
  }

  const maxParts = options?.maxParts ?? DEFAULT_MAX_PARTS;
  const length = smsLength(renderSample(kind, text, options), { maxParts });
  if (length.tooLong) issues.push({ code: 'TEMPLATE_TOO_LONG', parts: length.parts, maxParts });
  return issues;
}
