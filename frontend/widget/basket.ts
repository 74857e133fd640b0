// Best effort: report the basket of a logged-in client so the app can remind them N days later. Shoper has no
// basket webhook; on its storefronts `frontAPI.getUser()` / `frontAPI.getBasketInfo()` and
// `Shop.basket.shopVisitorId` (base64 user id) expose the client and the basket (unconfirmed, seen in public
// Shoper integrations). Nothing is sent for guests, and at most one report per basket state per half hour.
import { call } from './api';
import type { Lang } from './i18n';
import type { WidgetSettings } from './settings';

interface FrontApi {
  getUser?: (callback?: (user: ShoperUser) => void) => ShoperUser | undefined;
  getBasketInfo?: (callbackOrOptions?: unknown, options?: unknown) => BasketInfo | undefined;
}
interface ShoperUser {
  user_id?: string | number;
}
interface BasketInfo {
  products?: { quantity?: number | string }[];
}

const REPORT_EVERY_MS = 30 * 60 * 1000;

/** Calls a frontAPI method that may answer synchronously or through a callback. */
function ask<T>(fn: ((cb: (value: T) => void) => T | undefined) | undefined): Promise<T | undefined> {
  return new Promise((resolve) => {
    if (!fn) return resolve(undefined);
    const timer = setTimeout(() => resolve(undefined), 3000);
    try {
      const direct = fn((value) => {
        clearTimeout(timer);
        resolve(value);
      });
      if (direct !== undefined) {
        clearTimeout(timer);
        resolve(direct);
      }
    } catch {
      clearTimeout(timer);
      resolve(undefined);
    }
  });
}

export function loggedInClientId(
  win: Window & { frontAPI?: FrontApi; Shop?: { basket?: { shopVisitorId?: string } } },
): Promise<string | undefined> {
  return ask<ShoperUser>(win.frontAPI?.getUser?.bind(win.frontAPI)).then((user) => {
    let id = user?.user_id !== undefined ? String(user.user_id) : undefined;
    if (!id && win.Shop?.basket?.shopVisitorId) {
      try {
        id = atob(win.Shop.basket.shopVisitorId);
      } catch {
        id = undefined;
      }
    }
    return id && /^[1-9]\d{0,11}$/.test(id) ? id : undefined;
  });
}

export async function reportBasket(settings: WidgetSettings, lang: Lang, clientId: string): Promise<void> {
  const win = window as Window & { frontAPI?: FrontApi };
  const api = win.frontAPI;
  const basket = await ask<BasketInfo>(api?.getBasketInfo ? (cb) => api.getBasketInfo!(cb) : undefined);
  if (!basket) return;
  const itemsCount = (basket.products ?? []).reduce((n, p) => n + (Number(p.quantity) || 1), 0);
  const key = `smsw:basket:${settings.shop}:${clientId}`;
  try {
    const last = JSON.parse(localStorage.getItem(key) ?? 'null') as { n: number; at: number } | null;
    if (last && last.n === itemsCount && Date.now() - last.at < REPORT_EVERY_MS) return;
    if (!last && itemsCount === 0) return;
  } catch {
    // no storage: report anyway, the server limits it
  }
  const answer = await call(settings, lang, 'basket', { clientId, itemsCount, locale: lang });
  if (answer.ok) {
    try {
      localStorage.setItem(key, JSON.stringify({ n: itemsCount, at: Date.now() }));
    } catch {
      // fine
    }
  }
}
