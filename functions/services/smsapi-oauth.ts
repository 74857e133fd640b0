// SMSAPI's OAuth web flow ("Połącz ze swoim kontem SMSAPI", offered only when SMSAPI_CLIENT_ID/SECRET are set):
// the authorize URL with a single-use `state` nonce bound to the admin session that asked for it, the
// code-for-token exchange, and the refresh of an expired access token. Hosts and paths are configuration; HTTP is
// the SmsapiOAuthHttp port (http-ports.ts; adapter functions/adapters/smsapi-oauth-http.ts).
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import '#domain/zod-mini';
import type { Config } from '#config';
import { AppError, unauthorized } from '#domain/errors';
import type { Deps } from './deps';
import type { HttpAnswer } from './http-ports';

const STATE_TTL_SECONDS = 15 * 60;

const TokenAnswer = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.optional(z.string().check(z.minLength(1))),
  expires_in: z.optional(z.coerce.number()),
});
export type OAuthTokens = { accessToken: string; refreshToken?: string };

export const oauthCallbackUrl = (deps: Pick<Deps, 'config'>) => `${deps.config.PUBLIC_URL}/smsapi/oauth/callback`;

/** SMSAPI's authorize and token URLs: set one by one, or derived from SMSAPI_OAUTH_URL (PROTOCOLS.md, Corrections). */
export const oauthEndpoints = (config: Config) => ({
  authorize: config.SMSAPI_OAUTH_AUTHORIZE_URL ?? `${config.SMSAPI_OAUTH_URL}/oauth/access`,
  token: config.SMSAPI_OAUTH_TOKEN_URL ?? `${config.SMSAPI_OAUTH_URL}/api/oauth/token`,
});

/** True when the publisher has an OAuth client from SMSAPI: only then is the OAuth button offered. */
export async function oauthAvailable(deps: Deps): Promise<boolean> {
  const secrets = await deps.secrets();
  return Boolean(secrets.smsapiClientId && secrets.smsapiClientSecret);
}

async function oauthClient(deps: Deps): Promise<{ clientId: string; clientSecret: string }> {
  const secrets = await deps.secrets();
  if (!secrets.smsapiClientId || !secrets.smsapiClientSecret) {
    throw new AppError(
      503,
      'SMSAPI_OAUTH_NOT_CONFIGURED',
      'Łączenie przez OAuth nie jest skonfigurowane (brak SMSAPI client id/secret) — wklej token API. / OAuth is not configured: paste an API token instead.',
    );
  }
  return { clientId: secrets.smsapiClientId, clientSecret: secrets.smsapiClientSecret };
}

/**
 * What binds a state to the admin session: a hash of the session token the SPA holds (never stored in clear). A
 * link forwarded to someone else carries the state but not the session, so it cannot connect their account.
 */
export const sessionBinding = (sessionToken: string) => createHash('sha256').update(`smsapi-oauth:${sessionToken}`).digest('base64url');

/** The URL the merchant opens (in a new window: SMSAPI's pages cannot run inside the Shoper iframe). */
export async function authorizeUrl(deps: Deps, shop: string, session: string): Promise<string> {
  const { clientId } = await oauthClient(deps);
  const nonce = randomBytes(24).toString('base64url');
  const expiresAt = new Date(deps.clock.now().getTime() + STATE_TTL_SECONDS * 1000);
  await deps.smsapiAccount.saveOAuthState(shop, nonce, session, expiresAt);
  const url = new URL(oauthEndpoints(deps.config).authorize);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', oauthCallbackUrl(deps));
  url.searchParams.set('scope', deps.config.SMSAPI_OAUTH_SCOPE);
  url.searchParams.set('state', nonce);
  return url.toString();
}

const stateInvalid = () =>
  unauthorized(
    'SMSAPI_OAUTH_STATE_INVALID',
    'Link autoryzacji SMSAPI wygasł, został już użyty albo pochodzi z innej sesji — kliknij „Połącz ze swoim kontem SMSAPI” jeszcze raz. / The SMSAPI authorization link expired, was used already or belongs to another session.',
  );

/** Uses up the state: 401 unless this very session asked for it, within 15 minutes, and it was not used before. */
export async function consumeState(deps: Deps, shop: string, session: string, state: string | undefined): Promise<void> {
  if (!state || !/^[A-Za-z0-9_-]{16,64}$/.test(state)) throw stateInvalid();
  if (!(await deps.smsapiAccount.consumeOAuthState(shop, state, session, deps.clock.now()))) throw stateInvalid();
}

export type TokenExchange = { ok: true; tokens: OAuthTokens } | { ok: false; code: string; message: string };

async function tokenRequest(deps: Deps, form: Record<string, string>): Promise<TokenExchange> {
  const { clientId, clientSecret } = await oauthClient(deps);
  let res: HttpAnswer;
  try {
    res = await deps.smsapiOAuth.token(
      oauthEndpoints(deps.config).token,
      { ...form, client_id: clientId, client_secret: clientSecret },
      deps.config.SMSAPI_TIMEOUT_MS,
    );
  } catch {
    return { ok: false, code: 'SMSAPI_UNAVAILABLE', message: 'SMSAPI OAuth endpoint unreachable' };
  }
  const body = res.body;
  const parsed = TokenAnswer.safeParse(body);
  if (res.status < 200 || res.status >= 300 || !parsed.success) {
    const error = (body as { error?: unknown } | undefined)?.error;
    return {
      ok: false,
      code: typeof error === 'string' ? error : `HTTP_${res.status}`,
      message: `SMSAPI OAuth answered HTTP ${res.status}`,
    };
  }
  return { ok: true, tokens: { accessToken: parsed.data.access_token, refreshToken: parsed.data.refresh_token } };
}

export const exchangeCode = (deps: Deps, code: string) =>
  tokenRequest(deps, { grant_type: 'authorization_code', code, redirect_uri: oauthCallbackUrl(deps) });

export const refreshTokens = (deps: Deps, refreshToken: string) =>
  tokenRequest(deps, { grant_type: 'refresh_token', refresh_token: refreshToken });
