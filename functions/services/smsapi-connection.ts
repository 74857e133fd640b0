// Use case: the shop's SMSAPI account ("Konto SMSAPI"): its state as SMSAPI sees it (login, points, ACTIVE
// sender names, account problems), connecting with a pasted API token or the OAuth web flow, choosing the
// sender name and the special-character replacement, and disconnecting. The token never leaves the backend.
import { AppError, badRequest, conflict } from '#domain/errors';
import type { AccountProblem, SmsapiSettingsBody, SmsapiStateResponse } from '#contracts/smsapi';
import type { SmsapiConnection } from '#domain/model';
import { apiErrorCode, errorLogCode, failureMessage, isAccountProblem, type SmsapiFailure } from '#domain/smsapi-failure';
import { smsapiErrorMessage } from '#domain/smsapi-codes';
import type { Deps } from './deps';
import type { SmsapiProfile, SmsapiSenderName } from './ports';
import { consumeState, exchangeCode, oauthAvailable } from './smsapi-oauth';
import { callWithToken } from './smsapi-token';

const INSUFFICIENT_POINTS = 103;

const DISCONNECTED: SmsapiStateResponse = {
  connected: false,
  method: null,
  login: null,
  points: null,
  senderName: null,
  senderNameActive: null,
  replaceSpecialCharacters: false,
  senders: [],
  connectedAt: null,
  accountType: null,
  oauthAvailable: false,
};

const activeSenders = (names: SmsapiSenderName[]) => names.filter((s) => s.status === 'ACTIVE');

/** The sender to use when the merchant has not chosen one: the account's default ACTIVE name, or the first. */
const defaultSender = (names: SmsapiSenderName[]) => {
  const active = activeSenders(names);
  return (active.find((s) => s.isDefault) ?? active[0])?.sender;
};

/** Accounts billed afterwards: SMSAPI shows no points balance for them and they do not stop at zero. */
const WITHOUT_BALANCE = new Set(['postpaid', 'subscription']);

/** A prepaid account with no points cannot send: show it before the first SMS fails with 103. */
function profileProblem(profile: SmsapiProfile, at: string): AccountProblem | undefined {
  if (profile.points === undefined || WITHOUT_BALANCE.has(profile.paymentType ?? '') || profile.points > 0) return undefined;
  return { code: INSUFFICIENT_POINTS, message: smsapiErrorMessage(INSUFFICIENT_POINTS), at };
}

const senderNotActive = (name: string) =>
  badRequest(
    'SMSAPI_SENDER_NOT_ACTIVE',
    `Pole nadawcy „${name}” nie jest aktywne na koncie SMSAPI — wybierz jedno z aktywnych pól nadawcy. / The sender name "${name}" is not ACTIVE on the SMSAPI account.`,
    'senderName',
  );

/** An SMSAPI failure while the merchant waits: 422 with SMSAPI's code, or 502 when SMSAPI did not answer. */
export function smsapiHttpError(failure: SmsapiFailure): AppError {
  const apiAnswered = failure.transport === undefined || failure.transport === 'api';
  return new AppError(apiAnswered ? 422 : 502, apiErrorCode(failure), failureMessage(failure), undefined, {
    smsapiCode: errorLogCode(failure),
  });
}

export async function connectionState(deps: Deps, shop: string): Promise<SmsapiStateResponse> {
  const [connection, oauth] = await Promise.all([deps.store.getSmsapi(shop), oauthAvailable(deps)]);
  if (!connection) return { ...DISCONNECTED, oauthAvailable: oauth };
  const state: SmsapiStateResponse = {
    ...DISCONNECTED,
    oauthAvailable: oauth,
    connected: true,
    method: connection.method,
    login: connection.login,
    senderName: connection.senderName ?? null,
    replaceSpecialCharacters: connection.replaceSpecialCharacters,
    connectedAt: connection.connectedAt,
  };
  const at = deps.clock.now().toISOString();
  const accounts = deps.smsapiAccount;
  const { result: profile, token } = await callWithToken(deps, shop, connection, (t) => deps.sms.profile(t));
  if (!profile.ok) {
    const problem = { code: errorLogCode(profile), message: failureMessage(profile), at };
    if (isAccountProblem(profile)) {
      await accounts.recordCheck(shop, { checkedAt: at, problem });
      return { ...state, accountProblem: problem };
    }
    return { ...state, unavailable: problem };
  }
  const problem = profileProblem(profile.value, at);
  await accounts.recordCheck(shop, { checkedAt: at, ...(problem ? { problem } : {}) });
  state.points = profile.value.points ?? null;
  state.accountType = profile.value.paymentType ?? null;
  if (problem) state.accountProblem = problem;

  const names = await deps.sms.senderNames(token);
  if (!names.ok) return { ...state, unavailable: { code: errorLogCode(names), message: failureMessage(names), at } };
  state.senders = activeSenders(names.value).map((s) => ({ name: s.sender, isDefault: s.isDefault }));
  state.senderNameActive = connection.senderName ? state.senders.some((s) => s.name === connection.senderName) : null;
  return state;
}

