// Back in stock against the in-memory repositories (no Java): a client's sign-up (one per number and product, the
// same answer twice, refused while the product is available, rate-limited per number) and the restock that plans
// one SMS per waiting sign-up, under the storefront's daily cap, never to a number that opted out.
import { AppError } from '#domain/errors';
import type { MessageTemplate } from '#domain/model';
import { withDefaults } from '#domain/settings';
import { signUpId, type SignUp } from '#domain/sign-ups';
import { notifyBackInStock, signUpForBackInStock, withdrawBackInStock } from '#services/back-in-stock';
import { linkMakerFor } from '#services/short-links';
import { createStorefrontDeps, TEST_SHOP, type ShoperRoute } from '../../support/fake-storefront';

const NOW = new Date('2026-03-03T10:00:00Z'); // a Tuesday, 11:00 in Warsaw
const TEMPLATES: Record<string, MessageTemplate> = {
  'back-in-stock': { enabled: true, delayDays: 0, text: 'Produkt {product_name} znów jest w {shop_name}.' },
};
const SETTINGS = { quietHours: { ...withDefaults(undefined).quietHours, enabled: false } };

/** Product 6 is in stock, 404 is unknown, every other product is sold out. */
const shoper: ShoperRoute = (path) => {
  const id = /^products\/(\d+)$/.exec(path)?.[1];
  if (!id || id === '404') return undefined;
  const stock = id === '6' ? 3 : 0;
  return {
    status: 200,
    body: {
      product_id: Number(id),
      translations: { pl_PL: { name: `Kubek ${id}`, active: 1 } },
      stock: { stock, active: 1, price: '19.99' },
    },
  };
};

const request = (productId: string, phone: string) => ({
  ...{ productId, phone, consent: true as const },
  ...{ consentTextVersion: 'v1', locale: 'pl' as const },
});
const caller = { ipHash: 'ip-hash-1', locale: 'pl' as const };

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const { status, code, field, message } = error as AppError & { field?: string };
  return { status, code, field, message };
}

