// Secrets stay secret: a whole merchant session — install (Shoper OAuth tokens), SMSAPI connected by pasted token
// and by OAuth, SMS sent and refused, delivery reports, a sign-up, both kinds of token refresh (Shoper's also by
// parallel requests and by two instances at once, which must not lose the shop its tokens), a Shoper outage —
// and then every answer the app gave and every log line it wrote are searched for the plaintext tokens and
// secrets, and the logs for whole phone numbers (a log may show a number's last three digits, never all of it).
import type { LocalRuntime } from '../../local/runtime';
import { LOCAL_SECRETS } from '../../local/runtime';
import { ADMIN_ROUTES } from '#handlers/admin';
import { createShoperClient } from '#services/shoper-client';
import { adminCall, answers, call, signIn } from '../support/attack-kit';
import { eventually, registeredWebhook, startTestRuntime } from '../support/runtime';

const DAY = 24 * 3600 * 1000;
let rt: LocalRuntime;
let licence: string;
const secrets = new Set<string>();
/** National numbers (nine digits) of every phone the session used. */
const phones = ['601234567', '601999913', '538506896', '512345678', '698765432'];

const refreshCalls = () => rt.shop.apiCalls('sekret').filter((c) => c.path.includes('grant_type=refresh_token')).length;
const api = async (method: string, path: string, body?: unknown) => adminCall(rt, await signIn(rt, 'sekret'), method, path, body);

/** Remembers the SMSAPI tokens the app holds right now (they rotate on refresh). */
async function rememberSmsapiTokens() {
  const stored = await rt.deps.store.getSmsapi(licence);
  if (!stored) return;
  secrets.add(await rt.deps.cipher.decrypt(stored.token, licence));
  if (stored.refreshToken) secrets.add(await rt.deps.cipher.decrypt(stored.refreshToken, licence));
}

function rememberShoperSecrets() {
  const sim = rt.shop.shop('sekret');
  for (const t of sim.tokens) {
    secrets.add(t.accessToken);
    secrets.add(t.refreshToken);
  }
  for (const c of sim.authCodes) secrets.add(c.code);
}

