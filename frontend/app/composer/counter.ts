// The figures under every message box, computed by the backend's own modules (sms-length, special-characters,
// template) so the counter, the save-time check and the sender always agree.
import { DEFAULT_MAX_PARTS, smsLength, type SmsLength } from '#domain/sms-length';
import { replaceSpecialCharacters } from '#domain/special-characters';
import { renderSample, validateTemplate, type TemplateIssue } from '#domain/template';
import { FORBIDDEN_CHARACTER_NAMES } from '#domain/text-safety';
import type { MessageKind } from '#domain/placeholders';
import { L, plural } from '../i18n';

export interface CounterOptions {
  /** The shop's "Zastąp znaki specjalne w powiadomieniach": count the text as it will be sent. */
  replaceSpecialCharacters: boolean;
  maxParts?: number;
  /** Where short links live: link placeholders are counted and previewed at their real length. */
  linkBase?: string;
  /** The shop adds "Rezygnacja: {stop_link}" to marketing SMS without one: counted and previewed too. */
  autoStopLink?: boolean;
}

export interface ComposerFigures {
  /** The template text as counted: after replacement when the setting is on. */
  counted: string;
  /** The template as typed (placeholders included), like the manual's counter. */
  template: SmsLength;
  /** Sample values filled in: what a customer would get. */
  preview: string;
  previewLength: SmsLength;
  issues: TemplateIssue[];
}

export function composerFigures(kind: MessageKind, text: string, options: CounterOptions): ComposerFigures {
  const maxParts = options.maxParts ?? DEFAULT_MAX_PARTS;
  const counted = options.replaceSpecialCharacters ? replaceSpecialCharacters(text) : text;
  const check = {
    replaceSpecialCharacters: options.replaceSpecialCharacters,
    linkBase: options.linkBase,
    autoStopLink: options.autoStopLink,
  };
  const preview = renderSample(kind, text, check);
  return {
    counted,
    template: smsLength(counted, { maxParts }),
    preview,
    previewLength: smsLength(preview, { maxParts }),
    issues: text.trim() === '' ? [] : validateTemplate(kind, text, { maxParts, ...check }),
  };
}

/** "1 SMS" / "2 SMS-y" / "5 SMS-ów". An empty box reads "1 SMS", as in the manual: the first part is still to fill. */
export function smsCount(parts: number): string {
  const shown = Math.max(1, parts);
  return `${shown} ${plural(shown, ['SMS', 'SMS-y', 'SMS-ów'], ['SMS', 'SMS'])}`;
}

/** The manual's counter: "1 SMS, 28 znaków do końca części". */
export function counterLabel(length: SmsLength): string {
  const left = length.remainingInPart;
  const unit = plural(left, ['znak', 'znaki', 'znaków'], ['character', 'characters']);
  return L(`${smsCount(length.parts)}, ${left} ${unit} do końca części`, `${smsCount(length.parts)}, ${left} ${unit} left in this part`);
}

/** What a TemplateIssue means for the merchant, in the backend's words. */
export function issueText(issue: TemplateIssue): string {
  switch (issue.code) {
    case 'TEMPLATE_UNKNOWN_PLACEHOLDER':
      return L(
        `Nieznany parametr ${issue.placeholder} — ta wiadomość go nie obsługuje`,
        `Unknown parameter ${issue.placeholder}: this message does not support it`,
      );
    case 'TEMPLATE_EMPTY':
      return L('Wiadomość nie może być pusta', 'The message cannot be empty');
    case 'TEMPLATE_TOO_LONG':
      return L(
        `Wiadomość jest za długa: ${issue.parts} części SMS, dozwolone ${issue.maxParts}`,
        `The message is too long: ${issue.parts} SMS parts, ${issue.maxParts} allowed`,
      );
    case 'TEMPLATE_UNCLOSED_BRACE':
      return L(`Niedomknięty nawias { na pozycji ${issue.position + 1}`, `Unclosed { at position ${issue.position + 1}`);
    case 'TEMPLATE_FORBIDDEN_CHARACTER': {
      const name = FORBIDDEN_CHARACTER_NAMES[issue.character];
      return L(
        `Treść wiadomości zawiera niedozwolony znak: ${name.pl} (${issue.codePoint}) na pozycji ${issue.position + 1} — usuń go`,
        `The message text holds a forbidden character: ${name.en} (${issue.codePoint}) at position ${issue.position + 1}; remove it`,
      );
    }
  }
}

/** How a character that forces UCS-2 is named in the warning: visible, and spaces or controls spelled out. */
export function describeCharacter(character: string): string {
  if (/^\s$/u.test(character) || /\p{C}/u.test(character)) {
    return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return character;
}
