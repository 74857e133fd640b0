// Calls to the app's public storefront endpoints (JSON over CORS, no cookies), typed by the storefront contract
// (#contracts/storefront): its paths and request bodies. Imported for types only, so the widget ships no zod.
import type * as z from 'zod/mini';
import type { StorefrontAction, StorefrontContracts } from '#contracts/storefront';
import type { Lang } from './i18n';
import type { WidgetSettings } from './settings';

export type ApiAnswer =
  | { ok: true; status: number; body: Record<string, unknown> }
  | { ok: false; status: number; code?: string; message?: string };

/** Each action's path exactly as its contract declares it: the type checker refuses any other string here. */
const PATHS: { [A in StorefrontAction]: StorefrontContracts[A]['path'] } = {
  config: '/storefront/{shop}/config',
  subscriptions: '/storefront/{shop}/subscriptions',
  'subscriptions/withdraw': '/storefront/{shop}/subscriptions/withdraw',
  basket: '/storefront/{shop}/basket',
};

export async function call<A extends StorefrontAction>(
  settings: WidgetSettings,
  lang: Lang,
  action: A,
  body: z.input<StorefrontContracts[A]['body']>,
): Promise<ApiAnswer> {
  let res: Response;
  try {
    res = await fetch(`${settings.api}${PATHS[action].replace('{shop}', encodeURIComponent(settings.shop))}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': lang },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  } catch {
    return { ok: false, status: 0 };
  }
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown> & { error?: { code?: string; message?: string } };
  if (res.ok) return { ok: true, status: res.status, body: json };
  return { ok: false, status: res.status, code: json.error?.code, message: json.error?.message };
}

const CONFIG_TTL_MS = 5 * 60 * 1000;

/** Which features the shop switched on; cached for a few minutes per browser tab. */
export async function widgetConfig(
  settings: WidgetSettings,
  lang: Lang,
): Promise<{ backInStock: boolean; basketReminders: boolean } | undefined> {
  const key = `smsw:cfg:${settings.shop}`;
  try {
    const cached = JSON.parse(sessionStorage.getItem(key) ?? 'null') as {
      at: number;
      value: { backInStock: boolean; basketReminders: boolean };
    } | null;
    if (cached && Date.now() - cached.at < CONFIG_TTL_MS) return cached.value;
  } catch {
    // storage unavailable (privacy mode): ask every time
  }
  const answer = await call(settings, lang, 'config', { locale: lang });
  if (!answer.ok) return undefined;
  const value = { backInStock: answer.body.backInStock === true, basketReminders: answer.body.basketReminders === true };
  try {
    sessionStorage.setItem(key, JSON.stringify({ at: Date.now(), value }));
  } catch {
    // not cached, fine
  }
  return value;
}