async function connectWithOAuth() {
  // One admin session for the whole flow: the OAuth state is bound to the session that asked for it.
  const session = await signIn(rt, 'sekret');
  const start = await adminCall(rt, session, 'GET', '/api/smsapi/oauth/start');
  const url = new URL(start.body.url as string);
  const form = new URLSearchParams({ ...Object.fromEntries(url.searchParams), username: 'demo-shop', decision: 'accept' });
  const consent = await fetch(`${rt.smsapi.oauthUrl}/oauth/access`, { method: 'POST', body: form, redirect: 'manual' });
  const callback = new URL(consent.headers.get('location')!);
  secrets.add(callback.searchParams.get('code')!);
  const back = await call(callback.toString());
  expect(back.status).toBe(302);
  // The consent window hands code and state to the app window, which completes with its session.
  const handed = new URL(back.headers.get('location')!);
  const done = await adminCall(rt, session, 'POST', '/api/smsapi/oauth/complete', {
    code: handed.searchParams.get('code'),
    state: handed.searchParams.get('state'),
  });
  expect(done.status).toBe(200);
}

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'sekret', name: 'Sklep Sekret' }).licence;
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('a whole session runs: install, both SMSAPI connections, sends, reports, refreshes, an outage', async () => {
  expect((await rt.shop.install('sekret')).status).toBe(200);
  rememberShoperSecrets();
  secrets.add(registeredWebhook(rt, 'sekret', 'order.create').secret);
  secrets.add('sim-token-demo');

  expect((await api('PUT', '/api/smsapi', { token: 'sim-token-demo' })).status).toBe(200);
  expect((await api('PUT', '/api/smsapi', { senderName: 'SKLEP 123' })).status).toBe(200);
  expect((await api('PUT', '/api/settings', { ownerPhone: '+48 538 506 896' })).status).toBe(200);
  expect((await api('PUT', '/api/templates/owner-new-order', { enabled: true, delayDays: 0, text: 'Nowe {order_id}' })).status).toBe(200);
  expect((await api('PUT', '/api/templates/order-status/2', { enabled: true, delayDays: 0, text: 'Status {order_id}' })).status).toBe(200);
  expect((await api('PUT', '/api/templates/back-in-stock', { enabled: true, delayDays: 0, text: '{product_name} wrócił' })).status).toBe(
    200,
  );

  // SMS sent, and one refused by SMSAPI (numbers ending in 13), with their delivery reports.
  const sent = await rt.shop.placeOrder('sekret', { phone: '601 234 567' });
  await rt.shop.changeStatus('sekret', sent.orderId, 2);
  const refused = await rt.shop.placeOrder('sekret', { phone: '601 999 913' });
  await rt.shop.changeStatus('sekret', refused.orderId, 2);
  expect((await api('POST', '/api/smsapi/test', { phone: '698 765 432' })).status).toBe(200);
  const signUp = await call(`${rt.url}/storefront/${licence}/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ productId: 3, phone: '512 345 678', consent: true, consentTextVersion: 'v1', locale: 'pl' }),
  });
  expect(signUp.status).toBe(201);
  expect(await eventually(async () => (await rt.deps.store.listJobs(licence, { states: ['DELIVERED'] })).length >= 3, 15_000)).toBe(true);

  // SMSAPI by OAuth, then an access token SMSAPI no longer accepts: refreshed on the next call.
  await connectWithOAuth();
  await rememberSmsapiTokens();
  const stored = (await rt.deps.store.getSmsapi(licence))!;
  expect(stored.method).toBe('oauth');
  await rt.deps.store.putSmsapi(licence, { ...stored, token: await rt.deps.cipher.encrypt('sim-oauth-expired', licence) });
  expect((await api('GET', '/api/smsapi')).body).toMatchObject({ connected: true, method: 'oauth' });
  await rememberSmsapiTokens();
  expect((await rt.deps.store.getSmsapi(licence))!.refreshToken).not.toBe(stored.refreshToken);

  // Shoper's access token near its expiry: the status list is re-read (several requests at once) and the token
  // refreshed first — once, since Shoper rotates the refresh token and a second use of it would be refused.
  const refreshes = refreshCalls();
  await rt.advanceClock(29.5 * DAY);
  expect((await api('GET', '/api/statuses')).status).toBe(200);
  expect(refreshCalls()).toBe(refreshes + 1);
  expect(rt.logs.filter((l) => l.message === 'status list refresh failed')).toEqual([]);
  rememberShoperSecrets();

  // Two instances refreshing at once: the one whose refresh is refused takes the tokens the other stored.
  await rt.advanceClock(29.5 * DAY);
  const shop = (await rt.deps.store.getShop(licence))!;
  const [one, two] = await Promise.all([
    createShoperClient(rt.deps, shop).get('application-config'),
    createShoperClient(rt.deps, shop).get('application-config'),
  ]);
  expect(one).toBeDefined();
  expect(two).toBeDefined();
  expect(refreshCalls()).toBe(refreshes + 3);
  rememberShoperSecrets();

  // Shoper failing: the refresh of the status list is logged as a warning, with the error's message.
  rt.shop.injectRestFaults({ status: 500, count: 20 });
  await rt.advanceClock(2 * 3600 * 1000);
  expect((await api('GET', '/api/statuses')).status).toBe(200);
  rt.shop.injectRestFaults({ status: 500, count: 0 });

  // Every read route once more, so their answers are searched too.
  for (const route of ADMIN_ROUTES.filter((r) => r.method === 'GET' && !r.public && !r.path.includes('{'))) {
    expect((await api('GET', route.path)).status).toBe(200);
  }
  await rt.idle();
  expect(secrets.size).toBeGreaterThanOrEqual(10);
  expect(rt.logs.length).toBeGreaterThan(10);
}, 120_000);

test('no answer of the app carries a token or secret', () => {
  const all = [
    ...secrets,
    ...Object.values(LOCAL_SECRETS).filter((v) => v !== LOCAL_SECRETS.SHOPER_CLIENT_ID && v !== LOCAL_SECRETS.SMSAPI_CLIENT_ID),
  ];
  expect(answers.length).toBeGreaterThan(30);
  for (const answer of answers) {
    for (const secret of all) {
      if (answer.text.includes(secret)) throw new Error(`${answer.url} answered with a secret (${secret.slice(0, 4)}…)`);
    }
  }
});

test('no log line carries a token or secret', () => {
  const all = [
    ...secrets,
    ...Object.values(LOCAL_SECRETS).filter((v) => v !== LOCAL_SECRETS.SHOPER_CLIENT_ID && v !== LOCAL_SECRETS.SMSAPI_CLIENT_ID),
  ];
  for (const line of rt.logs) {
    const text = JSON.stringify(line);
    for (const secret of all) {
      if (text.includes(secret)) throw new Error(`log line "${line.message}" carries a secret (${secret.slice(0, 4)}…)`);
    }
  }
});

test('no log line carries a whole phone number (the last three digits at most)', () => {
  for (const line of rt.logs) {
    const digits = JSON.stringify(line).replace(/[\s-]/g, '');
    for (const phone of phones) {
      if (digits.includes(phone.slice(0, 7)))
        throw new Error(`log line "${line.message}" carries the number …${phone.slice(-3)}: ${JSON.stringify(line).slice(0, 300)}`);
    }
  }
});
