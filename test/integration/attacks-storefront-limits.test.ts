// Storefront limits (issue 12, item 4), attacked over real HTTP with the AWS setup (viewer address header and the
// CloudFront origin secret configured): one IPv6 /64 is one visitor; one address does not get a fresh budget on
// every shop; a viewer address sent without CloudFront's secret is not believed; the back-in-stock endpoints do not
// tell whether a number is signed up; and the daily cap is a limit (0 sends nothing, a full week drops).
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { ORIGIN_SECRET_HEADER } from '#handlers/storefront';
import { STOREFRONT_LIMITS } from '#services/rate-limit';
import { MAX_WAIT_DAYS, placeUnderDailyCap } from '#services/storefront-cap';
import { call, expectRefused, type Answer } from '../support/attack-kit';
import { connectDemoSmsapi, eventually, startTestRuntime } from '../support/runtime';

const SECRET = 'cloudfront-origin-secret-0123456789';
const DAY = 24 * 3600 * 1000;
let rt: LocalRuntime;
let origin: string;
let shopCount = 0;

async function newShop(settings: Partial<typeof DEFAULT_SETTINGS> = {}) {
  const slug = `limits-${++shopCount}`;
  const licence = rt.shop.createShop({ slug, name: `Sklep ${slug}` }).licence;
  expect((await rt.shop.install(slug)).status).toBe(200);
  await rt.deps.store.putSettings(licence, {
    ...DEFAULT_SETTINGS,
    quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false },
    ...settings,
  });
  await rt.deps.store.putTemplate(licence, 'back-in-stock', { enabled: true, delayDays: 0, text: '{product_name} wrócił!' });
  return { slug, licence };
}

/** A storefront call as CloudFront forwards it: the viewer's address and the origin secret ('' leaves it out). */
const post = (licence: string, action: string, body: unknown, viewer?: string, secret: string | undefined = SECRET) =>
  call(`${rt.url}/storefront/${licence}/${action}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin,
      ...(viewer ? { 'cloudfront-viewer-address': viewer } : {}),
      ...(secret ? { [ORIGIN_SECRET_HEADER]: secret } : {}),
    },
    body: JSON.stringify(body),
  });

const signUp = (phone: string, productId = 3) => ({ productId, phone, consent: true, consentTextVersion: 'v1', locale: 'pl' });
const phone = (n: number) => `605 ${String(100 + Math.floor(n / 1000)).padStart(3, '0')} ${String(n % 1000).padStart(3, '0')}`;
let phones = 0;
const nextPhone = () => phone(++phones);

beforeAll(async () => {
  rt = await startTestRuntime({ env: { VIEWER_ADDRESS_HEADER: 'cloudfront-viewer-address', VIEWER_ADDRESS_SECRET: SECRET } });
  origin = new URL(rt.shop.url).origin;
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

/** Every test starts a new day, so earlier tests' counters do not count. */
beforeEach(async () => {
  await rt.advanceClock(DAY);
  // The limits count per clock hour: a test started a minute before the hour would get a fresh budget half-way.
  const msToNextHour = 3_600_000 - (rt.deps.clock.now().getTime() % 3_600_000);
  if (msToNextHour < 120_000) await rt.advanceClock(msToNextHour + 1000);
});

test('forty IPv6 addresses from one /64 are one visitor: the per-address limit holds', async () => {
  const { licence } = await newShop();
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++) {
    const res = await post(
      licence,
      'subscriptions',
      signUp(nextPhone()),
      `2001:db8:77:1:${(i + 1).toString(16)}:${(i * 7).toString(16)}::9:44321`,
    );
    statuses.push(res.status);
    if (res.status !== 201) expectRefused(res, 429, 'RATE_LIMITED');
  }
  expect(statuses.filter((s) => s === 201)).toHaveLength(STOREFRONT_LIMITS.signUpPerIpHour.limit);
  // Another /64 is another visitor.
  expect((await post(licence, 'subscriptions', signUp(nextPhone()), '2001:db8:77:2::1:44321')).status).toBe(201);
}, 120_000);

test('one address does not get a fresh budget on every shop: a cross-shop limit stops it', async () => {
  const viewer = '198.51.100.23:40000';
  const perShop = STOREFRONT_LIMITS.signUpPerIpHour.limit;
  const acrossShops = STOREFRONT_LIMITS.signUpPerIpDayAllShops.limit;
  const shops = Math.ceil(acrossShops / perShop) + 1;
  let accepted = 0;
  const refusals: Answer[] = [];
  for (let s = 0; s < shops; s++) {
    const { licence } = await newShop();
    for (let i = 0; i < perShop; i++) {
      const res = await post(licence, 'subscriptions', signUp(nextPhone()), viewer);
      if (res.status === 201) accepted++;
      else refusals.push(res);
    }
  }
  expect(accepted).toBe(acrossShops);
  for (const res of refusals) expectRefused(res, 429, 'RATE_LIMITED');
  expect(refusals[0]!.headers.get('retry-after')).toMatch(/^\d+$/);
  // Somebody else, on the same shops, is not affected.
  const { licence } = await newShop();
  expect((await post(licence, 'subscriptions', signUp(nextPhone()), '198.51.100.24:40000')).status).toBe(201);
}, 180_000);

test('a viewer address without the CloudFront secret (a call straight to the API) is not believed', async () => {
  const { licence } = await newShop();
  const statuses: number[] = [];
  for (let i = 0; i < 14; i++) {
    const forged = `203.0.113.${i + 1}:5000`;
    const res = await post(licence, 'subscriptions', signUp(nextPhone()), forged, i % 2 === 0 ? '' : 'guessed-secret-guessed-secret');
    statuses.push(res.status);
    if (res.status !== 201) expectRefused(res, 429, 'RATE_LIMITED');
  }
  // All of them are counted as the one connection they came from.
  expect(statuses.filter((s) => s === 201)).toHaveLength(STOREFRONT_LIMITS.signUpPerIpHour.limit);
}, 60_000);

describe('back in stock reveals nothing about who is signed up', () => {
  const comparable = (a: Answer) => ({ status: a.status, body: { ...a.body, withdrawToken: typeof a.body?.withdrawToken } });

  test('a duplicate sign-up is answered exactly like a new one', async () => {
    const { licence } = await newShop();
    const number = nextPhone();
    const first = await post(licence, 'subscriptions', signUp(number), '192.0.2.51:1');
    const again = await post(licence, 'subscriptions', signUp(number), '192.0.2.52:1');
    const other = await post(licence, 'subscriptions', signUp(nextPhone()), '192.0.2.53:1');
    expect(first.status).toBe(201);
    expect(comparable(again)).toEqual(comparable(first));
    expect(comparable(again)).toEqual(comparable(other));
    expect(
      await rt.deps.store.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':pk': `SHOP#${licence}`, ':s': 'SUB#' },
      }),
    ).toHaveLength(2);
  }, 60_000);

  test('withdrawing a number that never signed up is answered exactly like a real withdrawal', async () => {
    const { licence } = await newShop();
    const signedUp = nextPhone();
    expect((await post(licence, 'subscriptions', signUp(signedUp), '192.0.2.61:1')).status).toBe(201);
    const real = await post(licence, 'subscriptions/withdraw', { productId: 3, phone: signedUp, locale: 'pl' }, '192.0.2.62:1');
    const never = await post(licence, 'subscriptions/withdraw', { productId: 3, phone: nextPhone(), locale: 'pl' }, '192.0.2.63:1');
    const twice = await post(licence, 'subscriptions/withdraw', { productId: 3, phone: signedUp, locale: 'pl' }, '192.0.2.64:1');
    expect(real.status).toBe(200);
    expect(never).toMatchObject({ status: real.status, body: real.body });
    expect(twice).toMatchObject({ status: real.status, body: real.body });
    expect(real.body.message).toMatch(/wycofany/);
  }, 60_000);
});

