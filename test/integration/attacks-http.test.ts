// Hostile bodies on every public route, over real HTTP: oversized (413), malformed JSON (400), wrong content
// types (415) — on the Shoper routes, the SMSAPI callback, the storefront and every admin route that takes a
// body (read from ADMIN_ROUTES, so a new route is covered without touching this file); and forged SMSAPI delivery
// reports (attacks-reports.test.ts). Each refusal has the JSON error shape and the shop's data is unchanged afterwards.
import type { LocalRuntime } from '../../local/runtime';
import { ADMIN_ROUTES } from '#handlers/admin';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { adminCall, call, expectRefused, postOnFreshConnection, signIn, snapshot, webhookSha1 } from '../support/attack-kit';
import { registeredWebhook, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let licence: string;
let origin: string;

/** Admin routes that read a JSON body, with their path parameters filled in with values valid for any shop. */
const bodyRoutes = () =>
  ADMIN_ROUTES.filter((r) => !r.public && (r.method === 'POST' || r.method === 'PUT')).map((r) => ({
    ...r,
    url: r.path
      .replace('{statusId}', '2')
      .replace('{kind}', 'owner-new-order')
      .replace(/\{[a-zA-Z]+\}/g, '0123456789abcdef0123456789abcdef'),
  }));

const STOREFRONT_ACTIONS = ['subscriptions', 'subscriptions/withdraw', 'basket', 'config'];

const storefront = (action: string, body: string, type = 'application/json') =>
  call(`${rt.url}/storefront/${licence}/${action}`, { method: 'POST', headers: { 'content-type': type, origin }, body });

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'http', name: 'Sklep HTTP' }).licence;
  expect((await rt.shop.install('http')).status).toBe(200);
  origin = new URL(rt.shop.url).origin;
  await rt.deps.store.putSettings(licence, { ...DEFAULT_SETTINGS });
  await rt.deps.store.putTemplate(licence, 'back-in-stock', { enabled: true, delayDays: 0, text: '{product_name} wrócił!' });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('the admin routes that take a body are known (the lists below are built from ADMIN_ROUTES)', () => {
  expect(bodyRoutes().length).toBeGreaterThanOrEqual(8);
});

/** The storefront counts every request per IP and hour (before reading the body): each test starts a new hour. */
const nextHour = () => rt.advanceClock(3600_000);

test('oversized bodies are 413 on every public route, before anything is read or stored', async () => {
  await nextHour();
  const token = await signIn(rt, 'http');
  const before = await snapshot(rt, licence);
  const registered = registeredWebhook(rt, 'http', 'order.create');
  const big = (bytes: number) => JSON.stringify({ text: 'x'.repeat(bytes) });

  const hook = big(1024 * 1024);
  const hookHeaders = {
    'content-type': 'application/json',
    'x-shop-license': licence,
    'x-webhook-id': registered.id,
    'x-webhook-name': 'order.create',
  };
  expectRefused(
    await call(`${rt.url}/shoper/webhooks`, {
      method: 'POST',
      headers: { ...hookHeaders, 'x-webhook-sha1': webhookSha1(registered.id, registered.secret, hook) },
      body: hook,
    }),
    413,
    'BODY_TOO_LARGE',
  );
  const form = `action=install&shop=${licence}&filler=${'x'.repeat(70 * 1024)}`;
  expectRefused(
    await call(`${rt.url}/shoper/appstore`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    }),
    413,
    'BODY_TOO_LARGE',
  );
  expectRefused(
    await call(`${rt.url}/smsapi/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `MsgId=1&filler=${'x'.repeat(70 * 1024)}`,
    }),
    413,
    'BODY_TOO_LARGE',
  );
  for (const action of STOREFRONT_ACTIONS) expectRefused(await storefront(action, big(5 * 1024)), 413, 'BODY_TOO_LARGE');
  expectRefused(
    await call(`${rt.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big(300 * 1024) }),
    413,
    'BODY_TOO_LARGE',
  );
  for (const route of bodyRoutes()) {
    const res = await adminCall(rt, token, route.method, route.url, big(300 * 1024));
    expectRefused(res, 413, 'BODY_TOO_LARGE');
  }
  // Beyond API Gateway's own 10 MB limit the local server refuses it without running a handler.
  expectRefused(await postOnFreshConnection(`${rt.url}/shoper/webhooks`, hookHeaders, big(11 * 1024 * 1024)), 413, 'BODY_TOO_LARGE');

  expect(await snapshot(rt, licence)).toMatchObject({ items: before.items, schedules: before.schedules, outbox: before.outbox });
}, 60_000);

test('malformed JSON is 400 BODY_INVALID_JSON on every JSON route; nothing changes', async () => {
  await nextHour();
  const token = await signIn(rt, 'http');
  const before = await snapshot(rt, licence);
  const broken = ['{"enabled": true,', "{'a': 1}", '\u0000\u0001'];
  for (const body of broken) {
    expectRefused(
      await call(`${rt.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      400,
      'BODY_INVALID_JSON',
    );
    for (const route of bodyRoutes()) expectRefused(await adminCall(rt, token, route.method, route.url, body), 400, 'BODY_INVALID_JSON');
    for (const action of STOREFRONT_ACTIONS) expectRefused(await storefront(action, body), 400, 'BODY_INVALID_JSON');
  }
  // Well-formed JSON of the wrong type is a field error, not a crash.
  for (const body of ['[]', 'null', '"text"']) {
    for (const route of bodyRoutes()) expectRefused(await adminCall(rt, token, route.method, route.url, body), 400, 'FIELD_INVALID');
  }
  expect(await snapshot(rt, licence)).toMatchObject({ items: before.items, schedules: before.schedules, outbox: before.outbox });
}, 60_000);

test('wrong content types are 415 everywhere, including text/plain (the type a cross-site form can send)', async () => {
  await nextHour();
  const token = await signIn(rt, 'http');
  const before = await snapshot(rt, licence);
  const json = JSON.stringify({ enabled: true, delayDays: 0, text: 'x' });
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', '']) {
    const headers = type ? { 'content-type': type } : ({} as Record<string, string>);
    expectRefused(await call(`${rt.url}/api/session`, { method: 'POST', headers, body: json }), 415, 'CONTENT_TYPE_UNSUPPORTED');
    for (const route of bodyRoutes()) {
      const res = await call(`${rt.url}${route.url}`, {
        method: route.method,
        headers: { ...headers, authorization: `Bearer ${token}` },
        body: json,
      });
      expectRefused(res, 415, 'CONTENT_TYPE_UNSUPPORTED');
    }
    for (const action of STOREFRONT_ACTIONS) {
      const res = await call(`${rt.url}/storefront/${licence}/${action}`, { method: 'POST', headers: { ...headers, origin }, body: json });
      expectRefused(res, 415, 'CONTENT_TYPE_UNSUPPORTED');
    }
    expectRefused(await call(`${rt.url}/shoper/webhooks`, { method: 'POST', headers, body: json }), 415, 'CONTENT_TYPE_UNSUPPORTED');
  }
  expectRefused(
    await call(`${rt.url}/shoper/appstore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json }),
    415,
    'CONTENT_TYPE_UNSUPPORTED',
  );
  expectRefused(
    await call(`${rt.url}/smsapi/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"MsgId":"1"}' }),
    415,
    'CONTENT_TYPE_UNSUPPORTED',
  );
  expect(await snapshot(rt, licence)).toMatchObject({ items: before.items, schedules: before.schedules, outbox: before.outbox });
}, 60_000);

// Forged SMSAPI delivery reports: test/integration/attacks-reports.test.ts.
