// What storefront-abuse.test.ts leaves out: forwarding headers do not make one IP many; basket pings for one
// client and withdrawal-token guessing are cut off; premium, shared-cost and foreign numbers are refused also
// where a country is allowed, on the admin test SMS and in the owner's number; and an order placed with such a
// number sends nothing. Every refusal has the JSON error shape and leaves the shop's data as it was.
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { adminCall, call, expectRefused, signIn, snapshot } from '../support/attack-kit';
import { eventually, startTestRuntime, connectDemoSmsapi } from '../support/runtime';

let rt: LocalRuntime;
let origin: string;

async function newShop(slug: string, settings: Partial<typeof DEFAULT_SETTINGS> = {}) {
  const licence = rt.shop.createShop({ slug, name: `Sklep ${slug}` }).licence;
  expect((await rt.shop.install(slug)).status).toBe(200);
  await rt.deps.store.putSettings(licence, { ...DEFAULT_SETTINGS, ...settings });
  await rt.deps.store.putTemplate(licence, 'back-in-stock', { enabled: true, delayDays: 0, text: '{product_name} wrócił!' });
  return licence;
}

const post = (licence: string, action: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`${rt.url}/storefront/${licence}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    body: JSON.stringify(body),
  });

const signUp = (phone: string, productId = 3) => ({ productId, phone, consent: true, consentTextVersion: 'v1', locale: 'pl' });

beforeAll(async () => {
  rt = await startTestRuntime();
  origin = new URL(rt.shop.url).origin;
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('a different X-Forwarded-For on every request is still one caller: the per-IP limit holds', async () => {
  const licence = await newShop('spoof');
  const statuses: number[] = [];
  for (let i = 0; i < 14; i++) {
    const fake = `203.0.113.${i + 1}`;
    const res = await post(licence, 'subscriptions', signUp(`605 200 ${String(100 + i)}`), {
      'x-forwarded-for': fake,
      'x-real-ip': fake,
      forwarded: `for=${fake}`,
    });
    statuses.push(res.status);
    if (res.status !== 201) expectRefused(res, 429, 'RATE_LIMITED');
  }
  expect(statuses.filter((s) => s === 201)).toHaveLength(10);
  expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
}, 60_000);

test('a flood of basket pings for one client is cut off, and plans at most one reminder', async () => {
  const licence = await newShop('basket', { requireMarketingConsent: false });
  await rt.deps.store.putTemplate(licence, 'abandoned-cart', { enabled: true, delayDays: 1, text: '{name}, koszyk czeka' });
  const { userId } = await rt.shop.registerClient('basket', { firstname: 'Ola', phone: '607 300 400' });
  const statuses: number[] = [];
  for (let i = 0; i < 15; i++) {
    const res = await post(licence, 'basket', { clientId: userId, itemsCount: 1 + i, locale: 'pl' });
    statuses.push(res.status);
    if (res.status >= 400) expectRefused(res, 429, 'RATE_LIMITED');
  }
  expect(statuses.filter((s) => s === 202)).toHaveLength(12);
  expect(statuses.slice(12)).toEqual([429, 429, 429]);
  await rt.idle();
  const reminders = (await rt.deps.store.listJobs(licence)).filter((j) => j.kind === 'abandoned-cart' && j.state !== 'CANCELLED');
  expect(reminders).toHaveLength(1);
}, 60_000);

test('guessing withdrawal tokens is cut off and withdraws nothing', async () => {
  const licence = await newShop('withdraw');
  const made = await post(licence, 'subscriptions', signUp('605 300 300'));
  expect(made.status).toBe(201);
  const before = await snapshot(rt, licence);
  const statuses: number[] = [];
  for (let i = 0; i < 22; i++) {
    const res = await post(licence, 'subscriptions/withdraw', {
      token: `guess${String(i).padStart(4, '0')}abcdefghijklmnopqrstuvwxyz`,
      locale: 'pl',
    });
    statuses.push(res.status);
    expectRefused(res, [400, 429]);
  }
  expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
  expect(statuses.slice(20)).toEqual([429, 429]);
  // The genuine token, over the limit too: refused now, and the sign-up is still waiting.
  expectRefused(await post(licence, 'subscriptions/withdraw', { token: made.body.withdrawToken, locale: 'pl' }), 429, 'RATE_LIMITED');
  expect((await snapshot(rt, licence)).items).toEqual(before.items);
}, 60_000);

test('premium, shared-cost and foreign numbers are refused even where the country is allowed', async () => {
  const licence = await newShop('countries', { allowedCountries: ['PL', 'DE', 'CZ'] });
  const before = await snapshot(rt, licence);
  const refused: [string, string][] = [
    ['+48 700 123 456', 'PHONE_NOT_MOBILE'],
    ['+48 708 123 456', 'PHONE_NOT_MOBILE'],
    ['801 123 456', 'PHONE_NOT_MOBILE'],
    ['800 123 456', 'PHONE_NOT_MOBILE'],
    // An allowed country's premium-rate number.
    ['+49 900 1234567', 'PHONE_NOT_MOBILE'],
    // Countries the merchant did not allow (one the app knows, one it has no plan for at all).
    ['+33 6 12 34 56 78', 'PHONE_COUNTRY_NOT_ALLOWED'],
    ['+86 138 0013 8000', 'PHONE_COUNTRY_NOT_ALLOWED'],
    ['+48 601 234 567 999', 'PHONE_INVALID'],
  ];
  for (const [phone, code] of refused) {
    const res = await post(licence, 'subscriptions', signUp(phone));
    expectRefused(res, 400, code);
    expect(res.body.error.field).toBe('phone');
  }
  expect((await snapshot(rt, licence)).items).toEqual(before.items);
  // A mobile of an allowed foreign country is welcome.
  expect((await post(licence, 'subscriptions', signUp('+420 601 123 456'))).status).toBe(201);
}, 60_000);

test("the admin test SMS and the owner's number refuse premium and foreign numbers before SMSAPI is asked", async () => {
  const licence = await newShop('admin-numbers');
  const token = await signIn(rt, 'admin-numbers');
  expect((await adminCall(rt, token, 'PUT', '/api/smsapi', { token: 'sim-token-demo' })).status).toBe(200);
  const calls = rt.smsapi.requests().filter((r) => r.path === '/sms.do').length;
  for (const phone of ['+48 700 123 456', '+48 801 123 456', '+44 909 8790000']) {
    expectRefused(await adminCall(rt, token, 'POST', '/api/smsapi/test', { phone }), 400, /^PHONE_(NOT_MOBILE|COUNTRY_NOT_ALLOWED)$/);
    expectRefused(await adminCall(rt, token, 'PUT', '/api/settings', { ownerPhone: phone }), 400, 'PHONE_NOT_MOBILE');
  }
  // A customer's number from a country the shop does not send to is refused for the test SMS too. (The owner's
  // own number may be foreign: a merchant abroad is the merchant's choice, and costs nobody else anything.)
  expectRefused(await adminCall(rt, token, 'POST', '/api/smsapi/test', { phone: '+49 1512 3456789' }), 400, 'PHONE_COUNTRY_NOT_ALLOWED');
  expect(rt.smsapi.requests().filter((r) => r.path === '/sms.do').length).toBe(calls);
  expect((await rt.deps.store.getSettings(licence))?.ownerPhone).toBeUndefined();
}, 60_000);

test('an order placed with a premium or foreign number sends nothing', async () => {
  const licence = await newShop('orders');
  await connectDemoSmsapi(rt, licence);
  await rt.deps.store.putTemplate(licence, 'order-status#2', { enabled: true, delayDays: 0, text: 'Zamówienie {order_id} przyjęte' });
  const outbox = rt.smsapi.outbox().length;
  for (const order of [{ phone: '700 123 456' }, { phone: '+49 1512 3456789', countryCode: 'DE' }, { phone: '22 123 45 67' }]) {
    const { orderId } = await rt.shop.placeOrder('orders', order);
    await rt.shop.changeStatus('orders', orderId, 2);
  }
  await rt.idle();
  expect(rt.smsapi.outbox().length).toBe(outbox);
  // Only SKIPPED records, each with the reason the owner reads in the history: nothing queued or sent.
  const jobs = await rt.deps.store.listJobs(licence);
  expect(jobs.filter((j) => j.state !== 'SKIPPED')).toEqual([]);
  expect(jobs.every((j) => ['PHONE_NOT_MOBILE', 'PHONE_COUNTRY_NOT_ALLOWED', 'PHONE_INVALID'].includes(j.skipReason?.code ?? ''))).toBe(
    true,
  );
  // The same road with a mobile number does send: the silence above was the numbers' doing.
  const { orderId } = await rt.shop.placeOrder('orders', { phone: '601 234 567' });
  await rt.shop.changeStatus('orders', orderId, 2);
  expect(
    await eventually(() => rt.smsapi.outbox().some((m) => m.message === `Zamówienie ${orderId} przyjęte` && m.to === '48601234567')),
  ).toBe(true);
}, 60_000);
