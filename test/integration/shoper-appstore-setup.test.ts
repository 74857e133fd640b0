// Install answers fast and the rest follows from the queue: the catalogue and one webhook per event, paced by
// Shoper's rate limit (Retry-After honoured), retried until done or visibly failed, restartable by the admin; a shop
// that refuses webhook creation still installs and runs on App Store panel webhooks; an old plain-text webhook
// secret keeps working and is sealed on first use.
import type { LocalRuntime } from '../../local/runtime';
import { SUPPORTED_EVENTS } from '#domain/shoper-events';
import { DEFAULT_RATE_LIMIT } from '../../local/simulators/shop';
import { adminCall, signIn } from '../support/attack-kit';
import { connectDemoSmsapi, eventually, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;

beforeAll(async () => {
  rt = await startTestRuntime();
}, 60_000);
afterAll(async () => rt?.stop());

const stored = (licence: string) => rt.deps.store.getShop(licence);
const shopState = async (slug: string) => {
  const res = await adminCall(rt, await signIn(rt, slug), 'GET', '/api/shop');
  expect(res.status).toBe(200);
  return res.body;
};
const restCalls = (slug: string) => rt.shop.apiCalls(slug).filter((c) => !c.path.includes('oauth/token'));

test('install answers before the shop is read; a rate-limited setup waits for Retry-After, then finishes', async () => {
  const licence = rt.shop.createShop({ slug: 'wolny', name: 'Sklep Wolny' }).licence;
  // A shop whose bucket holds one call and drains one call every 25 s: the second call gets 429, Retry-After 25.
  rt.shop.setRateLimit({ capacity: 1, leakPerSecond: 0.04 });
  try {
    const answer = await rt.shop.sendLifecycle('wolny', 'install');
    expect(answer.status).toBe(200);
    // The App Store request traded the code and stored the shop; nothing else was asked of the shop in it.
    expect(await stored(licence)).toMatchObject({ status: 'installed', setup: { state: 'setting-up' } });
    expect(rt.shop.shop('wolny').webhooks).toHaveLength(0);

    // The first attempt ran into the limit: the admin sees why, and when the next attempt comes.
    const waiting = await eventually(async () => ((await stored(licence))?.setup?.attempts === 1 ? stored(licence) : undefined));
    expect(waiting!.setup).toMatchObject({ state: 'setting-up', lastError: { code: 'SHOPER_RATE_LIMITED' } });
    const retryAt = Date.parse(waiting!.setup!.nextAttemptAt!);
    expect(retryAt - rt.deps.clock.now().getTime()).toBeGreaterThanOrEqual(20_000);
    const panel = await shopState('wolny');
    expect(panel.setup).toMatchObject({ state: 'setting-up', attempts: 1, canRetry: false, lastError: { code: 'SHOPER_RATE_LIMITED' } });
    expect(panel.setup.lastError.message).toMatch(/ogranicza liczbę zapytań/);

    // Nothing is asked of the shop before Retry-After has passed.
    const callsAfterRefusal = restCalls('wolny').length;
    await rt.advanceClock(10_000);
    await new Promise((r) => setTimeout(r, 400));
    expect(restCalls('wolny').length).toBe(callsAfterRefusal);
  } finally {
    rt.shop.setRateLimit(DEFAULT_RATE_LIMIT);
  }
  // After it, the queued attempt reads the catalogue and registers one webhook per event.
  await rt.advanceClock(20_000);
  expect(await eventually(async () => (await stored(licence))?.setup?.state === 'done', 20_000)).toBe(true);
  const shop = (await stored(licence))!;
  expect(shop.setup).toMatchObject({ state: 'done', attempts: 2 });
  expect(shop.statuses!.length).toBeGreaterThanOrEqual(13);
  expect(
    rt.shop
      .shop('wolny')
      .webhooks.map((w) => w.events[0])
      .sort(),
  ).toEqual([...SUPPORTED_EVENTS].sort());
  expect((await shopState('wolny')).setup).toMatchObject({ state: 'done' });
  expect(await rt.deps.eventsQueue.deadLetters()).toEqual([]);
}, 60_000);

test('a setup that keeps failing says why, retries by itself, gives up visibly, and the admin can start it again', async () => {
  const licence = rt.shop.createShop({ slug: 'zepsuty', name: 'Sklep Zepsuty' }).licence;
  rt.shop.injectRestFaults({ status: 500, count: 100_000 });
  try {
    expect((await rt.shop.sendLifecycle('zepsuty', 'install')).status).toBe(200);
    // Every attempt fails fast with 500; each one is recorded and the next one queued after a backoff.
    for (let attempt = 1; attempt <= 8; attempt++) {
      const reached = await eventually(async () => ((await stored(licence))?.setup?.attempts ?? 0) >= attempt, 15_000);
      expect({ attempt, reached }).toEqual({ attempt, reached: true });
      if (attempt < 8) await rt.advanceClock(901_000);
    }
    const failed = (await stored(licence))!.setup!;
    expect(failed).toMatchObject({ state: 'failed', attempts: 8, lastError: { code: 'SHOPER_UNAVAILABLE' } });
    const panel = await shopState('zepsuty');
    expect(panel.setup).toMatchObject({ state: 'failed', canRetry: true, maxAttempts: 8 });
    expect(panel.setup.lastError.message).toContain('HTTP 500');
    // Given up in plain sight: not in a dead-letter queue nobody reads, and logged as an error.
    expect(await rt.deps.eventsQueue.deadLetters()).toEqual([]);
    expect(rt.logs.some((l) => l.level === 'ERROR' && l.message === 'shop setup failed for good' && l.shop === licence)).toBe(true);
  } finally {
    rt.shop.injectRestFaults({ status: 500, count: 0 });
  }
  const token = await signIn(rt, 'zepsuty');
  const retried = await adminCall(rt, token, 'POST', '/api/shop/setup', {});
  expect(retried.status).toBe(202);
  expect(retried.body.setup).toMatchObject({ state: 'setting-up', attempts: 0 });
  expect(await eventually(async () => (await stored(licence))?.setup?.state === 'done', 20_000)).toBe(true);
  expect(rt.shop.shop('zepsuty').webhooks).toHaveLength(SUPPORTED_EVENTS.length);
  const again = await adminCall(rt, token, 'POST', '/api/shop/setup', {});
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('SETUP_NOT_RETRYABLE');
}, 90_000);

test('a shop that refuses webhook creation installs anyway, runs on App Store panel webhooks, and the panel says so', async () => {
  const licence = rt.shop.createShop({ slug: 'bezhookow', name: 'Sklep Bez Webhooków' }).licence;
  rt.shop.refuseWebhooks('bezhookow', true);
  // The publisher configured order.status in the App Store panel: Shoper signs it with the shop's derived secret.
  rt.shop.configureAppstore({ panelWebhookEvents: ['order.status'] });
  try {
    expect((await rt.shop.install('bezhookow')).status).toBe(200);
    const shop = (await stored(licence))!;
    expect(shop).toMatchObject({ status: 'installed', webhookMode: 'panel', webhookModeReason: 'refused', setup: { state: 'done' } });
    expect(rt.shop.shop('bezhookow').webhooks).toHaveLength(0);
    expect(rt.shop.apiCalls('bezhookow').some((c) => c.path.startsWith('/webapi/rest/webhooks') && c.status === 403)).toBe(true);
    expect((await shopState('bezhookow')).webhooks).toMatchObject({ mode: 'panel', reason: 'refused', url: `${rt.url}/shoper/webhooks` });

    await connectDemoSmsapi(rt, licence);
    await rt.deps.store.putTemplate(licence, 'order-status#2', { enabled: true, delayDays: 0, text: 'Zamówienie {order_id} przyjęte' });
    const { orderId } = await rt.shop.placeOrder('bezhookow', { phone: '604 567 890' });
    const { deliveries } = await rt.shop.changeStatus('bezhookow', orderId, 2);
    expect(deliveries).toEqual([200]);
    expect(
      await eventually(() => rt.smsapi.outbox().some((m) => m.message === `Zamówienie ${orderId} przyjęte` && m.to === '48604567890')),
    ).toBe(true);
  } finally {
    rt.shop.configureAppstore({ panelWebhookEvents: [] });
  }
}, 60_000);

test('a webhook secret stored in plain text (before encryption) still verifies, and is sealed on first use', async () => {
  const licence = rt.shop.createShop({ slug: 'stary', name: 'Sklep Stary' }).licence;
  expect((await rt.shop.install('stary')).status).toBe(200);
  const hooks = rt.shop.shop('stary').webhooks;
  const secret = hooks[0]!.secret;
  // The record as the previous release wrote it: the secret in clear, one webhook id for every event, no setup.
  const current = (await stored(licence))!;
  const { sealedWebhookSecret: _sealed, webhookEvents: _events, setup: _setup, webhookMode: _mode, ...legacy } = current;
  await rt.deps.store.putShop({ ...legacy, webhookSecret: secret, webhookIds: [String(hooks[0]!.webhookId)] });

  await connectDemoSmsapi(rt, licence);
  await rt.deps.store.putTemplate(licence, 'order-status#2', { enabled: true, delayDays: 0, text: 'Stary {order_id}' });
  const { orderId } = await rt.shop.placeOrder('stary', { phone: '605 678 901' });
  expect((await rt.shop.changeStatus('stary', orderId, 2)).deliveries).toEqual([200]);
  expect(await eventually(() => rt.smsapi.outbox().some((m) => m.message === `Stary ${orderId}`))).toBe(true);

  const migrated = (await stored(licence))!;
  expect(migrated.webhookSecret).toBeUndefined();
  expect(JSON.stringify(migrated)).not.toContain(secret);
  expect(await rt.deps.cipher.decrypt(migrated.sealedWebhookSecret!, licence)).toBe(secret);
  // The panel shows such a shop as set up.
  expect((await shopState('stary')).setup).toMatchObject({ state: 'done' });
}, 60_000);
