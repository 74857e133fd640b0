// Signing in: the Shoper admin opens the SPA with signed iframe parameters (shop, place, timestamp, hash) and
// unsigned extras (locale, application…); we trade them for a short-lived token at POST /api/session.
import { SessionRequest } from '#contracts/session';
import { apiCall, ApiError, sessionLost, sessionToken } from './api/client';
import { locale, localeFrom } from './i18n';
import { ADMIN } from '#contracts/admin';

export interface IframeContext {
  /** The signed part, as POST /api/session wants it; undefined when the page was opened without it. */
  signed?: SessionRequest;
  /** Unsigned: only for display and the SDK decision. Shoper's `translations` (e.g. `pl_PL`), else `locale`. */
  locale: string | undefined;
  /** `?smsapi=connected|error` after the SMSAPI OAuth redirect. */
  smsapiResult: string | undefined;
}

export function readIframeContext(search: string): IframeContext {
  const params = new URLSearchParams(search);
  // Shoper names the admin's language in `translations` (the App Store app template reads it); `locale` is the
  // older name, kept as a fallback.
  const language = params.get('translations') || params.get('locale') || undefined;
  const candidate = {
    shop: params.get('shop') ?? '',
    place: params.get('place') ?? '',
    timestamp: params.get('timestamp') ?? '',
    hash: params.get('hash') ?? '',
    locale: language,
  };
  const parsed = SessionRequest.safeParse(candidate);
  return {
    signed: parsed.success ? parsed.data : undefined,
    locale: candidate.locale,
    smsapiResult: params.get('smsapi') ?? undefined,
  };
}

const STORAGE_KEY = 'sms-app-session';

interface StoredSession {
  token: string;
  expiresAt: string;
  shop: string;
  locale: 'pl' | 'en';
}

function storedSession(shop: string | undefined): StoredSession | undefined {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as StoredSession;
    if (shop !== undefined && stored.shop !== shop) return undefined;
    if (Date.parse(stored.expiresAt) <= Date.now() + 30_000) return undefined;
    return stored;
  } catch {
    return undefined;
  }
}

function remember(session: StoredSession) {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Storage may be blocked in a third-party iframe: the in-memory token is enough for this page.
  }
}

export type SignInResult =
  | { ok: true; shop: string }
  | { ok: false; reason: 'no-parameters' | 'refused' | 'unavailable'; message?: string };

/**
 * Signs in with the iframe parameters; when they are stale (a reload long after Shoper opened the page) a token
 * from this tab's earlier sign-in for the same shop is reused.
 */
export async function signIn(context: IframeContext): Promise<SignInResult> {
  locale.value = localeFrom(context.locale);
  if (!context.signed) {
    const stored = storedSession(undefined);
    if (!stored) return { ok: false, reason: 'no-parameters' };
    adopt(stored);
    return { ok: true, shop: stored.shop };
  }
  try {
    const session = await apiCall(ADMIN.session, { body: context.signed, anonymous: true });
    const stored: StoredSession = { token: session.token, expiresAt: session.expiresAt, shop: session.shop, locale: session.locale };
    remember(stored);
    adopt(stored);
    return { ok: true, shop: session.shop };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      const stored = storedSession(context.signed.shop);
      if (stored) {
        adopt(stored);
        return { ok: true, shop: stored.shop };
      }
      return { ok: false, reason: 'refused', message: error.message };
    }
    return { ok: false, reason: 'unavailable', message: error instanceof Error ? error.message : String(error) };
  }
}

function adopt(session: StoredSession) {
  sessionToken.value = session.token;
  sessionLost.value = false;
  locale.value = session.locale;
}

export function forgetSession() {
  sessionToken.value = undefined;
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}
