// The storefront endpoints treat their callers as hostile: a burst from one IP is cut off (429 + Retry-After),
// landline, premium and foreign numbers are refused with a clear message, foreign origins get no CORS and a
// 403, bodies are small and strictly validated, and a filled honeypot stores nothing.
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let origin: string;

/** A freshly installed shop with back-in-stock switched on (each test its own: rate limits are per shop). */
async function newShop(slug: string) {
  const licence = rt.shop.createShop({ slug, name: `Sklep ${slug}` }).licence;
  expect((await rt.shop.install(slug)).status).toBe(200);
  await rt.deps.store.putSettings(licence, { ...DEFAULT_SETTINGS });
  await rt.deps.store.putTemplate(licence, 'back-in-stock', { enabled: true, delayDays: 0, text: '{product_name} wrócił!' });
  return licence;
}

function post(licence: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${rt.url}/storefront/${licence}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const signUpBody = (phone: string, extra: Record<string, unknown> = {}) => ({
  productId: 3,
  phone,
  consent: true,
  consentTextVersion: 'v1',
  locale: 'pl',
  ...extra,
});

beforeAll(async () => {
  rt = await startTestRuntime();
  origin = new URL(rt.shop.url).origin;
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('a burst of 200 sign-ups from one IP is cut off by the limit with 429 and Retry-After', async () => {
  const licence = await newShop('burst');
  const statuses: number[] = [];
  let limited: Response | undefined;
  // 20 at a time, as a script would: the counters must hold under concurrency too.
  for (let wave = 0; wave < 10; wave++) {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(licence, 'subscriptions', signUpBody(`605${String(100000 + wave * 20 + i)}`))),
    );
    for (const res of responses) {
      statuses.push(res.status);
      if (res.status === 429 && !limited) limited = res;
      else await res.arrayBuffer();
    }
  }
  const accepted = statuses.filter((s) => s === 201).length;
  expect(accepted).toBeGreaterThan(0);
  expect(accepted).toBeLessThanOrEqual(10);
  expect(statuses.filter((s) => s === 429).length).toBe(200 - accepted);
  expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(limited!.headers.get('access-control-allow-origin')).toBe(origin);
  const body = (await limited!.json()) as any;
  expect(body.error.code).toBe('RATE_LIMITED');
  expect(body.error.message).toMatch(/Spróbuj ponownie za \d+ min/);
  // What got through is what is stored: the rest left no trace.
  const stored = await rt.deps.store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': `SHOP#${licence}`, ':p': 'SUB#' },
  });
  expect(stored).toHaveLength(accepted);
}, 120_000);

test('landline, premium-rate and foreign numbers are refused with a clear Polish or English message', async () => {
  const licence = await newShop('numbers');
  const landline = await post(licence, 'subscriptions', signUpBody('22 123 45 67'));
  expect(landline.status).toBe(400);
  expect(((await landline.json()) as any).error).toMatchObject({
    code: 'PHONE_NOT_MOBILE',
    field: 'phone',
    message: expect.stringContaining('komórkowym'),
  });

  const premium = await post(licence, 'subscriptions', signUpBody('+48 700 123 456'));
  expect(premium.status).toBe(400);
  expect(((await premium.json()) as any).error.code).toBe('PHONE_NOT_MOBILE');

  const foreign = await post(licence, 'subscriptions', signUpBody('+49 1512 3456789'));
  expect(foreign.status).toBe(400);
  expect(((await foreign.json()) as any).error).toMatchObject({
    code: 'PHONE_COUNTRY_NOT_ALLOWED',
    message: expect.stringContaining('kraju'),
  });

  const english = await post(licence, 'subscriptions', signUpBody('22 123 45 67', { locale: 'en' }));
  expect(((await english.json()) as any).error.message).toContain('Not a mobile number');

  const notAPhone = await post(licence, 'subscriptions', signUpBody('call me maybe'));
  expect(((await notAPhone.json()) as any).error.code).toBe('PHONE_INVALID');
}, 30_000);