describe('signing up for back in stock', () => {
  test('a sign-up waits with its consent; the same number again gets the same answer and stays one sign-up', async () => {
    const t = createStorefrontDeps({ now: NOW, settings: SETTINGS, templates: TEMPLATES, shoper });
    const first = await signUpForBackInStock(t.deps, TEST_SHOP, request('5', '605 100 200'), caller);
    expect(first).toMatchObject({
      status: 'waiting',
      duplicate: false,
      message: 'Dziękujemy! Wyślemy SMS, gdy produkt będzie znów dostępny.',
    });
    t.clock.at = new Date('2026-03-03T10:05:00Z');
    const again = await signUpForBackInStock(t.deps, TEST_SHOP, request('5', '+48 605-100-200'), caller);
    expect(again).toEqual(first);
    expect(await t.signUps.listAll(TEST_SHOP.shop)).toEqual([
      {
        id: signUpId('5', '+48605100200'),
        shop: TEST_SHOP.shop,
        productId: '5',
        phone: '+48605100200',
        productName: 'Kubek 5',
        status: 'waiting',
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        consent: { at: NOW.toISOString(), textVersion: 'v1', ipHash: 'ip-hash-1', locale: 'pl' },
      },
    ]);
    expect([...t.store.stats.values()]).toEqual([{ newNumbers: 1 }]);

    // The token from the answer withdraws exactly that sign-up.
    const withdrawn = await withdrawBackInStock(t.deps, TEST_SHOP, { token: first.withdrawToken, locale: 'pl' }, 'pl');
    expect(withdrawn.status).toBe('withdrawn');
    expect(await t.signUps.get(TEST_SHOP.shop, '5', '+48605100200')).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: '2026-03-03T10:05:00.000Z',
    });
    expect(
      await refusal(withdrawBackInStock(t.deps, TEST_SHOP, { token: `${first.withdrawToken.slice(0, -2)}xx`, locale: 'pl' }, 'pl')),
    ).toMatchObject({
      status: 400,
      code: 'WITHDRAW_TOKEN_INVALID',
      field: 'token',
    });
  });

  test('an available or unknown product, a landline or a switched-off template is refused with a reason, and nothing is stored', async () => {
    const t = createStorefrontDeps({ now: NOW, settings: SETTINGS, templates: TEMPLATES, shoper });
    expect(await refusal(signUpForBackInStock(t.deps, TEST_SHOP, request('6', '605100200'), caller))).toMatchObject({
      status: 409,
      code: 'PRODUCT_AVAILABLE',
      field: 'productId',
    });
    expect(await refusal(signUpForBackInStock(t.deps, TEST_SHOP, request('404', '605100200'), caller))).toMatchObject({
      status: 400,
      code: 'PRODUCT_UNKNOWN',
      field: 'productId',
    });
    const landline = await refusal(signUpForBackInStock(t.deps, TEST_SHOP, request('5', '22 123 45 67'), caller));
    expect(landline).toMatchObject({ status: 400, field: 'phone' });
    expect(landline.message).toMatch(/komórkow/);
    const switchedOff = { 'back-in-stock': { ...TEMPLATES['back-in-stock']!, enabled: false } };
    const off = createStorefrontDeps({ now: NOW, settings: SETTINGS, templates: switchedOff, shoper });
    expect(await refusal(signUpForBackInStock(off.deps, TEST_SHOP, request('5', '605100200'), caller))).toMatchObject({
      status: 409,
      code: 'BACK_IN_STOCK_DISABLED',
    });
    expect(await t.signUps.listAll(TEST_SHOP.shop)).toEqual([]);
    expect(await off.signUps.listAll(TEST_SHOP.shop)).toEqual([]);
  });

  test('one number signs up for at most five products a day: the sixth gets 429 with when to try again', async () => {
    const t = createStorefrontDeps({ now: NOW, settings: SETTINGS, templates: TEMPLATES, shoper });
    for (let i = 0; i < 5; i++) await signUpForBackInStock(t.deps, TEST_SHOP, request(String(10 + i), '605100200'), caller);
    const sixth = await refusal(signUpForBackInStock(t.deps, TEST_SHOP, request('20', '605100200'), caller));
    expect(sixth).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(sixth.message).toMatch(/^Zbyt wiele prób\. Spróbuj ponownie za \d+ min\.$/);
    expect(await t.signUps.listAll(TEST_SHOP.shop)).toHaveLength(5);
    // Another number is not held back by it.
    await signUpForBackInStock(t.deps, TEST_SHOP, request('20', '605100201'), caller);
    expect(await t.signUps.listAll(TEST_SHOP.shop)).toHaveLength(6);
  });
});

