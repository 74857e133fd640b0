// Shoper App Store integration over real HTTP against the shop simulator: lifecycle signatures (computed here,
// independently of the app's code), install with OAuth and webhook registration, admin sessions, token refresh,
// rate limits, and uninstall that leaves nothing behind.
import { createHash, createHmac } from 'node:crypto';
import type { LocalRuntime } from '../../local/runtime';
import { LOCAL_SECRETS } from '../../local/runtime';
import { createShoperClient } from '#services/shoper-client';
import { adminApi, sessionRequest } from '../support/admin-client';
import { eventually, registeredWebhook, startTestRuntime } from '../support/runtime';
import { warsawWallClock } from '../support/warsaw-time';

const DAY = 24 * 3600 * 1000;
let rt: LocalRuntime;

const sign = (fields: Record<string, string>, secret = LOCAL_SECRETS.APPSTORE_SECRET) =>
  createHmac('sha512', secret)
    .update(
      Object.keys(fields)
        .sort()
        .map((k) => `${k}=${fields[k]}`)
        .join('&'),
    )
    .digest('hex');

const nowSeconds = () => String(Math.floor(rt.deps.clock.now().getTime() / 1000));
const nowWarsaw = (offsetMs = 0) => warsawWallClock(new Date(rt.deps.clock.now().getTime() + offsetMs));

async function multipartLifecycle(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${rt.url}/shoper/appstore`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as any };
}

async function lifecycle(fields: Record<string, string>, rawOverride?: string) {
  const body = rawOverride ?? new URLSearchParams(fields).toString();
  const res = await fetch(`${rt.url}/shoper/appstore`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function session(slug: string, mutate?: (p: Record<string, string>) => void) {
  const res = await fetch(...sessionRequest(rt, slug, mutate));
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  rt = await startTestRuntime();
}, 60_000);
afterAll(async () => rt?.stop());

describe('App Store lifecycle signatures', () => {
  let licence: string;
  beforeAll(() => {
    licence = rt.shop.createShop({ slug: 'sig', name: 'Sklep Podpisy' }).licence;
  });
  const base = () => ({
    action: 'upgrade',
    shop: licence,
    shop_url: `${rt.shop.url}/s/sig`,
    application_code: 'sms-notifications',
    application_version: '2',
    timestamp: nowSeconds(),
  });

  test('a changed byte, a wrong secret or a missing hash is 401 and changes nothing', async () => {
    const fields = base();
    const hash = sign(fields);
    const tampered = new URLSearchParams({ ...fields, hash }).toString().replace('application_version=2', 'application_version=3');
    expect((await lifecycle({}, tampered)).status).toBe(401);
    expect((await lifecycle({ ...fields, hash: sign(fields, 'not-the-secret') })).status).toBe(401);
    const missing = await lifecycle(fields);
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('APPSTORE_SIGNATURE_MISSING');
    expect(await rt.deps.store.getShop(licence)).toBeUndefined();
  });

  test('a correctly signed but stale event is refused as a possible replay, in either timestamp format', async () => {
    for (const timestamp of [
      String(Number(nowSeconds()) - 2 * 3600),
      nowWarsaw(-3 * DAY),
      nowWarsaw(-2 * 3600_000),
      nowWarsaw(30 * 60_000),
    ]) {
      const fields = { ...base(), timestamp };
      const res = await lifecycle({ ...fields, hash: sign(fields) });
      expect({ timestamp, status: res.status, code: res.body.error?.code }).toEqual({
        timestamp,
        status: 401,
        code: 'APPSTORE_EVENT_STALE',
      });
    }
    const garbled = { ...base(), timestamp: '25.06.2015 10:14' };
    const res = await lifecycle({ ...garbled, hash: sign(garbled) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'FIELD_INVALID', field: 'timestamp' });
  });

  test('a correctly signed install with a Y-m-d H:i:s timestamp (Europe/Warsaw) installs the shop; so does Unix seconds', async () => {
    const formats: [string, () => string][] = [
      ['warsaw', () => nowWarsaw(-5 * 60_000)],
      ['unix', () => String(Number(nowSeconds()) - 300)],
    ];
    for (const [slug, timestamp] of formats) {
      const created = rt.shop.createShop({ slug: `ts-${slug}`, name: `Sklep ${slug}` });
      // The shop simulator signs the event (its own code, not the app's) with the timestamp given.
      const res = await rt.shop.sendLifecycle(created.slug, 'install', { timestamp: timestamp() });
      expect({ slug, status: res.status, result: JSON.parse(res.body).result }).toEqual({ slug, status: 200, result: 'installed' });
      expect((await rt.deps.store.getShop(created.licence))?.status).toBe('installed');
    }
    // A captured live install's own timestamp is years old: correctly signed, it is still refused as stale.
    const old = await rt.shop.sendLifecycle('ts-warsaw', 'install', { timestamp: '2015-06-25 10:14:16' });
    expect(old.status).toBe(401);
  });

  test('the event is also accepted as multipart/form-data, signed over the same fields', async () => {
    const fields = { ...base(), action: 'billing_install', timestamp: nowWarsaw() };
    const res = await multipartLifecycle({ ...fields, hash: sign(fields) });
    expect(res.status).toBe(200);
    expect(res.body.result).toBe('unknown-shop');
    const tampered = await multipartLifecycle({ ...fields, application_version: '9', hash: sign(fields) });
    expect(tampered.status).toBe(401);
    expect(tampered.body.error.code).toBe('APPSTORE_SIGNATURE_INVALID');
  });

  test('an uninstall of an unknown shop is a harmless 200', async () => {
    const fields = { ...base(), action: 'uninstall' };
    const res = await lifecycle({ ...fields, hash: sign(fields) });
    expect(res.status).toBe(200);
    expect(res.body.result).toBe('unknown-shop');
  });

  test('wrong content type is 415', async () => {
    const res = await fetch(`${rt.url}/shoper/appstore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(415);
  });
});

