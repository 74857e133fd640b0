// Back in stock "only with marketing consent" (issue 12, item 2): with the shop setting on, the restock SMS goes only
// to a signed-in client the shop recorded as consenting (Shoper's newsletter flag), at a number from that client's
// own account. A sign-up without a client, of a client without consent, or claiming a consenting client with a
// stranger's number is skipped and listed in "Historia wiadomości" with the reason; it stays waiting, so a client
// who consents later gets the next restock's SMS.
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { adminCall, signIn } from '../support/attack-kit';
import { connectDemoSmsapi, eventually, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let licence: string;
let origin: string;
let token: string;

const api = (method: string, path: string, body?: unknown) => adminCall(rt, token, method, path, body);

function signUp(productId: number, phone: string, clientId?: number) {
  return fetch(`${rt.url}/storefront/${licence}/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({
      productId,
      phone,
      ...(clientId ? { clientId: String(clientId) } : {}),
      consent: true,
      consentTextVersion: 'v1',
      locale: 'pl',
      website: '',
    }),
  });
}

const outOfStock = (productId: number) => {
  rt.shop.shop('shop').products.find((p) => p.productId === productId)!.stock = 0;
};
const restockTexts = () => rt.smsapi.outbox().filter((m) => m.message.startsWith('Wrócił:'));

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'shop', name: 'Sklep Zgody' }).licence;
  expect((await rt.shop.install('shop')).status).toBe(200);
  await rt.idle();
  origin = new URL(rt.shop.shop('shop').url).origin;
  await connectDemoSmsapi(rt, licence);
  await rt.deps.store.putSettings(licence, { ...DEFAULT_SETTINGS, quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false } });
  token = await signIn(rt, 'shop');
  expect((await api('PUT', '/api/templates/back-in-stock', { enabled: true, delayDays: 0, text: 'Wrócił: {product_name}!' })).status).toBe(
    200,
  );
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('the setting is off by default and saved through the settings API', async () => {
  expect((await api('GET', '/api/settings')).body.backInStockRequiresConsent).toBe(false);
  const saved = await api('PUT', '/api/settings', { backInStockRequiresConsent: true });
  expect(saved.status).toBe(200);
  expect((await api('GET', '/api/settings')).body.backInStockRequiresConsent).toBe(true);
  const wrong = await api('PUT', '/api/settings', { backInStockRequiresConsent: 'tak' });
  expect(wrong.status).toBe(400);
});

test('with it on, only the consenting client at a number of their account is texted; the rest are skipped with the reason', async () => {
  const consenting = await rt.shop.registerClient('shop', { phone: '601 200 301', newsletter: true });
  const refusing = await rt.shop.registerClient('shop', { phone: '601 200 302', newsletter: false });
  outOfStock(3);
  expect((await signUp(3, '601 200 301', consenting.userId)).status).toBe(201);
  expect((await signUp(3, '601 200 302', refusing.userId)).status).toBe(201);
  expect((await signUp(3, '601 200 303')).status).toBe(201);
  // A script claiming the consenting client's id with a stranger's number.
  expect((await signUp(3, '601 200 304', consenting.userId)).status).toBe(201);

  await rt.shop.restockProduct('shop', 3, 5);
  await rt.idle();
  expect(await eventually(() => restockTexts().length === 1)).toBe(true);
  expect(restockTexts().map((m) => m.to)).toEqual(['48601200301']);

  const history = (await api('GET', '/api/jobs?state=all&limit=200')).body.items as any[];
  const skipped = history.filter((j) => j.kind === 'back-in-stock' && j.state === 'SKIPPED');
  expect(skipped.map((j) => j.phone).sort()).toEqual(['+48601200302', '+48601200303', '+48601200304']);
  for (const j of skipped) {
    expect(j.skipReason.code).toBe('NO_CONSENT');
    expect(j.skipReason.pl).toContain('zgody');
    expect(j.text).toContain('Wrócił:');
  }
  const list = (await api('GET', '/api/subscriptions?limit=50')).body.items as any[];
  expect(
    list
      .filter((s) => s.status === 'waiting')
      .map((s) => s.phone)
      .sort(),
  ).toEqual(['+48601200302', '+48601200303', '+48601200304']);

  // The client who refused subscribes to the newsletter; at the next restock they get the SMS, and the skipped
  // ones are not listed twice.
  rt.shop.shop('shop').users.find((u) => u.userId === refusing.userId)!.newsletter = true;
  outOfStock(3);
  await rt.shop.restockProduct('shop', 3, 2);
  await rt.idle();
  expect(await eventually(() => restockTexts().length === 2)).toBe(true);
  expect(
    restockTexts()
      .map((m) => m.to)
      .sort(),
  ).toEqual(['48601200301', '48601200302']);
  const again = (await api('GET', '/api/jobs?state=all&limit=200')).body.items as any[];
  expect(
    again
      .filter((j) => j.kind === 'back-in-stock' && j.state === 'SKIPPED')
      .map((j) => j.phone)
      .sort(),
  ).toEqual(['+48601200302', '+48601200303', '+48601200304']);
}, 60_000);

test('with it off, the sign-ups that waited (no account, a stranger’s number) are texted as before', async () => {
  expect((await api('PUT', '/api/settings', { backInStockRequiresConsent: false })).status).toBe(200);
  outOfStock(3);
  await rt.shop.restockProduct('shop', 3, 3);
  await rt.idle();
  expect(await eventually(() => restockTexts().length === 4)).toBe(true);
  expect(
    restockTexts()
      .map((m) => m.to)
      .sort(),
  ).toEqual(['48601200301', '48601200302', '48601200303', '48601200304']);
}, 60_000);
