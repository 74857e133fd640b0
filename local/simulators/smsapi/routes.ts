// Routes every request: SMSAPI's API (Bearer token), its OAuth pages, and the simulator's own /__sim controls.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  addToBlacklist,
  createSenderName,
  deleteSenderName,
  getProfile,
  getSenderName,
  listBlacklist,
  listSenderNames,
  makeDefaultSenderName,
  removeBlacklistEntry,
  removeFromBlacklist,
} from './account-api';
import { smsError } from './errors';
import { rollTransientFault, type FaultSettingsError } from './faults';
import { BadRequest, bearerToken, parseParams, readBody, redirect, sendHtml, sendJson, sendText, type Params } from './http';
import { consentDecision, consentPage, issueToken } from './oauth';
import { faultsFromForm, outboxPage } from './pages';
import { sendSms } from './send-sms';
import type { Account, SimulatorStore, SmsRecord } from './store';
import type { ApiRequestRecord, FaultSettings, SimulatedSms } from './types';

export interface SimulatorContext {
  store: SimulatorStore;
  now: () => Date;
  faults(): FaultSettings;
  setFaults(patch: Partial<FaultSettings>): FaultSettingsError | null;
  random(): number;
  recordRequest(record: ApiRequestRecord): void;
  requests(): ApiRequestRecord[];
  /** Keep the connection open for `ms`, then destroy the socket without answering. */
  hang(res: ServerResponse, ms: number): void;
  reset(): void;
}

/** The public view of an outbox entry, without the simulator's delivery bookkeeping. */
export function publicSms(sms: SmsRecord): SimulatedSms {
  const { deliverAt: _deliverAt, doneAt: _doneAt, reportPending: _reportPending, ...rest } = sms;
  return rest;
}

function isForm(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
}

function unauthorized(res: ServerResponse): void {
  // Real SMSAPI: HTTP 401 with the legacy numeric code 101.
  sendJson(res, 401, smsError(101));
}

async function handleSmsDo(ctx: SimulatorContext, res: ServerResponse, account: Account, params: Params): Promise<void> {
  const faults = ctx.faults();
  // A forced error (fault injection: any code of SMSAPI's list) answers this call, once.
  const forced = faults.forcedErrors[0];
  if (forced !== undefined) {
    ctx.setFaults({ forcedErrors: faults.forcedErrors.slice(1) });
    return sendJson(res, 200, smsError(forced));
  }
  const fault = rollTransientFault(faults, ctx.random);
  if (fault === '203') return sendJson(res, 200, smsError(203));
  if (fault === '500') return sendText(res, 500, 'Internal Server Error');
  if (fault === '429') return sendJson(res, 429, smsError(203));
  if (fault === 'timeout') return ctx.hang(res, faults.timeoutMs);

  const outcome = sendSms({ store: ctx.store, account, params, now: ctx.now(), faults });
  // The SMS is accepted and remembered (idx included), but the answer never reaches the caller.
  if (fault === 'accepted-then-timeout' && outcome.accepted.length > 0) return ctx.hang(res, faults.timeoutMs);
  if (params.get('format') === 'json') return sendJson(res, 200, outcome.body);
  sendText(res, 200, outcome.text);
}

async function handleApi(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  method: string,
  params: Params,
): Promise<boolean> {
  const segments = path
    .split('/')
    .filter((s) => s.length > 0)
    .map(decodeURIComponent);
  const route = `${method} ${path}`;
  const isSms = path === '/sms.do' && (method === 'POST' || method === 'GET');
  const isSender = segments[0] === 'sms' && segments[1] === 'sendernames';
  const isBlacklist = segments[0] === 'blacklist' && segments[1] === 'phone_numbers';
  if (!isSms && route !== 'GET /profile' && !isSender && !isBlacklist) return false;

  const token = bearerToken(req);
  const account = token ? ctx.store.accountForToken(token, ctx.now()) : undefined;
  if (!account) {
    if (isSms && params.get('format') !== 'json') {
      sendText(res, 401, 'ERROR:101');
      return true;
    }
    unauthorized(res);
    return true;
  }
  const { store } = ctx;
  const now = ctx.now();
  const sender = segments[2];

  if (isSms) await handleSmsDo(ctx, res, account, params);
  else if (route === 'GET /profile') getProfile(res, account);
  else if (isSender && segments.length === 2 && method === 'GET') listSenderNames(res, account);
  else if (isSender && segments.length === 2 && method === 'POST') createSenderName(res, store, account, params, now);
  else if (isSender && sender && segments.length === 3 && method === 'GET') getSenderName(res, account, sender);
  else if (isSender && sender && segments.length === 3 && method === 'DELETE') deleteSenderName(res, store, account, sender);
  else if (isSender && sender && segments[3] === 'commands' && segments[4] === 'make_default' && method === 'POST') {
    makeDefaultSenderName(res, store, account, sender);
  } else if (isBlacklist && segments.length === 2 && method === 'GET') listBlacklist(res, account, params);
  else if (isBlacklist && segments.length === 2 && method === 'POST') addToBlacklist(res, store, account, params, now);
  else if (isBlacklist && segments.length === 2 && method === 'DELETE') removeFromBlacklist(res, store, account, params);
  else if (isBlacklist && segments[2] && segments.length === 3 && method === 'DELETE') {
    removeBlacklistEntry(res, store, account, segments[2]);
  } else {
    sendJson(res, 405, { message: `${method} is not allowed on ${path}`, error: 'method_not_allowed' });
  }
  return true;
}