describe('install, use, uninstall', () => {
  let licence: string;

  test('install exchanges the code, reads the catalogue and registers one signed webhook per event', async () => {
    licence = rt.shop.createShop({ slug: 'life', name: 'Sklep Cykl Życia' }).licence;
    expect((await rt.shop.install('life')).status).toBe(200);
    const shop = await rt.deps.store.getShop(licence);
    expect(shop).toMatchObject({ status: 'installed', shopName: 'Sklep Cykl Życia' });
    // Custom statuses come with the defaults, with Polish and English names.
    expect(shop!.statuses!.length).toBeGreaterThanOrEqual(13);
    expect(shop!.statuses!.find((s) => s.name === 'Czeka na odbiór w punkcie')?.nameEn).toBe('Awaiting pickup at the point');
    // Tokens are stored encrypted, never in clear.
    const simToken = rt.shop.shop('life').tokens.at(-1)!.accessToken;
    expect(JSON.stringify(shop)).not.toContain(simToken);
    // One webhook per event (X-Webhook-Id then names the event), all with the shop's one random secret...
    const hooks = rt.shop.shop('life').webhooks;
    expect(hooks.map((h) => h.events)).toEqual(
      expect.arrayContaining([['order.create'], ['order.status'], ['parcel.dispatch'], ['client.create'], ['product.edit']]),
    );
    expect(hooks.every((h) => h.events.length === 1 && h.url === `${rt.url}/shoper/webhooks`)).toBe(true);
    expect(new Set(hooks.map((h) => h.secret)).size).toBe(1);
    // ...which the app keeps encrypted, bound to the shop, with the id -> event map.
    expect(JSON.stringify(shop)).not.toContain(hooks[0]!.secret);
    expect(shop!.webhookSecret).toBeUndefined();
    expect(await rt.deps.cipher.decrypt(shop!.sealedWebhookSecret!, licence)).toBe(hooks[0]!.secret);
    await expect(rt.deps.cipher.decrypt(shop!.sealedWebhookSecret!, 'another-shop')).rejects.toThrow();
    expect(shop!.webhookEvents).toEqual(Object.fromEntries(hooks.map((h) => [String(h.webhookId), h.events[0]])));
    expect(shop!.setup).toMatchObject({ state: 'done', attempts: 1 });
  }, 30_000);

  test('a repeated install is harmless, and an older event than the last applied is refused', async () => {
    const callsBefore = rt.shop.apiCalls('life').length;
    const sent = rt.shop.webhookDeliveries('life').length;
    const shopBefore = await rt.deps.store.getShop(licence);
    // Replaying an older lifecycle event (timestamp before the install): 409, nothing changes.
    const old = {
      action: 'uninstall',
      shop: licence,
      shop_url: `${rt.shop.url}/s/life`,
      application_code: 'sms-notifications',
      timestamp: String(Number(shopBefore!.lastLifecycleAt) - 10),
    };
    const res = await lifecycle({ ...old, hash: sign(old) });
    expect(res.status).toBe(409);
    expect((await rt.deps.store.getShop(licence))?.status).toBe('installed');
    expect(rt.shop.apiCalls('life').length).toBe(callsBefore);
    expect(rt.shop.webhookDeliveries('life').length).toBe(sent);

    // Shoper sending install again: still one shop, one webhook per event, the merchant's templates kept.
    await rt.deps.store.putTemplate(licence, 'owner-new-order', { enabled: true, delayDays: 0, text: 'Nowe {order_id}' });
    const countBefore = rt.shop.shop('life').webhooks.length;
    expect((await rt.shop.install('life')).status).toBe(200);
    expect(rt.shop.shop('life').webhooks).toHaveLength(countBefore);
    expect((await rt.deps.store.getShop(licence))?.status).toBe('installed');
    expect((await rt.deps.store.getTemplate(licence, 'owner-new-order'))?.text).toBe('Nowe {order_id}');
  }, 30_000);

  test('the merchant is signed in by the iframe parameters alone; tampered or stale ones are refused', async () => {
    const ok = await session('life');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ shop: licence, locale: 'pl' });
    expect((await session('life', (p) => (p.shop = 'someone-else'))).status).toBe(401);
    expect((await session('life', (p) => (p.place = 'orders'))).status).toBe(401);
    // The shop sends `Y-m-d H:i:s` (Europe/Warsaw) by default; Unix seconds work too.
    expect(new URL(rt.shop.iframeUrl('life')).searchParams.get('timestamp')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const resign = (timestamp: string) => (p: Record<string, string>) => {
      p.timestamp = timestamp;
      p.hash = sign({ place: p.place!, shop: p.shop!, timestamp });
    };
    expect((await session('life', resign(nowSeconds()))).status).toBe(200);
    // Stale but correctly signed timestamps (signed here, independently), in both formats: three days, an hour.
    for (const old of [nowWarsaw(-3 * DAY), nowWarsaw(-3600_000), String(Number(nowSeconds()) - 3600)]) {
      const stale = await session('life', resign(old));
      expect({ old, status: stale.status, code: stale.body.error?.code }).toEqual({ old, status: 401, code: 'SESSION_EXPIRED' });
    }
    // The unsigned language is only a display choice: `translations` first (what Shoper's app template reads), then `locale`.
    expect((await session('life', (p) => (p.translations = 'en_US'))).body.locale).toBe('en');
    expect((await session('life', (p) => ((p.translations = 'pl_PL'), (p.locale = 'en_US')))).body.locale).toBe('pl');
    expect((await session('life', (p) => (delete p.translations, (p.locale = 'en_US')))).body.locale).toBe('en');
  });

  test('a webhook body with one byte changed is refused', async () => {
    const hook = registeredWebhook(rt, 'life', 'order.status');
    const body = JSON.stringify({ order_id: '1', status_id: '2', billing_address: { phone: '601234567' } });
    const signature = createHash('sha1').update(`${hook.id}:${hook.secret}:${body}`).digest('hex');
    const post = (b: string) =>
      fetch(`${rt.url}/shoper/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-shop-license': licence,
          'x-webhook-id': hook.id,
          'x-webhook-name': 'order.status',
          'x-webhook-sha1': signature,
        },
        body: b,
      });
    expect((await post(body.replace('601', '602'))).status).toBe(401);
    expect((await post(body)).status).toBe(200);
  });

  test('tokens are refreshed ahead of expiry and on a 401, and a 429 waits for Retry-After', async () => {
    const refreshCalls = () => rt.shop.apiCalls('life').filter((c) => c.path.includes('oauth/token')).length;
    const before = refreshCalls();
    const tokensBefore = (await rt.deps.store.getShop(licence))!.tokens!;
    await rt.advanceClock(29.5 * DAY);
    const client = createShoperClient(rt.deps, (await rt.deps.store.getShop(licence))!);
    const statuses = await client.list('statuses');
    expect(statuses.count).toBeGreaterThanOrEqual(13);
    expect(refreshCalls()).toBe(before + 1);
    const tokensAfter = (await rt.deps.store.getShop(licence))!.tokens!;
    expect(tokensAfter.refreshToken).not.toBe(tokensBefore.refreshToken);
    expect(new Date(tokensAfter.expiresAt).getTime()).toBeGreaterThan(new Date(tokensBefore.expiresAt).getTime());

    // A token the shop no longer accepts: one refresh, then the call succeeds.
    const broken = {
      ...(await rt.deps.store.getShop(licence))!,
      tokens: { ...tokensAfter, accessToken: await rt.deps.cipher.encrypt('revoked-token', licence) },
    };
    await expect(createShoperClient(rt.deps, broken).get('application-config')).resolves.toBeDefined();
    expect(refreshCalls()).toBe(before + 2);

    rt.shop.injectRestFaults({ status: 429, count: 2 });
    const fresh = createShoperClient(rt.deps, (await rt.deps.store.getShop(licence))!);
    await expect(fresh.list('orders', { limit: 5 })).resolves.toMatchObject({ page: 1 });
  }, 30_000);

  test('uninstall deletes every item and schedule of the shop; later webhooks are ignored; a reinstall starts clean', async () => {
    // Configure and create a scheduled job first.
    const put = await adminApi(rt, 'life')('PUT', '/api/templates/order-status/2', {
      enabled: true,
      delayDays: 3,
      text: 'Zamówienie {order_id} przyjęte',
    });
    expect(put.status).toBe(200);
    const { orderId } = await rt.shop.placeOrder('life', { phone: '601234567' });
    await rt.shop.changeStatus('life', orderId, 2);
    expect(await eventually(async () => (await rt.deps.store.listJobs(licence, { states: ['SCHEDULED'] })).length === 1)).toBe(true);
    // The job is written before its schedule: wait for both.
    expect(await eventually(async () => (await rt.deps.scheduler.list()).some((s) => s.ref.shop === licence))).toBe(true);

    expect((await rt.shop.uninstall('life')).status).toBe(200);
    // The answer only marks the shop; the purge runs from the events queue.
    expect((await rt.deps.store.getShop(licence))?.status).toBe('uninstalling');
    await rt.idle();
    expect(await rt.deps.store.getShop(licence)).toBeUndefined();
    expect(await rt.deps.store.listJobs(licence)).toHaveLength(0);
    expect(await rt.deps.store.listTemplates(licence)).toEqual({});
    expect((await rt.deps.scheduler.list()).some((s) => s.ref.shop === licence)).toBe(false);
    // The old session no longer works for this shop's data... and nothing is sent afterwards.
    const outboxBefore = rt.smsapi.outbox().length;
    expect(await rt.shop.redeliverLast('life')).toBe(401);
    await rt.advanceClock(4 * DAY);
    await rt.idle();
    expect(rt.smsapi.outbox().length).toBe(outboxBefore);

    expect((await rt.shop.install('life')).status).toBe(200);
    expect(await rt.deps.store.listTemplates(licence)).toEqual({});
    expect(await rt.deps.store.listJobs(licence)).toHaveLength(0);
  }, 30_000);
});

describe('across the spring clock change (Warsaw 02:00 CET -> 03:00 CEST)', () => {
  test('installs a minute before and a minute after the change carry Warsaw wall time and are both fresh', async () => {
    // The simulator writes `Y-m-d H:i:s` Warsaw time; read with a fixed +01:00 the second one would be an hour ahead.
    const before = Date.parse('2027-03-28T00:59:30Z'); // 01:59:30 CET
    expect(before).toBeGreaterThan(rt.deps.clock.now().getTime());
    await rt.advanceClock(before - rt.deps.clock.now().getTime());
    const first = rt.shop.createShop({ slug: 'dst-przed', name: 'Sklep Przed' });
    expect(new URL(rt.shop.iframeUrl('dst-przed')).searchParams.get('timestamp')).toMatch(/^2027-03-28 01:59:[345]\d$/);
    expect((await rt.shop.install('dst-przed')).status).toBe(200);
    await rt.advanceClock(60_000); // 03:00:30 CEST
    const second = rt.shop.createShop({ slug: 'dst-po', name: 'Sklep Po' });
    expect(new URL(rt.shop.iframeUrl('dst-po')).searchParams.get('timestamp')).toMatch(/^2027-03-28 03:00:[345]\d$/);
    expect((await rt.shop.install('dst-po')).status).toBe(200);
    for (const shop of [first, second]) expect((await rt.deps.store.getShop(shop.licence))?.status).toBe('installed');
    // The order of events holds across the change: the second install's instant is a minute after the first one's
    // (the clock runs on between the calls), not an hour or more.
    const applied = await Promise.all([first, second].map(async (s) => Number((await rt.deps.store.getShop(s.licence))!.lastLifecycleAt)));
    expect(applied[1]! - applied[0]!).toBeGreaterThanOrEqual(60);
    expect(applied[1]! - applied[0]!).toBeLessThan(90);
    // The admin signs in with the summer-time iframe parameters.
    expect((await session('dst-po')).status).toBe(200);
  }, 60_000);
});