describe('a restock', () => {
  const consent = { at: NOW.toISOString(), textVersion: 'v1', ipHash: 'h', locale: 'pl' as const };
  const waiting = (productId: string, phone: string): SignUp => ({
    id: signUpId(productId, phone),
    shop: TEST_SHOP.shop,
    productId,
    phone,
    status: 'waiting',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    consent,
  });

  test('one SMS per waiting sign-up: two go now (the daily cap), the third waits for tomorrow, an opted-out number gets none', async () => {
    const t = createStorefrontDeps({ now: NOW, settings: { ...SETTINGS, storefrontDailyCap: 2 }, templates: TEMPLATES, shoper });
    for (const phone of ['+48605100201', '+48605100202', '+48605100203', '+48605100204']) await t.signUps.signUp(waiting('5', phone));
    await t.signUps.signUp(waiting('7', '+48605100201'));
    const optOut = {
      phone: '+48605100204',
      at: NOW.toISOString(),
      how: 'stop-link' as const,
      kind: 'celebration' as const,
      jobId: 'j',
      code: 'c',
    };
    await t.shortLinks.recordOptOut(TEST_SHOP.shop, optOut);
    const settings = withDefaults({ ...SETTINGS, storefrontDailyCap: 2 });
    const ctx = { shop: TEST_SHOP, settings, templates: TEMPLATES, now: NOW, links: await linkMakerFor(t.deps, TEST_SHOP, settings, NOW) };
    const product = { productId: '5', name: 'Kubek', price: '19.99', stock: 4, active: true };

    expect(await notifyBackInStock(t.deps, ctx, product)).toBe(3);

    const jobs = [...t.store.jobs.values()].sort((a, b) => a.phone.localeCompare(b.phone));
    expect(jobs.map((j) => [j.phone, j.state, j.skipReason?.code ?? j.waitReason?.code])).toEqual([
      ['+48605100201', 'QUEUED', undefined],
      ['+48605100202', 'QUEUED', undefined],
      ['+48605100203', 'SCHEDULED', 'STOREFRONT_DAILY_CAP'],
      ['+48605100204', 'SKIPPED', 'OPTED_OUT'],
    ]);
    expect(jobs[0]!.text).toMatch(/^Produkt Kubek znów jest w Sklep Testowy\./);
    // Sent in batches: the two due now in one message on the sends queue, the one of tomorrow scheduled for 00:00 in Warsaw.
    expect(t.queued).toEqual([{ shop: TEST_SHOP.shop, jobIds: [jobs[0]!.jobId, jobs[1]!.jobId] }]);
    expect(t.scheduled.map((s) => [s.ref.jobIds, s.at.toISOString()])).toEqual([[[jobs[2]!.jobId], '2026-03-03T23:00:00.000Z']]);
    expect(t.store.errors.map((e) => e.code)).toEqual(['STOREFRONT_DAILY_CAP']);
    // Every link in an SMS answers: stored, and for one of the planned jobs.
    const plannedIds = new Set(jobs.slice(0, 3).map((j) => j.jobId));
    expect(t.shortLinks.links.size).toBeGreaterThan(0);
    for (const link of t.shortLinks.links.values()) expect(plannedIds.has(link.jobId)).toBe(true);

    const states = (await t.signUps.listAll(TEST_SHOP.shop)).map((s) => [s.productId, s.phone, s.status, s.jobId]);
    expect(states).toEqual([
      ['5', '+48605100201', 'sent', jobs[0]!.jobId],
      ['5', '+48605100202', 'sent', jobs[1]!.jobId],
      ['5', '+48605100203', 'sent', jobs[2]!.jobId],
      ['5', '+48605100204', 'withdrawn', undefined],
      ['7', '+48605100201', 'waiting', undefined],
    ]);

    // The same restock reported again plans nothing more.
    expect(await notifyBackInStock(t.deps, ctx, product)).toBe(0);
    expect(t.store.jobs.size).toBe(4);
    expect(t.queued).toHaveLength(1);
  });

  test('a product still sold out, or a switched-off template, plans nothing', async () => {
    const t = createStorefrontDeps({ now: NOW, settings: SETTINGS, templates: TEMPLATES, shoper });
    await t.signUps.signUp(waiting('5', '+48605100201'));
    const settings = withDefaults(SETTINGS);
    const ctx = { shop: TEST_SHOP, settings, templates: TEMPLATES, now: NOW };
    expect(await notifyBackInStock(t.deps, ctx, { productId: '5', name: 'Kubek', price: '1', stock: 0, active: true })).toBe(0);
    expect(await notifyBackInStock(t.deps, ctx, { productId: '5', name: 'Kubek', price: '1', stock: 2, active: false })).toBe(0);
    const off = { ...ctx, templates: { 'back-in-stock': { ...TEMPLATES['back-in-stock']!, enabled: false } } };
    expect(await notifyBackInStock(t.deps, off, { productId: '5', name: 'Kubek', price: '1', stock: 2, active: true })).toBe(0);
    expect(t.store.jobs.size).toBe(0);
    expect((await t.signUps.get(TEST_SHOP.shop, '5', '+48605100201'))?.status).toBe('waiting');
  });
});