test("CORS: only the shop's own origin; a foreign origin gets no CORS headers and 403, an unknown shop 404", async () => {
  const licence = await newShop('cors');
  const preflight = (from: string) =>
    fetch(`${rt.url}/storefront/${licence}/subscriptions`, {
      method: 'OPTIONS',
      headers: { origin: from, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
  const own = await preflight(origin);
  expect(own.status).toBe(204);
  expect(own.headers.get('access-control-allow-origin')).toBe(origin);
  expect(own.headers.get('access-control-allow-methods')).toContain('POST');

  const evil = await preflight('https://evil.example');
  expect(evil.headers.get('access-control-allow-origin')).toBeNull();

  const forged = await post(licence, 'subscriptions', signUpBody('606100100'), { origin: 'https://evil.example' });
  expect(forged.status).toBe(403);
  expect(forged.headers.get('access-control-allow-origin')).toBeNull();
  expect(((await forged.json()) as any).error.code).toBe('ORIGIN_NOT_ALLOWED');

  const unknown = await post('no-such-shop', 'subscriptions', signUpBody('606100100'));
  expect(unknown.status).toBe(404);
  expect(((await unknown.json()) as any).error.code).toBe('SHOP_NOT_FOUND');

  const stored = await rt.deps.store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': `SHOP#${licence}`, ':p': 'SUB#' },
  });
  expect(stored).toHaveLength(0);
}, 30_000);

test('bodies are small and strictly validated; the honeypot stores nothing; consent is recorded', async () => {
  const licence = await newShop('bodies');
  const big = await post(licence, 'subscriptions', signUpBody('607100100', { consentTextVersion: 'v1', extra: 'x'.repeat(5000) }));
  expect(big.status).toBe(413);

  const unknownField = await post(licence, 'subscriptions', signUpBody('607100100', { admin: true }));
  expect(unknownField.status).toBe(400);

  const noConsent = await post(licence, 'subscriptions', signUpBody('607100100', { consent: false }));
  expect(noConsent.status).toBe(400);
  expect(((await noConsent.json()) as any).error.field).toBe('consent');

  const badProduct = await post(licence, 'subscriptions', signUpBody('607100100', { productId: 'DROP TABLE' }));
  expect(((await badProduct.json()) as any).error.field).toBe('productId');

  const notJson = await post(licence, 'subscriptions', '{"productId": 3,');
  expect(notJson.status).toBe(400);

  const bot = await post(licence, 'subscriptions', signUpBody('607100101', { website: 'http://spam.example' }));
  expect(bot.status).toBe(201);

  const inStock = await post(licence, 'subscriptions', signUpBody('607100102', { productId: 1 }));
  expect(inStock.status).toBe(409);
  expect(((await inStock.json()) as any).error.code).toBe('PRODUCT_AVAILABLE');

  const person = await post(licence, 'subscriptions', signUpBody('607100103'));
  expect(person.status).toBe(201);

  const stored = await rt.deps.store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': `SHOP#${licence}`, ':p': 'SUB#' },
  });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ phone: '+48607100103', status: 'waiting', consent: { textVersion: 'v1', locale: 'pl' } });
  const consent = stored[0]!.consent as { ipHash: string; at: string };
  expect(consent.ipHash).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(consent.ipHash).not.toContain('127.0.0.1');
  expect(Number.isNaN(Date.parse(consent.at))).toBe(false);
}, 30_000);

test('one phone cannot be signed up for product after product: the per-phone limit answers 429', async () => {
  const licence = await newShop('phone');
  await rt.deps.store.putTemplate(licence, 'back-in-stock', { enabled: true, delayDays: 0, text: '{product_name} wrócił!' });
  const statuses: number[] = [];
  for (let productId = 100; productId < 107; productId++) {
    const res = await post(licence, 'subscriptions', signUpBody('608 100 100', { productId }));
    statuses.push(res.status);
  }
  // Unknown products are refused (400) but still count against the number; the sixth attempt is cut off.
  expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
  expect(statuses.slice(5)).toEqual([429, 429]);
}, 30_000);

test('with back in stock switched off the endpoint says so', async () => {
  const licence = await newShop('off');
  await rt.deps.store.putTemplate(licence, 'back-in-stock', { enabled: false, delayDays: 0, text: '' });
  const res = await post(licence, 'subscriptions', signUpBody('609100100'));
  expect(res.status).toBe(409);
  expect(((await res.json()) as any).error.code).toBe('BACK_IN_STOCK_DISABLED');
  const config = await post(licence, 'config', {});
  expect(await config.json()).toEqual({ backInStock: false, basketReminders: false });
}, 30_000);
