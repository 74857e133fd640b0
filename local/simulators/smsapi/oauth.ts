// SMSAPI's OAuth web flow for integrations: the consent page, the redirect with a code, and the token endpoint.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials, escapeHtml, redirect, sendHtml, sendJson, type Params } from './http';
import type { SimulatorStore } from './store';

/**
 * The one OAuth client SMSAPI "registered" for us: client_id 'sim-client', client_secret 'sim-secret'.
 * Any http(s) redirect_uri is accepted, because local ports change from run to run.
 */
export const OAUTH_CLIENTS: Record<string, { secret: string; name: string }> = {
  'sim-client': { secret: 'sim-secret', name: 'Shoper' },
};

const CODE_TTL_MS = 10 * 60 * 1000;
/** Access tokens live 30 days here; refresh_token renews them. */
export const ACCESS_TOKEN_TTL_S = 30 * 24 * 60 * 60;

// What each scope lets the integration do, worded as on SMSAPI's consent page (manual 4.1.1).
const SCOPE_LABELS: Record<string, string> = {
  contacts: 'Kontakty - Dostęp do bazy kontaktów',
  sms: 'SMS - Dostęp do wysyłki SMS',
  sms_sender: 'Pola nadawcy - Dostęp do zarządzania polami nadawcy SMS',
  profile: 'Profil - Dostęp do danych konta',
  blacklist: 'Czarna lista - Dostęp do czarnej listy numerów',
};

function scopesOf(scope: string): string[] {
  return scope
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function validRedirect(uri: string | undefined): URL | null {
  if (!uri) return null;
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function errorPage(res: ServerResponse, status: number, polish: string, english: string): void {
  sendHtml(
    res,
    status,
    `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>SMSAPI - błąd</title>${STYLE}</head>` +
      `<body><main class="card"><div class="brand">SMSAPI</div><h1>${escapeHtml(polish)}</h1>` +
      `<p class="muted">${escapeHtml(english)}</p></main></body></html>`,
  );
}

/** GET /oauth/access?response_type=code&client_id&redirect_uri&scope&state */
export function consentPage(res: ServerResponse, store: SimulatorStore, params: Params): void {
  const clientId = params.get('client_id') ?? '';
  const client = OAUTH_CLIENTS[clientId];
  if (!client) return errorPage(res, 400, 'Nieznana aplikacja (client_id).', `Unknown OAuth client_id "${clientId}".`);
  // The authorization-code grant needs response_type=code (PROTOCOLS.md, Corrections: SMSAPI's authorize URL).
  if (params.get('response_type') !== 'code') {
    return errorPage(res, 400, 'Brak parametru response_type=code.', 'response_type=code is required.');
  }
  if (!validRedirect(params.get('redirect_uri'))) {
    return errorPage(res, 400, 'Brak lub błędny adres powrotu (redirect_uri).', 'Missing or invalid redirect_uri.');
  }
  const scope = params.get('scope') ?? 'sms';
  const hidden = (name: string) =>
    `<input type="hidden" name="${name}" value="${escapeHtml(name === 'scope' ? scope : (params.get(name) ?? ''))}">`;
  const accounts = [...store.accounts.keys()]
    .map((u) => `<option value="${escapeHtml(u)}"${u === 'demo-shop' ? ' selected' : ''}>${escapeHtml(u)}</option>`)
    .join('');
  const scopeItems = scopesOf(scope)
    .map((s) => `<li>${escapeHtml(SCOPE_LABELS[s] ?? s)}</li>`)
    .join('');
  const name = escapeHtml(client.name);
  sendHtml(
    res,
    200,
    `<!doctype html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<title>SMSAPI - autoryzacja aplikacji</title>${STYLE}</head><body><main class="card">` +
      `<div class="brand">SMSAPI <span>symulator</span></div>` +
      `<h1>${name} wymaga dostępu do Twojego konta SMSAPI</h1>` +
      `<p>Pamiętaj, że kontynuując zgadzasz się na dostęp zewnętrznej aplikacji do danych zapisanych na Twoim koncie SMSAPI.</p>` +
      `<p class="muted">${name} is asking for access to your SMSAPI account.</p>` +
      `<h2>${name} potrzebuje dostępu do:</h2><ul class="scopes">${scopeItems}</ul>` +
      `<form method="post" action="/oauth/access">` +
      `<label>Zaloguj jako / Log in as <select name="username">${accounts}</select></label>` +
      ['response_type', 'client_id', 'redirect_uri', 'scope', 'state'].map(hidden).join('') +
      `<div class="buttons"><button type="submit" name="decision" value="deny" class="secondary">Odmów</button>` +
      `<button type="submit" name="decision" value="accept" class="primary">Akceptuj</button></div>` +
      `</form></main></body></html>`,
  );
}

/** POST /oauth/access: the person clicked Akceptuj or Odmów. */
export function consentDecision(res: ServerResponse, store: SimulatorStore, params: Params, now: Date): void {
  const clientId = params.get('client_id') ?? '';
  const target = validRedirect(params.get('redirect_uri'));
  if (!OAUTH_CLIENTS[clientId] || !target || params.get('response_type') !== 'code') {
    return errorPage(res, 400, 'Błędne żądanie autoryzacji.', 'Invalid authorization request.');
  }
  const state = params.get('state');
  if (state) target.searchParams.set('state', state);
  if (params.get('decision') !== 'accept') {
    target.searchParams.set('error', 'access_denied');
    return redirect(res, target.toString());
  }
  const username = params.get('username') ?? 'demo-shop';
  if (!store.accounts.has(username)) {
    return errorPage(res, 400, 'Nie ma takiego konta SMSAPI.', `No simulated account "${username}".`);
  }
  const code = randomBytes(24).toString('base64url');
  store.authCodes.set(code, {
    code,
    username,
    clientId,
    redirectUri: params.get('redirect_uri') ?? '',
    scope: params.get('scope') ?? 'sms',
    expiresAt: now.getTime() + CODE_TTL_MS,
  });
  target.searchParams.set('code', code);
  redirect(res, target.toString());
}

function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description });
}