/** Verifies a new token's profile and sender names; 400 SMSAPI_TOKEN_INVALID with SMSAPI's reason if refused. */
async function verifyToken(deps: Deps, token: string): Promise<{ profile: SmsapiProfile; senders: SmsapiSenderName[] }> {
  const profile = await deps.sms.profile(token);
  if (!profile.ok) throw tokenRefused(profile);
  const senders = await deps.sms.senderNames(token);
  if (!senders.ok) throw tokenRefused(senders);
  return { profile: profile.value, senders: senders.value };
}

function tokenRefused(failure: SmsapiFailure): AppError {
  if (failure.transport !== undefined && failure.transport !== 'api') return smsapiHttpError(failure);
  return badRequest(
    'SMSAPI_TOKEN_INVALID',
    `SMSAPI odrzuciło token: ${failureMessage(failure)} / SMSAPI refused the token: ${failureMessage(failure, 'en')}`,
    'token',
    { smsapiCode: failure.code },
  );
}

/** The connection record for a newly verified account, keeping the merchant's choices when it is the same login. */
async function newConnection(
  deps: Deps,
  shop: string,
  input: { method: SmsapiConnection['method']; token: string; refreshToken?: string; profile: SmsapiProfile; senders: SmsapiSenderName[] },
  choices: { senderName?: string; replaceSpecialCharacters?: boolean },
): Promise<SmsapiConnection> {
  // After "Odłącz konto" the choices of the account live on, so connecting it again keeps them.
  const previous = (await deps.store.getSmsapi(shop)) ?? (await deps.smsapiAccount.lastChoices(shop));
  const sameAccount = previous?.login === input.profile.username;
  const active = activeSenders(input.senders).map((s) => s.sender);
  if (choices.senderName !== undefined && !active.includes(choices.senderName)) throw senderNotActive(choices.senderName);
  const kept = sameAccount && previous?.senderName && active.includes(previous.senderName) ? previous.senderName : undefined;
  const senderName = choices.senderName ?? kept ?? defaultSender(input.senders);
  const now = deps.clock.now().toISOString();
  return {
    token: await deps.cipher.encrypt(input.token, shop),
    ...(input.refreshToken ? { refreshToken: await deps.cipher.encrypt(input.refreshToken, shop) } : {}),
    method: input.method,
    login: input.profile.username,
    ...(senderName ? { senderName } : {}),
    replaceSpecialCharacters: choices.replaceSpecialCharacters ?? (sameAccount ? (previous?.replaceSpecialCharacters ?? false) : false),
    connectedAt: now,
  };
}

async function storeConnection(deps: Deps, shop: string, connection: SmsapiConnection, profile: SmsapiProfile) {
  await deps.store.putSmsapi(shop, connection);
  const at = deps.clock.now().toISOString();
  const problem = profileProblem(profile, at);
  await deps.smsapiAccount.recordCheck(shop, { checkedAt: at, ...(problem ? { problem } : {}) });
  deps.logger.info('smsapi connected', { shop, method: connection.method, login: connection.login });
}

