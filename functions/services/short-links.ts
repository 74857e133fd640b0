// Use cases of short links while planning: making an SMS's links and storing them before the SMS exists.
// Following a link is follow-link.ts (kept apart: the redirect function bundles only that).
import { createHmac } from 'node:crypto';
import type { Config } from '#config';
import type { Shop, ShopSettings } from '#domain/model';
import { jobIdFor } from '#domain/planning';
import { LINK_TTL_DAYS, linkCode, linkTarget, type LinkMaker, type ShortLink } from '#domain/short-links';
import type { Deps } from './deps';
import { jobIdKey } from './dispatch';

/** Where short links live: the custom short domain (SHORT_LINK_URL) or the app's public URL. */
export const shortLinkBase = (config: Pick<Config, 'SHORT_LINK_URL' | 'PUBLIC_URL'>) => config.SHORT_LINK_URL ?? config.PUBLIC_URL;

/** The key link codes are made with: derived from the session secret, so no new secret is needed. */
async function codeKey(deps: Pick<Deps, 'secrets'>): Promise<string> {
  const { sessionSecret } = await deps.secrets();
  return createHmac('sha256', sessionSecret).update('short-link-codes').digest('base64url');
}

/** The link maker of one shop, for the planners (PlanningContext.links) and the basket reminder. */
export async function linkMakerFor(
  deps: Pick<Deps, 'secrets' | 'config'>,
  shop: Shop,
  settings: ShopSettings,
  now: Date,
): Promise<LinkMaker> {
  const [key, idKey] = await Promise.all([codeKey(deps), jobIdKey(deps)]);
  const createdAt = now.toISOString();
  const validUntil = new Date(now.getTime() + LINK_TTL_DAYS * 86_400_000).toISOString();
  return {
    base: shortLinkBase(deps.config),
    make(request, placeholders) {
      const jobId = jobIdFor(shop.shop, request.jobKey, idKey);
      return placeholders.map(
        (placeholder): ShortLink => ({
          code: linkCode(key, jobId, placeholder),
          shop: shop.shop,
          jobId,
          kind: request.kind,
          placeholder,
          purpose: placeholder === 'stop_link' ? 'stop' : 'redirect',
          target: placeholder === 'stop_link' ? linkTarget('shop_link', request.targets) : linkTarget(placeholder, request.targets),
          shopUrl: shop.shopUrl,
          ...(shop.shopName ? { shopName: shop.shopName } : {}),
          phone: request.phone,
          ...(request.userId ? { userId: request.userId } : {}),
          timeZone: settings.quietHours.timeZone,
          createdAt,
          validUntil,
        }),
      );
    },
  };
}

export { saveLinks } from './save-links';
