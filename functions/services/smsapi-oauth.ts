// SMSAPI's OAuth web flow ("Połącz ze swoim kontem SMSAPI"): the authorize URL with a signed, short-lived
// `state` naming the shop, the code-for-token exchange, and the refresh of an expired access token.
// Hosts come from configuration (SMSAPI_OAUTH_URL): the real ones are not confirmed (PROTOCOLS.md).
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import * as z from 'zod/mini';
import '#domain/zod-mini';
import { AppError, unauthorized } from '#domain/errors';
import type { Deps } from './deps';

export const OAUTH_SCOPES = 'sms,profile,sms_sender';
const STATE_TTL_SECONDS = 15 * 60;
const STATE_AUDIENCE = 'smsapi-oauth';

const TokenAnswer = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.optional(z.string().check(z.minLength(1))),
  expires_in: z.optional(z.coerce.number()),
});
export type OAuthTokens = { accessToken: string; refreshToken?: string };

export const oauthCallbackUrl = (deps: Pick<Deps, 'config'>) => `${deps.config.PUBLIC_URL}/smsapi/oauth/callback`;

async function oauthClient(deps: Deps): Promise<{ clientId: string; clientSecret: string; key: Uint8Array }> {
  const secrets = await deps.secrets();
  if (!secrets.smsapiClientId || !secrets.smsapiClientSecret) {
    throw new AppError(
      503,
      'SMSAPI_OAUTH_NOT_CONFIGURED',
      'Łączenie przez OAuth nie jest skonfigurowane (brak SMSAPI client id/secret) — wklej token API. / OAuth is not configured: paste an API token instead.',
    );
  }
  return { clientId: secrets.smsapiClientId, clientSecret: secrets.smsapiClientSecret, key: new TextEncoder().encode(secrets.sessionSecret) };
}

/** The URL the merchant opens (in a new window: SMSAPI's pages cannot run inside the Shoper iframe). */
export async function authorizeUrl(deps: Deps, shop: string): Promise<string> {
  const { clientId, key } = await oauthClient(deps);
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const state = await new SignJWT({ nonce: randomBytes(12).toString('base64url') })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(shop)
    .setAudience(STATE_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + STATE_TTL_SECONDS)
    .sign(key);
  const url = new URL(`${deps.config.SMSAPI_OAUTH_URL}/oauth/access`);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', oauthCallbackUrl(deps));
  url.searchParams.set('scope', OAUTH_SCOPES);
  url.searchParams.set('state', state);
  return url.toString();
}

/** The shop a callback's `state` was issued for; 401 when it is forged, for another purpose or expired. */
export async function verifyState(deps: Deps, state: string | undefined): Promise<string> {
  if (!state) throw unauthorized('SMSAPI_OAUTH_STATE_INVALID', 'Brak parametru state / The state parameter is missing');
  const { key } = await oauthClient(deps);
  try {
    const { payload } = await jwtVerify(state, key, { audience: STATE_AUDIENCE, currentDate: deps.clock.now(), algorithms: ['HS256'] });
    if (!payload.sub) throw new Error('no subject');
    return payload.sub;
  } catch {
    throw unauthorized(
      'SMSAPI_OAUTH_STATE_INVALID',
      'Link autoryzacji wygasł lub jest nieprawidłowy — połącz konto ponownie z aplikacji. / The authorization link expired or is invalid.',
    );
  }
}

export type TokenExchange = { ok: true; tokens: OAuthTokens } | { ok: false; code: string; message: string };

async function tokenRequest(deps: Deps, form: Record<string, string>): Promise<TokenExchange> {
  const { clientId, clientSecret } = await oauthClient(deps);
  let res: Response;
  let body: unknown;
  try {
    res = await deps.fetch(`${deps.config.SMSAPI_OAUTH_URL}/api/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ ...form, client_id: clientId, client_secret: clientSecret }),
      signal: AbortSignal.timeout(deps.config.SMSAPI_TIMEOUT_MS),
    });
    body = await res.json().catch(() => undefined);
  } catch {
    return { ok: false, code: 'SMSAPI_UNAVAILABLE', message: 'SMSAPI OAuth endpoint unreachable' };
  }
  const parsed = TokenAnswer.safeParse(body);
  if (!res.ok || !parsed.success) {
    const error = (body as { error?: unknown } | undefined)?.error;
    return { ok: false, code: typeof error === 'string' ? error : `HTTP_${res.status}`, message: `SMSAPI OAuth answered HTTP ${res.status}` };
  }
  return { ok: true, tokens: { accessToken: parsed.data.access_token, refreshToken: parsed.data.refresh_token } };
}

export const exchangeCode = (deps: Deps, code: string) =>
  tokenRequest(deps, { grant_type: 'authorization_code', code, redirect_uri: oauthCallbackUrl(deps) });

export const refreshTokens = (deps: Deps, refreshToken: string) =>
  tokenRequest(deps, { grant_type: 'refresh_token', refresh_token: refreshToken });