/** PUT /api/smsapi: a pasted token connects (or replaces) the account; sender name and replacement are saved. */
export async function saveSmsapiSettings(deps: Deps, shop: string, body: SmsapiSettingsBody): Promise<SmsapiStateResponse> {
  const choices = { senderName: body.senderName, replaceSpecialCharacters: body.replaceSpecialCharacters };
  if (body.token !== undefined) {
    const { profile, senders } = await verifyToken(deps, body.token);
    const connection = await newConnection(deps, shop, { method: 'token', token: body.token, profile, senders }, choices);
    await storeConnection(deps, shop, connection, profile);
    return connectionState(deps, shop);
  }

  const connection = await deps.store.getSmsapi(shop);
  if (!connection) {
    throw conflict('SMSAPI_NOT_CONNECTED', 'Najpierw połącz konto SMSAPI (OAuth lub token API). / Connect an SMSAPI account first.');
  }
  if (body.senderName !== undefined && body.senderName !== connection.senderName) {
    const { result } = await callWithToken(deps, shop, connection, (t) => deps.sms.senderNames(t));
    if (!result.ok) throw smsapiHttpError(result);
    if (!activeSenders(result.value).some((s) => s.sender === body.senderName)) throw senderNotActive(body.senderName);
  }
  if (!(await deps.smsapiAccount.updateSettings(shop, choices))) {
    throw conflict('SMSAPI_NOT_CONNECTED', 'Konto SMSAPI zostało właśnie odłączone. / The SMSAPI account was just disconnected.');
  }
  return connectionState(deps, shop);
}

/** DELETE /api/smsapi: forgets the tokens. (An OAuth grant can also be revoked in the SMSAPI panel.) */
export async function disconnectSmsapi(deps: Deps, shop: string): Promise<SmsapiStateResponse> {
  const current = await deps.store.getSmsapi(shop);
  if (current) {
    const { login, senderName, replaceSpecialCharacters } = current;
    await deps.smsapiAccount.rememberChoices(shop, { login, senderName, replaceSpecialCharacters });
  }
  await deps.store.deleteSmsapi(shop);
  await deps.smsapiAccount.deleteCheck(shop);
  deps.logger.info('smsapi disconnected', { shop });
  return { ...DISCONNECTED, oauthAvailable: await oauthAvailable(deps) };
}

/**
 * GET /smsapi/oauth/callback: SMSAPI sends the merchant's browser back with `code` (Akceptuj) or
 * `error=access_denied` (Odmów). Nothing is connected here: the browser that comes back holds no admin session, and a
 * link may have been forwarded. The consent window goes on to the app (`?smsapi=authorized|denied|error`), which
 * hands code and state to the app window that opened it; that window, with its session, completes the connection.
 */
export function oauthReturn(deps: Deps, query: Record<string, string | undefined>): string {
  const back = new URL(`${deps.config.APP_URL}/`);
  const bounded = (value: string | undefined) => (value && value.length <= 512 ? value : undefined);
  const code = bounded(query.code);
  const state = bounded(query.state);
  if (query.error || !code || !state) {
    back.searchParams.set('smsapi', query.error === 'access_denied' ? 'denied' : 'error');
    if (query.error && query.error !== 'access_denied') back.searchParams.set('reason', query.error.slice(0, 64));
    else if (!query.error) back.searchParams.set('reason', 'MISSING_CODE');
    return back.toString();
  }
  back.searchParams.set('smsapi', 'authorized');
  back.searchParams.set('code', code);
  back.searchParams.set('state', state);
  return back.toString();
}

/**
 * POST /api/smsapi/oauth/complete: the app window that started the flow trades SMSAPI's code for tokens. The state
 * must be one this session asked for, unused and fresh (401 otherwise); it is used up before anything else happens.
 */
export async function completeOAuth(
  deps: Deps,
  shop: string,
  session: string,
  input: { code: string; state: string },
): Promise<SmsapiStateResponse> {
  await consumeState(deps, shop, session, input.state);
  const exchange = await exchangeCode(deps, input.code);
  if (!exchange.ok) {
    deps.logger.warn('smsapi oauth code exchange failed', { shop, code: exchange.code });
    throw new AppError(
      exchange.code === 'SMSAPI_UNAVAILABLE' ? 502 : 400,
      'SMSAPI_OAUTH_EXCHANGE_FAILED',
      `SMSAPI nie wydało tokenu (${exchange.code}) — połącz konto ponownie albo wklej token API. / SMSAPI did not issue a token (${exchange.code}).`,
      undefined,
      { reason: exchange.code },
    );
  }
  const accessToken = exchange.tokens.accessToken;
  const profile = await deps.sms.profile(accessToken);
  if (!profile.ok) throw smsapiHttpError(profile);
  const senders = await deps.sms.senderNames(accessToken);
  if (!senders.ok) throw smsapiHttpError(senders);
  const connection = await newConnection(
    deps,
    shop,
    { method: 'oauth', token: accessToken, refreshToken: exchange.tokens.refreshToken, profile: profile.value, senders: senders.value },
    {},
  );
  await storeConnection(deps, shop, connection, profile.value);
  return connectionState(deps, shop);
}
