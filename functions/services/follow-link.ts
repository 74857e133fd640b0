// Following a short link (`GET /l/{code}`): one DynamoDB request that reads the link and records the click on it.
// Kept small on purpose: the redirect function bundles this file and little else.
import { localDate } from '#domain/calendar';
import { onShopOrigin, type ShortLink } from '#domain/short-links';
import { kindCounter } from '#domain/link-results';
import type { Deps } from './deps';

/**
 * Link-preview fetchers (messengers, social sites, search engines) open a link to draw a card, not because the
 * recipient clicked: they get the same redirect but are not counted.
 */
const PREVIEW_AGENTS =
  /facebookexternalhit|facebookcatalog|meta-externalagent|whatsapp|slackbot|slack-imgproxy|telegrambot|twitterbot|skypeuripreview|googlebot|google-inspectiontool|bingbot|bingpreview|linkedinbot|discordbot|applebot|iframely|embedly|pinterest|redditbot|viber|snapchat|yandex|duckduckbot|baiduspider|mastodon|outlook|teams|microsoftpreview|skype|vkshare|w3c_validator|\bbot\b|crawler|spider|preview/i;

export const isPreviewFetcher = (userAgent: string | undefined) => !userAgent || PREVIEW_AGENTS.test(userAgent);

export type FollowOutcome =
  | { status: 'redirect'; location: string; link: ShortLink }
  | { status: 'stop'; link: ShortLink }
  | { status: 'expired'; shopUrl?: string; shopName?: string }
  | { status: 'unknown' };

/**
 * Follows a code. A counted request (a GET by a person) costs one UpdateItem that both reads the link and records
 * the click; the very first click of a link also adds one to the day's "clicked" counter of its kind. Not
 * counted (HEAD, a preview fetcher, an opt-out link): one GetItem.
 */
export async function followLink(
  deps: Pick<Deps, 'shortLinks' | 'clock' | 'logger'>,
  code: string,
  count: boolean,
): Promise<FollowOutcome> {
  const now = deps.clock.now();
  let link = count ? await deps.shortLinks.recordClick(code, now.toISOString()) : undefined;
  if (!link) {
    // Not counted, or the click was refused (unknown, expired, an opt-out link): a plain read tells which.
    link = await deps.shortLinks.get(code);
    if (!link) return { status: 'unknown' };
    if (link.validUntil <= now.toISOString())
      return { status: 'expired', shopUrl: onShopOrigin(link.shopUrl, link.shopUrl), shopName: link.shopName };
    if (link.purpose === 'stop') return { status: 'stop', link };
  } else if (link.clicks === 1) {
    await deps.shortLinks.addKindCounters(link.shop, localDate(now, link.timeZone), { [kindCounter('clicked', link.kind)]: 1 });
  }
  // The target was checked when the link was made; checked again here so a stored value can never send anyone
  // off the shop's own domain.
  const location = onShopOrigin(link.target, link.shopUrl);
  if (!location) {
    deps.logger.warn('short link target outside the shop: refused', { code, shop: link.shop });
    return { status: 'expired', shopUrl: onShopOrigin(link.shopUrl, link.shopUrl), shopName: link.shopName };
  }
  return { status: 'redirect', location, link };
}
