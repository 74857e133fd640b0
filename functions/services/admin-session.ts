// Admin sessions: the Shoper admin opens the app in an iframe with `shop`, `place`, `timestamp` signed by
// HMAC-SHA512 (App Store secret). We check the signature and its freshness and trade it for a short-lived
// token; every other /api route takes the shop from that token only.
import { createHmac } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { badRequest, unauthorized } from '#domain/errors';
import type { Shop } from '#domain/model';
import { checkFreshness } from '#domain/shoper-time';
import type { Deps } from './deps';
import { safeEqualHex } from './webhook-signature';

export interface IframeParameters {
  shop: string;
  place: string;
  timestamp: string;
  hash: string;
  locale?: string;
  translations?: string;
}

/** The admin's language: Shoper's `translations` (`pl_PL`, `en_US`) first, `locale` as the fallback; Polish otherwise. */
export function adminLocale(params: Pick<IframeParameters, 'locale' | 'translations'>): 'pl' | 'en' {
  const chosen = params.translations?.trim() || params.locale?.trim() || 'pl';
  return chosen.toLowerCase().startsWith('en') ? 'en' : 'pl';
}

/** Shoper's iframe signature: HMAC-SHA512 over the signed keys sorted, `k=v` joined with `&`. */
export function iframeSignature(params: Record<string, string>, appstoreSecret: string): string {
  const base = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return createHmac('sha512', appstoreSecret).update(base).digest('hex');
}

export async function createSession(
  deps: Deps,
  params: IframeParameters,
): Promise<{ token: string; expiresAt: string; shop: string; locale: 'pl' | 'en' }> {
  const secrets = await deps.secrets();
  const expected = iframeSignature({ place: params.place, shop: params.shop, timestamp: params.timestamp }, secrets.appstoreSecret);
  if (!safeEqualHex(expected, params.hash)) throw unauthorized('SESSION_SIGNATURE_INVALID', 'The iframe signature does not match');
  // The same two forms as App Store events (Unix seconds, or `Y-m-d H:i:s` in Europe/Warsaw): no public source
  // shows which one the iframe uses.
  const now = deps.clock.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (!checkFreshness(params.timestamp, now, deps.config.IFRAME_MAX_AGE_SECONDS).ok) {
    throw unauthorized('SESSION_EXPIRED', 'The iframe parameters are too old: reopen the app from the Shoper admin panel');
  }
  const shop = await deps.store.getShop(params.shop);
  if (shop?.status === 'uninstalling') {
    // The previous installation's data is still being deleted (a reinstall waits for it): say so, and when to return.
    throw unauthorized(
      'SESSION_SHOP_UNINSTALLING',
      'Aplikacja kończy usuwanie danych poprzedniej instalacji. Otwórz ją ponownie za kilka minut. / The app is still deleting the data of its previous installation: reopen it in a few minutes.',
    );
  }
  if (!shop || shop.status !== 'installed') throw unauthorized('SESSION_SHOP_UNKNOWN', 'The app is not installed in this shop');
  const exp = nowSeconds + deps.config.SESSION_TTL_SECONDS;
  const token = await new SignJWT({ place: params.place, ins: installGeneration(shop) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(params.shop)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(exp)
    .setAudience('admin')
    .sign(new TextEncoder().encode(secrets.sessionSecret));
  const locale = adminLocale(params);
  return { token, expiresAt: new Date(exp * 1000).toISOString(), shop: params.shop, locale };
}

/**
 * The shop a session token belongs to; anything else is a 401. The shop must still have the app: a token issued
 * before an uninstall would otherwise write data for a shop whose data the uninstall promised to delete.
 */
export async function verifySession(deps: Deps, authorization: string | undefined): Promise<string> {
  const token = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) throw unauthorized('SESSION_MISSING', 'Sign in through the Shoper admin panel');
  const secrets = await deps.secrets();
  let shop: string;
  let generation: unknown;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secrets.sessionSecret), {
      audience: 'admin',
      algorithms: ['HS256'],
      currentDate: deps.clock.now(),
    });
    if (!payload.sub) throw new Error('no subject');
    shop = payload.sub;
    generation = payload.ins;
  } catch {
    throw unauthorized('SESSION_INVALID', 'The session has expired: reopen the app from the Shoper admin panel');
  }
  const installed = await deps.store.getShop(shop);
  if (installed?.status !== 'installed') throw unauthorized('SESSION_INVALID', 'The app is no longer installed in this shop');
  if (generation !== installGeneration(installed)) {
    throw unauthorized('SESSION_INVALID', 'The app was installed again since this session began: reopen it from the Shoper admin panel');
  }
  return shop;
}

/**
 * Which installation a session belongs to: the time the app was (last) installed. An uninstall and a reinstall
 * start a new one, so a token issued before the uninstall is refused afterwards, however fresh it still is.
 */
function installGeneration(shop: Pick<Shop, 'installedAt'>): string {
  return shop.installedAt;
}

export const requireField = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest('FIELD_REQUIRED', `${field} is required`, field);
  return value;
};
