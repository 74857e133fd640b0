// A message with its short links: the opt-out line added to marketing templates (when the shop wants it), and each
// link placeholder a short URL of this one SMS, counted at its real length and never shortened or cut.
import type { NotificationKind } from './model';
import { isLinkPlaceholder, shortLinkUrl, withStopLink, type MessageKind } from './placeholders';
import type { LinkMaker, LinkRequest, ShortLink } from './short-links';
import { renderMessage, usedPlaceholders } from './template';

export interface LinkedMessage {
  text: string;
  links: ShortLink[];
}

/**
 * The SMS text with its links: the stop line added to marketing templates (when the shop wants it), each link
 * placeholder a short URL of this SMS. Without a link maker (a context that cannot store links) link placeholders
 * render empty and no stop line is added.
 */
export function renderLinkedMessage(
  kind: MessageKind & NotificationKind,
  templateText: string,
  values: Record<string, string>,
  options: { maxParts?: number; links?: LinkMaker; autoStopLink?: boolean; request: Omit<LinkRequest, 'kind'> },
): LinkedMessage {
  const maker = options.links;
  if (!maker) return { text: renderMessage(kind, templateText, values, { maxParts: options.maxParts }), links: [] };
  const text = withStopLink(kind, templateText, options.autoStopLink ?? true);
  const wanted = usedPlaceholders(text).filter(isLinkPlaceholder);
  const links = wanted.length > 0 ? maker.make({ ...options.request, kind }, wanted) : [];
  const linkValues = Object.fromEntries(links.map((link) => [link.placeholder, shortLinkUrl(maker.base, link.code)]));
  return { text: renderMessage(kind, text, { ...values, ...linkValues }, { maxParts: options.maxParts }), links };
}
