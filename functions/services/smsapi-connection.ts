// Use case: the shop's SMSAPI account ("Konto SMSAPI"): its state as SMSAPI sees it (login, points, ACTIVE
// sender names, account problems), connecting with a pasted API token or the OAuth web flow, choosing the
// sender name and the special-character replacement, and disconnecting. The token never leaves the backend.
import { AppError, badRequest, conflict, unauthorized } from '#domain/errors';
import type { AccountProblem, SmsapiSettingsBody, SmsapiStateResponse } from '#domain/api-smsapi';
import type { SmsapiConnection } from '#domain/model';
import { apiErrorCode, errorLogCode, failureMessage, isAccountProblem, type SmsapiFailure } from '#domain/smsapi-failure';
import { smsapiErrorMessage } from '#domain/smsapi-codes';
import { createSmsapiAccountRepository } from '#adapters/dynamodb/smsapi-account';
import type { Deps } from './deps';
import type { SmsapiProfile, SmsapiSenderName } from './ports';
import { exchangeCode, verifyState } from './smsapi-oauth';
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
};

const activeSenders = (names: SmsapiSenderName[]) => names.filter((s) => s.status === 'ACTIVE');

/** The sender to use when the merchant has not chosen one: the account's default ACTIVE name, or the first. */
const defaultSender = (names: SmsapiSenderName[]) => {
  const active = activeSenders(names);
  return (active.find((s) => s.isDefault) ?? active[0])?.sender;
};

/** A prepaid account with no points cannot send: show it before the first SMS fails with 103. */
function profileProblem(profile: SmsapiProfile, at: string): AccountProblem | undefined {
  if (profile.paymentType === 'postpaid' || profile.points > 0) return undefined;
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
  const connection = await deps.store.getSmsapi(shop);
  if (!connection) return DISCONNECTED;
  const state: SmsapiStateResponse = {
    ...DISCONNECTED,
    connected: true,
    method: connection.method,
    login: connection.login,
    senderName: connection.senderName ?? null,
    replaceSpecialCharacters: connection.replaceSpecialCharacters,
    connectedAt: connection.connectedAt,
  };
  const at = deps.clock.now().toISOString();
  const accounts = createSmsapiAccountRepository(deps.store);
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
  state.points = profile.value.points;
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
  const previous = (await deps.store.getSmsapi(shop)) ?? (await createSmsapiAccountRepository(deps.store).lastChoices(shop));
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
  await createSmsapiAccountRepository(deps.store).recordCheck(shop, { checkedAt: at, ...(problem ? { problem } : {}) });
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
  if (!(await createSmsapiAccountRepository(deps.store).updateSettings(shop, choices))) {
    throw conflict('SMSAPI_NOT_CONNECTED', 'Konto SMSAPI zostało właśnie odłączone. / The SMSAPI account was just disconnected.');
  }
  return connectionState(deps, shop);
}

/** DELETE /api/smsapi: forgets the tokens. (An OAuth grant can also be revoked in the SMSAPI panel.) */
export async function disconnectSmsapi(deps: Deps, shop: string): Promise<SmsapiStateResponse> {
  const current = await deps.store.getSmsapi(shop);
  if (current) {
    const { login, senderName, replaceSpecialCharacters } = current;
    await createSmsapiAccountRepository(deps.store).rememberChoices(shop, { login, senderName, replaceSpecialCharacters });
  }
  await deps.store.deleteSmsapi(shop);
  await createSmsapiAccountRepository(deps.store).deleteCheck(shop);
  deps.logger.info('smsapi disconnected', { shop });
  return DISCONNECTED;
}

/**
 * GET /smsapi/oauth/callback: SMSAPI sends the merchant back with `code` (Akceptuj) or `error=access_denied`
 * (Odmów). Returns where to send the browser next: the app, with `?smsapi=connected|denied|error`.
 */
export async function completeOAuth(deps: Deps, query: Record<string, string | undefined>): Promise<string> {
  const shop = await verifyState(deps, query.state);
  const back = (outcome: string, reason?: string) =>
    `${deps.config.APP_URL}/?smsapi=${outcome}${reason ? `&reason=${encodeURIComponent(reason)}` : ''}`;
  if (query.error) return query.error === 'access_denied' ? back('denied') : back('error', query.error);
  if (!query.code) throw badRequest('FIELD_REQUIRED', 'code is required', 'code');
  const record = await deps.store.getShop(shop);
  if (!record || record.status !== 'installed') throw unauthorized('SESSION_SHOP_UNKNOWN', 'The app is not installed in this shop');

  const exchange = await exchangeCode(deps, query.code);
  if (!exchange.ok) {
    deps.logger.warn('smsapi oauth code exchange failed', { shop, code: exchange.code });
    return back('error', exchange.code);
  }
  const accessToken = exchange.tokens.accessToken;
  const profile = await deps.sms.profile(accessToken);
  if (!profile.ok) return accountCheckFailed(deps, shop, profile, back);
  const senders = await deps.sms.senderNames(accessToken);
  if (!senders.ok) return accountCheckFailed(deps, shop, senders, back);
  const connection = await newConnection(
    deps,
    shop,
    { method: 'oauth', token: accessToken, refreshToken: exchange.tokens.refreshToken, profile: profile.value, senders: senders.value },
    {},
  );
  await storeConnection(deps, shop, connection, profile.value);
  return back('connected');
}

function accountCheckFailed(deps: Deps, shop: string, failure: SmsapiFailure, back: (outcome: string, reason?: string) => string) {
  deps.logger.warn('smsapi oauth account check failed', { shop, code: failure.code });
  return back('error', apiErrorCode(failure));
}
