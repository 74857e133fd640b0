// Calls SMSAPI with a shop's stored token. An OAuth access token expires: when SMSAPI refuses it (101) and we
// hold a refresh token, we refresh once, store the new pair and repeat the call. Pasted API tokens do not expire.
import type { SmsapiConnection } from '#domain/model';
import type { Deps } from './deps';
import { refreshTokens } from './smsapi-oauth';

const AUTHORIZATION_FAILED = 101;

type Answer = { ok: true } | { ok: false; code: number; transport?: 'api' | 'http' | 'network' };

const refused = (answer: Answer) =>
  !answer.ok && answer.code === AUTHORIZATION_FAILED && (answer.transport === undefined || answer.transport === 'api');

export async function callWithToken<R extends Answer>(
  deps: Deps,
  shop: string,
  connection: SmsapiConnection,
  run: (token: string) => Promise<R>,
): Promise<{ result: R; token: string }> {
  const token = await deps.cipher.decrypt(connection.token, shop);
  const result = await run(token);
  if (!refused(result) || connection.method !== 'oauth' || !connection.refreshToken) return { result, token };
  const fresh = await refreshConnection(deps, shop, connection);
  if (!fresh) return { result, token };
  return { result: await run(fresh), token: fresh };
}

/**
 * A fresh access token for a connection whose token `stale` was refused, or undefined when none can be had.
 * Several senders may find the token expired at once: whoever stores a new one first wins, the others use it
 * (SMSAPI rotates refresh tokens, so a second refresh with the old one would fail).
 */
export async function refreshConnection(deps: Deps, shop: string, stale: SmsapiConnection): Promise<string | undefined> {
  const accounts = deps.smsapiAccount;
  const refreshedByOthers = async () => {
    const current = await deps.store.getSmsapi(shop);
    return current && current.token !== stale.token ? deps.cipher.decrypt(current.token, shop) : undefined;
  };
  const current = await deps.store.getSmsapi(shop);
  if (!current) return undefined;
  if (current.token !== stale.token) return deps.cipher.decrypt(current.token, shop);
  if (!current.refreshToken) return undefined;

  const refreshToken = await deps.cipher.decrypt(current.refreshToken, shop);
  const answer = await refreshTokens(deps, refreshToken);
  if (!answer.ok) {
    const other = await refreshedByOthers();
    if (!other) deps.logger.warn('smsapi token refresh refused', { shop, code: answer.code });
    return other;
  }
  const [token, refresh] = await Promise.all([
    deps.cipher.encrypt(answer.tokens.accessToken, shop),
    deps.cipher.encrypt(answer.tokens.refreshToken ?? refreshToken, shop),
  ]);
  const stored = await accounts.replaceTokens(shop, stale.token, token, refresh);
  deps.logger.info('smsapi token refreshed', { shop, stored });
  return answer.tokens.accessToken;
}
