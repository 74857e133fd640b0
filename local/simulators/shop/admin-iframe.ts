// The URL Shoper's admin panel gives the app's iframe: signed `place`, `shop`, `timestamp`
// (see PROTOCOLS.md "Admin iframe") plus unsigned locale, translations and application details.
import type { SimContext } from './context';
import { shoperDate, unixSeconds } from './format';
import { iframeHash } from './signing';
import type { SimShop } from './types';

export function adminIframeUrl(ctx: SimContext, shop: SimShop, place = 'app'): string {
  const timestamp = ctx.appstore.timestampFormat === 'unix' ? unixSeconds(ctx.now()) : shoperDate(ctx.now());
  const hash = iframeHash({ place, shop: shop.licence, timestamp }, ctx.config.appstoreSecret);
  const query = new URLSearchParams({
    shop: shop.licence,
    place,
    timestamp,
    hash,
    locale: ctx.appstore.translations,
    translations: ctx.appstore.translations,
    application: ctx.config.applicationCode,
    'application-version': String(shop.applicationVersion),
  });
  const separator = ctx.config.adminAppUrl.includes('?') ? '&' : '?';
  return `${ctx.config.adminAppUrl}${separator}${query.toString()}`;
}