/** POST /api/oauth/token (authorization_code or refresh_token grant). */
export function issueToken(req: IncomingMessage, res: ServerResponse, store: SimulatorStore, params: Params, now: Date): void {
  const basic = basicCredentials(req);
  const clientId = params.get('client_id') ?? basic?.user ?? '';
  const clientSecret = params.get('client_secret') ?? basic?.password ?? '';
  const client = OAUTH_CLIENTS[clientId];
  if (!client || client.secret !== clientSecret) {
    return oauthError(res, 401, 'invalid_client', 'Client authentication failed (client_id or client_secret)');
  }
  const grantType = params.get('grant_type');
  let username: string;
  let scope: string;
  if (grantType === 'authorization_code') {
    const code = store.authCodes.get(params.get('code') ?? '');
    // A code is single use, whatever happens next.
    if (code) store.authCodes.delete(code.code);
    const redirectUri = params.get('redirect_uri');
    if (
      !code ||
      code.expiresAt <= now.getTime() ||
      code.clientId !== clientId ||
      (redirectUri !== undefined && redirectUri !== code.redirectUri)
    ) {
      return oauthError(res, 400, 'invalid_grant', 'Authorization code is invalid, expired, used or issued to another client');
    }
    username = code.username;
    scope = code.scope;
  } else if (grantType === 'refresh_token') {
    const refreshToken = params.get('refresh_token') ?? '';
    const grant = store.oauthGrants.find((g) => g.refreshToken === refreshToken && g.clientId === clientId);
    if (!grant) return oauthError(res, 400, 'invalid_grant', 'Refresh token is invalid or was already used');
    // Rotation: the old pair stops working once a new one is issued.
    store.oauthGrants = store.oauthGrants.filter((g) => g !== grant);
    username = grant.username;
    scope = grant.scope;
  } else {
    return oauthError(res, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  }
  const grant = {
    accessToken: `sim-oauth-${randomBytes(20).toString('hex')}`,
    refreshToken: `sim-refresh-${randomBytes(20).toString('hex')}`,
    username,
    clientId,
    scope,
    expiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_S * 1000).toISOString(),
  };
  store.oauthGrants.push(grant);
  store.changed();
  sendJson(res, 200, {
    access_token: grant.accessToken,
    refresh_token: grant.refreshToken,
    expires_in: ACCESS_TOKEN_TTL_S,
    token_type: 'bearer',
    scope,
  });
}

const STYLE = `<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#eef1f6;color:#1d2433}
.card{max-width:520px;margin:48px auto;background:#fff;border-radius:10px;box-shadow:0 2px 12px rgba(20,30,60,.12);padding:32px 36px}
.brand{font-weight:800;font-size:22px;color:#1a1f71;letter-spacing:.5px;margin-bottom:20px}
.brand span{font-weight:400;font-size:13px;color:#8a93a6;margin-left:6px}
h1{font-size:20px;margin:0 0 12px}h2{font-size:15px;margin:20px 0 8px}
p{line-height:1.5;margin:0 0 8px}.muted{color:#6b7385;font-size:13px}
.scopes{padding-left:20px;margin:0 0 20px}.scopes li{margin:6px 0}
label{display:block;font-size:14px;margin-bottom:20px}select{margin-left:8px;padding:4px 6px}
.buttons{display:flex;justify-content:flex-end;gap:12px}
button{border-radius:6px;padding:10px 22px;font-size:15px;cursor:pointer;border:1px solid #1a1f71}
.primary{background:#1a1f71;color:#fff}.secondary{background:#fff;color:#1a1f71}
</style>`;
