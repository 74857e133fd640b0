// What every public storefront request shares: the shop from the path (installed, or 404), CORS for the shop's
// own origin only, the widget's configuration, and signed withdrawal tokens.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, notFound } from '#domain/errors';
import type { Shop } from '#domain/model';
import { templateKey } from '#domain/planning';
import type { Deps } from './deps';

const LICENCE = /^[A-Za-z0-9_-]{1,100}$/;

/** The installed shop named by `{shop}` in the path; anything else is a 404 that reveals nothing. */
export async function storefrontShop(deps: Deps, licence: string): Promise<Shop> {
  const shop = LICENCE.test(licence) ? await deps.store.getShop(licence) : undefined;
  if (!shop || shop.status !== 'installed') throw notFound('SHOP_NOT_FOUND', 'Nie ma takiego sklepu / No such shop');
  return shop;
}

/** The one origin allowed to call the shop's storefront endpoints: the shop's own address. */
export function shopOrigin(shop: Shop): string | undefined {
  try {
    return new URL(shop.shopUrl).origin;
  } catch {
    return undefined;
  }
}

/** CORS headers for `origin`, or undefined when that origin is not the shop's own. */
export function corsHeaders(shop: Shop, origin: string | undefined): Record<string, string> | undefined {
  const allowed = shopOrigin(shop);
  if (!origin || !allowed || origin !== allowed) return undefined;
  return {
    'access-control-allow-origin': allowed,
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type, accept-language',
    'access-control-expose-headers': 'retry-after',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

export const foreignOrigin = (locale: 'pl' | 'en') =>
  new AppError(
    403,
    'ORIGIN_NOT_ALLOWED',
    locale === 'en' ? "Requests are accepted only from the shop's own website" : 'Żądania są przyjmowane tylko ze strony tego sklepu',
  );

/** Which storefront features the widget should show: no template enabled, no form and no basket pings. */
export async function widgetConfig(deps: Deps, shop: string) {
  const templates = await deps.store.listTemplates(shop);
  return {
    backInStock: templates[templateKey.backInStock]?.enabled === true,
    basketReminders: templates[templateKey.abandonedCart]?.enabled === true,
  };
}

const mac = async (deps: Deps, payload: string) =>
  createHmac('sha256', (await deps.secrets()).sessionSecret)
    .update(`withdraw:${payload}`)
    .digest('base64url')
    .slice(0, 32);

/** A token that lets the page withdraw one sign-up without asking for the number again. */
export async function withdrawToken(deps: Deps, shop: string, signUpId: string): Promise<string> {
  return `${signUpId}.${await mac(deps, `${shop}:${signUpId}`)}`;
}

/** The sign-up id a token was made for, or undefined when it was not made by us for this shop. */
export async function readWithdrawToken(deps: Deps, shop: string, token: string): Promise<string | undefined> {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const id = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(await mac(deps, `${shop}:${id}`));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
}
