// Back in stock over real HTTP: clients sign up on the storefront endpoint, the shop simulator restocks the
// product (a signed product.edit webhook), and every waiting number gets one SMS in one several-number SMSAPI
// request; a second restock sends nothing new; the merchant's list shows "sent"; the daily cap defers (for a week).
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { eventually, startTestRuntime, connectDemoSmsapi } from '../support/runtime';
import { adminApi, type AdminApi } from '../support/admin-client';

const DAY = 24 * 3600 * 1000;
let rt: LocalRuntime;
let licence: string;
let origin: string;

const api: AdminApi = (method, path, body) => adminApi(rt, 'demo')(method, path, body);

function signUp(productId: number, phone: string, extra: Record<string, unknown> = {}) {
  return fetch(`${rt.url}/storefront/${licence}/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ productId, phone, consent: true, consentTextVersion: 'v1', locale: 'pl', website: '', ...extra }),
  });
}

/** Sold out in the simulated shop (no webhook: Shoper's own product page just shows it unavailable). */
function outOfStock(productId: number) {
  const product = rt.shop.shop('demo').products.find((p) => p.productId === productId);
  product!.stock = 0;
}

const smsDoRequests = () => rt.smsapi.requests().filter((r) => r.path.endsWith('/sms.do'));

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'demo', name: 'Sklep Demo' }).licence;
  expect((await rt.shop.install('demo')).status).toBe(200);
  origin = new URL(rt.shop.shop('demo').url).origin;
  await connectDemoSmsapi(rt, licence);
  // Quiet hours off so the test does not depend on the time of day it runs at.
  // autoStopLink off: these texts are asserted exactly (the opt-out line is test/integration/short-links.test.ts's).
  await rt.deps.store.putSettings(licence, {
    ...DEFAULT_SETTINGS,
    autoStopLink: false,
    quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false },
  });
  const saved = await api('PUT', '/api/templates/back-in-stock', {
    enabled: true,
    delayDays: 0,
    text: '{product_name} znów dostępny w {shop_name} za {price} {currency}!',
  });
  expect(saved.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('sign-ups, then a restock: one SMS per waiting number in one SMSAPI request; a second restock sends nothing', async () => {
  const numbers = ['601 100 201', '+48 601 100 202', '0048601100203'];
  for (const phone of numbers) {
    const res = await signUp(3, phone);
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(await res.json()).toMatchObject({ status: 'waiting', duplicate: false });
  }
  // The same phone and product again is the same sign-up (and answered like a new one: no "is it on the list?").
  const again = await signUp(3, '601100201');
  expect(again.status).toBe(201);
  expect(await again.json()).toMatchObject({ status: 'waiting', duplicate: false });

  const waiting = await api('GET', '/api/subscriptions?search=601100');
  expect(waiting.body.items).toHaveLength(3);
  expect(waiting.body.items.every((s: any) => s.status === 'waiting' && s.productId === '3')).toBe(true);
  expect(waiting.body.items[0].productName).toBe('Plecak miejski');
  const firstPage = await api('GET', '/api/subscriptions?search=601100&limit=2');
  expect(firstPage.body.items).toHaveLength(2);
  const secondPage = await api('GET', `/api/subscriptions?search=601100&limit=2&cursor=${firstPage.body.cursor}`);
  expect(secondPage.body.items).toHaveLength(1);
  expect(secondPage.body.cursor).toBeUndefined();
  expect(new Set([...firstPage.body.items, ...secondPage.body.items].map((s: any) => s.id)).size).toBe(3);

  const requestsBefore = smsDoRequests().length;
  await rt.shop.restockProduct('demo', 3, 5);
  const outbox = await eventually(() => {
    const mine = rt.smsapi.outbox().filter((m) => m.message.startsWith('Plecak miejski'));
    return mine.length === 3 ? mine : undefined;
  });
  expect(outbox).toBeDefined();
  expect(outbox!.map((m) => m.to).sort()).toEqual(['48601100201', '48601100202', '48601100203']);
  expect(outbox![0]!.message).toBe('Plecak miejski znów dostępny w Sklep Demo za 199,00 PLN!');
  expect(new Set(outbox!.map((m) => m.idx)).size).toBe(3);
  // All three in one several-number request.
  const sends = smsDoRequests().slice(requestsBefore);
  expect(sends).toHaveLength(1);

  const sent = await eventually(async () => {
    const list = await api('GET', '/api/subscriptions?search=601100');
    return list.body.items.every((s: any) => s.status === 'sent') ? list : undefined;
  });
  expect(sent).toBeDefined();

  // Another stock change of the same product: everyone was notified already.
  await rt.shop.restockProduct('demo', 3, 7);
  await rt.idle();
  expect(rt.smsapi.outbox().filter((m) => m.message.startsWith('Plecak miejski'))).toHaveLength(3);
  expect(smsDoRequests().length - requestsBefore).toBe(1);

  // Sign-ups count as collected numbers.
  const stats = await rt.deps.store.listStats(licence, '2000-01-01', '2999-12-31');
  expect(stats.reduce((n, d) => n + d.newNumbers, 0)).toBeGreaterThanOrEqual(3);
}, 60_000);

test('a withdrawn sign-up is not sent; the merchant deletes sign-ups one by one or selected', async () => {
  outOfStock(2);
  const keep = await signUp(2, '602 200 301');
  expect(keep.status).toBe(201);
  const withdrawn = await signUp(2, '602 200 302');
  const { withdrawToken } = (await withdrawn.json()) as { withdrawToken: string };
  const res = await fetch(`${rt.url}/storefront/${licence}/subscriptions/withdraw`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ token: withdrawToken }),
  });
  expect(res.status).toBe(200);
  const forged = await fetch(`${rt.url}/storefront/${licence}/subscriptions/withdraw`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ token: `${withdrawToken.split('.')[0]}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` }),
  });
  expect(forged.status).toBe(400);

  const list = await api('GET', '/api/subscriptions?search=602200');
  expect(list.body.items.map((s: any) => s.status).sort()).toEqual(['waiting', 'withdrawn']);

  await rt.shop.restockProduct('demo', 2, 4);
  const mine = () => rt.smsapi.outbox().filter((m) => m.message.startsWith('Koszulka'));
  await eventually(() => mine().length === 1);
  await rt.idle();
  expect(mine().map((m) => m.to)).toEqual(['48602200301']);

  const ids = list.body.items.map((s: any) => s.id);
  expect((await api('DELETE', `/api/subscriptions/${ids[0]}`)).status).toBe(200);
  expect((await api('DELETE', `/api/subscriptions/${ids[0]}`)).status).toBe(404);
  expect((await api('POST', '/api/subscriptions/delete', { ids })).body).toEqual({ deleted: 1 });
  expect((await api('GET', '/api/subscriptions?search=602200')).body.items).toHaveLength(0);
}, 60_000);

test('over the daily cap the rest waits for the next day with a reason, and goes then', async () => {
  await rt.deps.store.putSettings(licence, {
    ...DEFAULT_SETTINGS,
    quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false },
    storefrontDailyCap: 2,
  });
  // Fresh day for the cap: earlier tests used some of today's places.
  await rt.advanceClock(DAY);
  outOfStock(1);
  for (const phone of ['603300401', '603300402', '603300403']) expect((await signUp(1, phone)).status).toBe(201);

  await rt.shop.restockProduct('demo', 1, 9);
  const mine = () => rt.smsapi.outbox().filter((m) => m.message.startsWith('Kubek'));
  await eventually(() => mine().length === 2);
  await rt.idle();
  expect(mine()).toHaveLength(2);
  const waiting = (await rt.deps.store.listJobs(licence, { states: ['SCHEDULED'] })).filter((j) => j.kind === 'back-in-stock');
  expect(waiting).toHaveLength(1);
  expect(waiting[0]!.waitReason).toMatchObject({ code: 'STOREFRONT_DAILY_CAP' });
  expect(waiting[0]!.waitReason!.message).toContain('limit');
  const errors = await rt.deps.store.listErrors(licence, { limit: 10 });
  expect(errors.items.some((e) => e.code === 'STOREFRONT_DAILY_CAP')).toBe(true);

  await rt.advanceClock(DAY);
  await eventually(() => mine().length === 3);
  expect(mine()).toHaveLength(3);
}, 60_000);

test("a restock during quiet hours schedules one batch: at the window's start all go in one request", async () => {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', hourCycle: 'h23' }).format(rt.deps.clock.now()),
  );
  const start = (hour + 6) % 24;
  const pad = (h: number) => String(h).padStart(2, '0');
  await rt.deps.store.putSettings(licence, {
    ...DEFAULT_SETTINGS,
    // One text for all: an opt-out link per SMS would make each text different (see README, short links).
    autoStopLink: false,
    quietHours: {
      enabled: true,
      start: `${pad(start)}:00`,
      end: start === 23 ? '24:00' : `${pad(start + 1)}:00`,
      timeZone: 'Europe/Warsaw',
    },
  });
  outOfStock(3);
  for (const phone of ['609900501', '609900502', '609900503']) expect((await signUp(3, phone)).status).toBe(201);
  const requestsBefore = smsDoRequests().length;
  await rt.shop.restockProduct('demo', 3, 3);
  const scheduled = await eventually(async () => {
    const jobs = (await rt.deps.store.listJobs(licence, { states: ['SCHEDULED'] })).filter((j) => j.phone.startsWith('+48609900'));
    return jobs.length === 3 ? jobs : undefined;
  });
  expect(new Set(scheduled!.map((j) => j.dueAt)).size).toBe(1);
  const mine = () => rt.smsapi.outbox().filter((m) => m.to.startsWith('48609900'));
  expect(mine()).toHaveLength(0);

  await rt.advanceClock(7 * 3600 * 1000);
  await eventually(() => mine().length === 3);
  expect(mine()).toHaveLength(3);
  expect(smsDoRequests().length - requestsBefore).toBe(1);
}, 60_000);
