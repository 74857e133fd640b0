// Calls to the app's public storefront endpoints (JSON over CORS, no cookies).
import type { Lang } from './i18n';
import type { WidgetSettings } from './settings';

export type ApiAnswer =
  | { ok: true; status: number; body: Record<string, unknown> }
  | { ok: false; status: number; code?: string; message?: string };

export async function call(settings: WidgetSettings, lang: Lang, path: string, body: unknown): Promise<ApiAnswer> {
  let res: Response;
  try {
    res = await fetch(`${settings.api}/storefront/${encodeURIComponent(settings.shop)}/${path}`, {
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
export async function widgetConfig(settings: WidgetSettings, lang: Lang): Promise<{ backInStock: boolean; basketReminders: boolean } | undefined> {
  const key = `smsw:cfg:${settings.shop}`;
  try {
    const cached = JSON.parse(sessionStorage.getItem(key) ?? 'null') as { at: number; value: { backInStock: boolean; basketReminders: boolean } } | null;
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