function handleSimControls(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  method: string,
  body: string,
): boolean {
  const route = `${method} ${path}`;
  if (route === 'GET /') {
    sendHtml(res, 200, outboxPage(ctx.store, ctx.faults()));
  } else if (route === 'GET /__sim/outbox.json') {
    sendJson(res, 200, ctx.store.outbox.map(publicSms));
  } else if (route === 'GET /__sim/requests.json') {
    sendJson(res, 200, ctx.requests());
  } else if (route === 'GET /__sim/faults' || route === 'GET /__sim/faults.json') {
    sendJson(res, 200, ctx.faults());
  } else if (route === 'POST /__sim/faults') {
    let patch: Partial<FaultSettings>;
    if (isForm(req)) {
      patch = faultsFromForm(body);
    } else {
      try {
        patch = JSON.parse(body || '{}') as Partial<FaultSettings>;
      } catch {
        sendJson(res, 400, { code: 'SIM_FAULTS_INVALID', message: 'Body must be JSON with FaultSettings fields' });
        return true;
      }
    }
    const error = ctx.setFaults(patch);
    if (error) {
      if (isForm(req)) sendHtml(res, 400, outboxPage(ctx.store, ctx.faults(), `Nie zapisano: ${error.message}`));
      else sendJson(res, 400, error);
    } else if (isForm(req)) {
      redirect(res, '/', 303);
    } else {
      sendJson(res, 200, ctx.faults());
    }
  } else if (route === 'POST /__sim/points') {
    // Moves an account's balance (a test, or a person trying the low-balance alert): {"username", "points"}.
    let input: { username?: unknown; points?: unknown };
    try {
      input = isForm(req) ? Object.fromEntries(new URLSearchParams(body)) : (JSON.parse(body || '{}') as typeof input);
    } catch {
      input = {};
    }
    const account = typeof input.username === 'string' ? ctx.store.accounts.get(input.username) : undefined;
    const points = Number(input.points);
    if (!account || input.points === '' || !Number.isFinite(points) || points < 0) {
      sendJson(res, 400, { code: 'SIM_POINTS_INVALID', message: 'Send {"username": an account login, "points": a number, 0 or more}' });
      return true;
    }
    account.points = points;
    ctx.store.changed();
    if (isForm(req)) redirect(res, '/', 303);
    else sendJson(res, 200, { username: account.username, points });
  } else if (route === 'POST /__sim/reset') {
    ctx.reset();
    if (isForm(req)) redirect(res, '/', 303);
    else sendJson(res, 200, { ok: true });
  } else {
    return false;
  }
  return true;
}

export function createRequestHandler(ctx: SimulatorContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://simulator.local');
      const method = (req.method ?? 'GET').toUpperCase();
      let path = url.pathname;
      if (path !== '/' && !path.startsWith('/__sim/')) {
        ctx.recordRequest({ path, method, at: ctx.now().toISOString() });
      }
      const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
      if (handleSimControls(ctx, req, res, path, method, body)) return;

      const params = parseParams(req, url, body);
      if (path === '/oauth/access' && method === 'GET') return consentPage(res, ctx.store, params);
      if (path === '/oauth/access' && method === 'POST') return consentDecision(res, ctx.store, params, ctx.now());
      if ((path === '/api/oauth/token' || path === '/oauth/token') && method === 'POST') {
        return issueToken(req, res, ctx.store, params, ctx.now());
      }
      // SMSAPI serves sms.do both at the root and under /api; the REST endpoints follow suit here.
      if (path.startsWith('/api/')) path = path.slice(4);
      if (await handleApi(ctx, req, res, path, method, params)) return;
      sendJson(res, 404, { message: `No such endpoint: ${method} ${path}`, error: 'not_found' });
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
      } else if (err instanceof BadRequest) {
        sendJson(res, 400, { error: 8, message: err.message, code: err.code });
      } else {
        console.warn(JSON.stringify({ level: 'ERROR', source: 'smsapi-simulator', message: (err as Error).message }));
        sendJson(res, 500, smsError(999));
      }
    }
  };
}
