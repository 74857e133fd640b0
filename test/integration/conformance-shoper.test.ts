// Conformance: request shapes taken from public sources we did not write (test/fixtures/platforms/shoper, each file
// names its source) go through the real handlers of the local runtime. Only what cannot work outside the original
// shop is replaced: the signature (our test secrets), the timestamp (fresh, in the source's format), the shop URL
// and auth code (the simulated shop's), the licence and webhook id (ours). Field names, nesting and value types
// stay the source's.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalRuntime } from '../../local/runtime';
import { LOCAL_SECRETS } from '../../local/runtime';
import { issueAuthCode } from '../../local/simulators/shop/oauth';
import { adminCall, call, signIn } from '../support/attack-kit';
import { connectDemoSmsapi, eventually, registeredWebhook, startTestRuntime } from '../support/runtime';
import { warsawWallClock } from '../support/warsaw-time';

const FIXTURES = join(__dirname, '..', 'fixtures', 'platforms', 'shoper');
const fixture = <T>(name: string): T & { _source: string } => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

interface InstallFixture {
  fields: Record<string, string>;
}
interface WebhookFixture {
  event: string;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

let rt: LocalRuntime;

const warsawNow = () => warsawWallClock(rt.deps.clock.now());
const sign = (fields: Record<string, string>) =>
  createHmac('sha512', LOCAL_SECRETS.APPSTORE_SECRET)
    .update(
      Object.keys(fields)
        .filter((k) => k !== 'hash')
        .sort()
        .map((k) => `${k}=${fields[k]}`)
        .join('&'),
    )
    .digest('hex');
const sha1 = (id: string, secret: string, body: string) => createHash('sha1').update(`${id}:${secret}:${body}`).digest('hex');

/** Posts a webhook fixture as the shop would: its own headers (where it has them), our licence, id and signature. */
function deliver(f: WebhookFixture, licence: string, hook: { id: string; secret: string }) {
  const body = JSON.stringify(f.body);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Shop Webhook Sender 5.26.54',
    ...f.headers,
    'x-shop-license': licence,
    'x-webhook-name': f.event,
    'x-webhook-id': hook.id,
    'x-webhook-sha1': sha1(hook.id, hook.secret, body),
  };
  return call(`${rt.url}/shoper/webhooks`, { method: 'POST', headers, body });
}

beforeAll(async () => {
  rt = await startTestRuntime();
}, 60_000);
afterAll(async () => rt?.stop());

describe('the captured App Store install (retargeting/Shoper billing_index.php)', () => {
  const captured = fixture<InstallFixture>('appstore-install.json');

  test('keeps its shape: the fields Shoper sends, a Y-m-d H:i:s timestamp', () => {
    expect(captured._source).toContain('retargeting/Shoper');
    expect(Object.keys(captured.fields).sort()).toEqual([
      'action',
      'application_code',
      'application_version',
      'auth_code',
      'hash',
      'shop',
      'shop_url',
      'timestamp',
    ]);
    expect(captured.fields.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  test('as captured (years old) it is refused as stale; re-signed with a fresh Warsaw timestamp it installs the shop', async () => {
    // The captured licence becomes a simulated shop, so the app can trade the code with it.
    const sim = rt.shop.createShop({ slug: 'przechwycony', name: 'Sklep Przechwycony', licence: captured.fields.shop });
    const asCaptured: Record<string, string> = { ...captured.fields, shop_url: sim.url };
    asCaptured.hash = sign(asCaptured);
    const stale = await call(`${rt.url}/shoper/appstore`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(asCaptured).toString(),
    });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('APPSTORE_EVENT_STALE');

    sim.installed = true; // the shop's side: it marks the app installed before it calls, so the code can be traded
    const fields: Record<string, string> = {
      ...captured.fields,
      shop_url: sim.url,
      auth_code: issueAuthCode(sim, rt.deps.clock.now()),
      timestamp: warsawNow(),
    };
    delete fields.hash;
    const res = await call(`${rt.url}/shoper/appstore`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, hash: sign(fields) }).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: 'install', shop: captured.fields.shop, result: 'installed' });
    // The same event again as multipart/form-data (the libraries read $_POST, which takes both): a harmless repeat.
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...fields, hash: sign(fields) })) form.append(k, v);
    const again = await call(`${rt.url}/shoper/appstore`, { method: 'POST', body: form });
    expect(again.status).toBe(200);
    expect(again.body.result).toBe('already-installed');
    expect(await eventually(async () => (await rt.deps.store.getShop(captured.fields.shop!))?.setup?.state === 'done')).toBe(true);
    expect((await rt.deps.store.getShop(captured.fields.shop!))?.appVersion).toBe(captured.fields.application_version);
  }, 30_000);
});

