// Message templates: `{placeholder}` syntax, validation against the kind's allowed parameters and the
// SMS length limit, and rendering with real values.

import { isAllowedPlaceholder, sampleValues, type MessageKind } from '#domain/placeholders';
import { DEFAULT_MAX_PARTS, smsLength } from '#domain/sms-length';
import { replaceSpecialCharacters } from '#domain/special-characters';

export type TemplateIssue =
  | { code: 'TEMPLATE_UNKNOWN_PLACEHOLDER'; placeholder: string /* with braces */ }
  | { code: 'TEMPLATE_EMPTY' }
  | { code: 'TEMPLATE_TOO_LONG'; parts: number; maxParts: number }
  | { code: 'TEMPLATE_UNCLOSED_BRACE'; position: number /* UTF-16 index of the '{', as a textarea counts */ };

export interface TemplateCheckOptions {
  maxParts?: number;
  /** The shop's "Zastąp znaki specjalne" setting: the length is judged on the text as it will be sent. */
  replaceSpecialCharacters?: boolean;
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

/** Replaces every `{name}` with its value; a placeholder without a value renders as an empty string. */
export function renderTemplate(text: string, values: Partial<Record<string, string>>): string {
  // One pass with a callback: a value that itself contains "{...}" is never expanded again.
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return typeof value === 'string' ? value : '';
  });
}

/** The template as a customer would see it with the kind's sample values (the preview). */
export function renderSample(kind: MessageKind, text: string, options?: TemplateCheckOptions): string {
  const rendered = renderTemplate(text, sampleValues(kind));
  return options?.replaceSpecialCharacters === true ? replaceSpecialCharacters(rendered) : rendered;
}

export function validateTemplate(kind: MessageKind, text: string, options?: TemplateCheckOptions): TemplateIssue[] {
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
