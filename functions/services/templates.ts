// Use case: save a message template after checking it against its kind's placeholders and the length limit.
import { badRequest } from '#domain/errors';
import type { MessageTemplate } from '#domain/model';
import type { MessageKind } from '#domain/placeholders';
import { validateTemplate, type TemplateCheckOptions, type TemplateIssue } from '#domain/template';
import { withDefaults } from '#domain/settings';
import { shortLinkBase } from './short-links';
import { FORBIDDEN_CHARACTER_NAMES } from '#domain/text-safety';
import type { TemplateBody } from '#contracts/session';
import type { Deps } from './deps';

const issueMessage = (issue: TemplateIssue): string => {
  switch (issue.code) {
    case 'TEMPLATE_UNKNOWN_PLACEHOLDER':
      return `Nieznany parametr ${issue.placeholder} — ta wiadomość go nie obsługuje`;
    case 'TEMPLATE_EMPTY':
      return 'Wiadomość nie może być pusta';
    case 'TEMPLATE_TOO_LONG':
      return `Wiadomość jest za długa: ${issue.parts} części SMS, dozwolone ${issue.maxParts}`;
    case 'TEMPLATE_UNCLOSED_BRACE':
      return `Niedomknięty nawias { na pozycji ${issue.position + 1}`;
    case 'TEMPLATE_FORBIDDEN_CHARACTER':
      return `Treść wiadomości zawiera niedozwolony znak: ${FORBIDDEN_CHARACTER_NAMES[issue.character].pl} (${issue.codePoint}) na pozycji ${issue.position + 1} — usuń go i zapisz ponownie`;
  }
};

/** Throws a 400 naming the first problem (and listing all of them) if the text is not a valid template. */
export function assertValidTemplate(kind: MessageKind, text: string, options: TemplateCheckOptions & { maxParts: number }) {
  const issues = validateTemplate(kind, text, options);
  // An empty text is fine for a disabled template; the caller decides.
  const first = issues[0];
  if (first) {
    throw badRequest(first.code, issueMessage(first), 'text', { issues: issues.map((i) => ({ ...i, message: issueMessage(i) })) });
  }
}

export async function saveTemplate(
  deps: Deps,
  shop: string,
  kind: MessageKind,
  key: string,
  body: TemplateBody,
): Promise<MessageTemplate & { kind: string; key: string }> {
  if (body.enabled || body.text.trim() !== '') {
    const [smsapi, settings] = await Promise.all([deps.store.getSmsapi(shop), deps.store.getSettings(shop)]);
    assertValidTemplate(kind, body.text, {
      maxParts: deps.config.SMSAPI_MAX_PARTS,
      replaceSpecialCharacters: smsapi?.replaceSpecialCharacters,
      // Links at their real length, and the opt-out line the shop's marketing SMS get.
      linkBase: shortLinkBase(deps.config),
      autoStopLink: withDefaults(settings).autoStopLink,
    });
  }
  // After the text: a text problem is reported first, on the field the merchant is editing.
  if (kind === 'owner-new-order' && body.enabled && !(await deps.store.getSettings(shop))?.ownerPhone) {
    throw badRequest(
      'OWNER_PHONE_REQUIRED',
      'Numer telefonu właściciela: wpisz numer, na który mają przychodzić powiadomienia, albo wybierz „Wyślij: Nie”',
      'ownerPhone',
    );
  }
  // The reminder goes at the earliest a day after the basket was left (its activity is checked once a day).
  if (kind === 'abandoned-cart' && body.delayDays < 1) {
    throw badRequest(
      'CART_DELAY_TOO_SHORT',
      'Po upływie czasu (dni): podaj liczbę od 1 do 365 — przypomnienie wychodzi najwcześniej dzień po porzuceniu koszyka',
      'delayDays',
    );
  }
  const template: MessageTemplate = {
    enabled: body.enabled,
    delayDays: body.delayDays,
    text: body.text,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.putTemplate(shop, key, template);
  return { ...template, kind, key };
}