describe('order webhooks', () => {
  let licence: string;
  beforeAll(async () => {
    licence = rt.shop.createShop({ slug: 'zgodny', name: 'Sklep Zgodny' }).licence;
    expect((await rt.shop.install('zgodny')).status).toBe(200);
    await connectDemoSmsapi(rt, licence);
    const token = await signIn(rt, 'zgodny');
    expect((await adminCall(rt, token, 'PUT', '/api/settings', { ownerPhone: '+48 538 506 896' })).status).toBe(200);
    expect(
      (
        await adminCall(rt, token, 'PUT', '/api/templates/owner-new-order', {
          enabled: true,
          delayDays: 0,
          text: 'Nowe zamówienie {order_id}',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await adminCall(rt, token, 'PUT', '/api/templates/order-status/2', {
          enabled: true,
          delayDays: 0,
          text: 'Zamówienie {order_id}: {status_name}',
        })
      ).status,
    ).toBe(200);
  }, 60_000);

  test('the captured Shoper 5.26 order.create (numbers as strings, its own headers) tells the owner', async () => {
    const f = fixture<WebhookFixture>('webhook-order-create-5.26.json');
    expect(f._source).toContain('SPIKE-3638');
    expect(typeof f.body.order_id).toBe('string');
    const res = await deliver(f, licence, registeredWebhook(rt, 'zgodny', 'order.create'));
    expect(res.status).toBe(200);
    expect(await eventually(() => rt.smsapi.outbox().some((m) => m.message === 'Nowe zamówienie 8' && m.to === '48538506896'))).toBe(true);
  }, 30_000);

  test("order.status in the REST order's snake_case shape sends the status SMS to the billing phone", async () => {
    const f = fixture<WebhookFixture>('webhook-order-status-rest.json');
    expect(f.body).toHaveProperty('billing_address.phone');
    const res = await deliver(f, licence, registeredWebhook(rt, 'zgodny', 'order.status'));
    expect(res.status).toBe(200);
    expect(
      await eventually(() =>
        rt.smsapi.outbox().some((m) => m.message === 'Zamówienie 42: Przyjęte do realizacji' && m.to === '48600300400'),
      ),
    ).toBe(true);
  }, 30_000);
});

describe("the order.status Shoper's SMS sample app reads (camelCase addresses, panel webhook, derived secret)", () => {
  test('a shop on panel webhooks takes it and sends the SMS, the number completed from country_code', async () => {
    const f = fixture<WebhookFixture>('webhook-order-status-camelcase.json');
    expect(f.body).toHaveProperty('billingAddress.phone');
    expect(f.body).not.toHaveProperty('billing_address');
    // app-msg91 gets its webhooks from the App Store panel: here a shop that refused webhook creation runs so too.
    const licence = rt.shop.createShop({ slug: 'probka', name: 'Sklep Próbka' }).licence;
    rt.shop.refuseWebhooks('probka', true);
    expect((await rt.shop.install('probka')).status).toBe(200);
    expect((await rt.deps.store.getShop(licence))?.webhookMode).toBe('panel');
    await connectDemoSmsapi(rt, licence);
    await rt.deps.store.putTemplate(licence, 'order-status#2', { enabled: true, delayDays: 0, text: 'Próbka {order_id}: {status_name}' });
    // The derived secret computed here as Webhookapp.php does: HMAC-SHA512(appstoreSecret, licence:webhookSecretKey).
    const secret = createHmac('sha512', LOCAL_SECRETS.APPSTORE_SECRET)
      .update(`${licence}:${LOCAL_SECRETS.WEBHOOK_SECRET_KEY}`)
      .digest('hex');
    const res = await deliver(f, licence, { id: '9001', secret });
    expect(res.status).toBe(200);
    expect(
      await eventually(() => rt.smsapi.outbox().some((m) => m.message === 'Próbka 41: Przyjęte do realizacji' && m.to === '48600100200')),
    ).toBe(true);
  }, 30_000);
});