describe('the daily cap is a limit', () => {
  test('a cap of 0 sends nothing: sign-ups keep waiting, no job, and the error log says why', async () => {
    const { slug, licence } = await newShop({ storefrontDailyCap: 0 });
    await connectDemoSmsapi(rt, licence);
    rt.shop.shop(slug).products.find((p) => p.productId === 1)!.stock = 0;
    for (let i = 0; i < 3; i++) expect((await post(licence, 'subscriptions', signUp(nextPhone(), 1), `192.0.2.7${i}:1`)).status).toBe(201);
    const outbox = rt.smsapi.outbox().length;
    await rt.shop.restockProduct(slug, 1, 5);
    await rt.idle();
    await rt.advanceClock(2 * DAY);
    await rt.idle();
    expect(rt.smsapi.outbox().length).toBe(outbox);
    expect((await rt.deps.store.listJobs(licence)).filter((j) => j.kind === 'back-in-stock')).toEqual([]);
    const errors = await eventually(async () => {
      const page = await rt.deps.store.listErrors(licence, { limit: 10 });
      return page.items.some((e) => e.code === 'STOREFRONT_DAILY_CAP') ? page.items : undefined;
    });
    expect(errors!.find((e) => e.code === 'STOREFRONT_DAILY_CAP')!.message).toContain('0');
  }, 60_000);

  test(`a full cap queues a message for ${MAX_WAIT_DAYS} days at most; past that it is dropped, not sent later`, async () => {
    const { licence } = await newShop({ storefrontDailyCap: 1 });
    const settings = { ...DEFAULT_SETTINGS, quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false }, storefrontDailyCap: 1 };
    const now = rt.deps.clock.now();
    const placements = [];
    for (let i = 0; i < MAX_WAIT_DAYS + 3; i++) placements.push(await placeUnderDailyCap(rt.deps, licence, settings, 'back-in-stock', now));
    const placed = placements.filter((p) => !p.dropped);
    expect(placed).toHaveLength(MAX_WAIT_DAYS + 1);
    const last = placed[placed.length - 1]!;
    expect(last.dropped).toBeUndefined();
    if (!last.dropped) expect(last.dueAt.getTime() - now.getTime()).toBeLessThanOrEqual((MAX_WAIT_DAYS + 1) * DAY);
    expect(placements.slice(MAX_WAIT_DAYS + 1).every((p) => p.dropped === true)).toBe(true);
  }, 60_000);

  test('a basket reminder over a cap of 0 is not planned', async () => {
    const { slug, licence } = await newShop({ storefrontDailyCap: 0, requireMarketingConsent: false });
    await rt.deps.store.putTemplate(licence, 'abandoned-cart', { enabled: true, delayDays: 1, text: '{name}, koszyk czeka' });
    const { userId } = await rt.shop.registerClient(slug, { firstname: 'Ola', phone: '607 300 499', newsletter: true });
    const res = await post(licence, 'basket', { clientId: userId, itemsCount: 2, locale: 'pl' }, '192.0.2.80:1');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'ignored', reason: 'DAILY_CAP' });
    expect((await rt.deps.store.listJobs(licence)).filter((j) => j.kind === 'abandoned-cart')).toEqual([]);
  }, 60_000);
});
