// The Shoper simulator speaks Shoper's protocols: signed App Store calls, OAuth with rotating
// refresh tokens, REST lists with filters and limits, rate limiting, signed webhooks, the signed
// admin iframe, and shops that survive a restart. Signatures are recomputed here from the protocol
// description, not with the simulator's own helpers.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShopSimulator, type ShopSimulator } from '#local/simulators/shop/index';
import { warsawWallClock } from '../support/warsaw-time';

const APPSTORE_SECRET = 'appstore-secret-for-tests';
const CLIENT_ID = 'client-id-for-tests';
const CLIENT_SECRET = 'client-secret-for-tests';
const WEBHOOK_SECRET = 'per-shop-webhook-secret';

interface Captured {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

function startCaptureServer(): Promise<{ server: Server; url: string; requests: Captured[] }> {
  const requests: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('OK');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, requests });
    });
  });
}

/** PROTOCOLS.md: HMAC-SHA512 hex over the sorted `k=v` pairs (all but hash) joined with `&`. */
function expectedHash(fields: Record<string, string>): string {
  const message = Object.keys(fields)
    .filter((k) => k !== 'hash')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  return createHmac('sha512', APPSTORE_SECRET).update(message).digest('hex');
}

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

describe('Shoper shop simulator', () => {
  let capture: Awaited<ReturnType<typeof startCaptureServer>>;
  let sim: ShopSimulator;
  let stateDir: string;
  let clockOffsetMs = 0;
  const now = () => new Date(Date.now() + clockOffsetMs);
  let accessToken = '';
  let refreshToken = '';

  const shopApi = () => `${sim.url}/s/demo/webapi/rest`;
  const rest = (path: string, init: RequestInit = {}) =>
    fetch(`${shopApi()}/${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${accessToken}`, ...(init.headers as Record<string, string>) },
    });
  const token = (grantType: string, body: Record<string, string>, authorization?: string) =>
    fetch(`${shopApi()}/oauth/token?grant_type=${grantType}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(authorization ? { Authorization: authorization } : {}) },
      body: new URLSearchParams(body).toString(),
    });
  const lifecycleCalls = () => capture.requests.filter((r) => r.path === '/shoper/appstore');
  const webhookCalls = () => capture.requests.filter((r) => r.path === '/shoper/webhooks');

  beforeAll(async () => {
    capture = await startCaptureServer();
    stateDir = mkdtempSync(join(tmpdir(), 'shop-sim-'));
    sim = await startShopSimulator({
      appUrl: capture.url,
      appstoreSecret: APPSTORE_SECRET,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      now,
      rateLimit: false,
      stateFile: join(stateDir, 'shops.json'),
    });
    sim.createShop({ slug: 'demo' });
  });

  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => capture.server.close(resolve));
    rmSync(stateDir, { recursive: true, force: true });
  });

  test('install posts a form-encoded App Store event whose hash verifies with the App Store secret', async () => {
    const { status } = await sim.install('demo');
    expect(status).toBe(200);
    const call = lifecycleCalls().at(-1);
    expect(call?.method).toBe('POST');
    expect(call?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const fields = Object.fromEntries(new URLSearchParams(call?.body ?? ''));
    expect(fields).toMatchObject({
      action: 'install',
      shop: sim.shop('demo').licence,
      shop_url: `${sim.url}/s/demo`,
      application_code: 'sms-notifications',
      application_version: '1',
    });
    expect(fields.shop).toMatch(/^[0-9a-f]{40}$/);
    // As a live shop sends it: `Y-m-d H:i:s` wall-clock time in Europe/Warsaw (formatted here independently).
    expect(Array.from({ length: 6 }, (_, k) => warsawWallClock(Date.now() - k * 1000))).toContain(fields.timestamp);
    expect(fields.auth_code).toMatch(/^\w{16,}$/);
    expect(fields.hash).toBe(expectedHash(fields));
    expect(fields.hash).not.toBe(createHmac('sha512', 'another-secret').update('x').digest('hex'));
  });

  test('the install auth_code trades once for tokens; wrong client credentials are refused', async () => {
    const code = Object.fromEntries(new URLSearchParams(lifecycleCalls().at(-1)?.body ?? '')).auth_code ?? '';
    const refused = await token('authorization_code', { code }, basic(CLIENT_ID, 'wrong-secret'));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'unauthorized_client' });

    const granted = await token('authorization_code', { code }, basic(CLIENT_ID, CLIENT_SECRET));
    expect(granted.status).toBe(200);
    const body = (await granted.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ expires_in: 2592000, token_type: 'bearer' });
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.refresh_token).toBe('string');
    expect(typeof body.scope).toBe('string');
    accessToken = String(body.access_token);
    refreshToken = String(body.refresh_token);

    const reused = await token('authorization_code', { code }, basic(CLIENT_ID, CLIENT_SECRET));
    expect(reused.status).toBeGreaterThanOrEqual(400);
  });

  test('refresh returns a new access and refresh token, and the old refresh token stops working', async () => {
    const first = await token('refresh_token', { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: refreshToken });
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as { access_token: string; refresh_token: string };
    expect(rotated.refresh_token).not.toBe(refreshToken);
    expect(rotated.access_token).not.toBe(accessToken);

    const replay = await token('refresh_token', { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: refreshToken });
    expect(replay.status).toBeGreaterThanOrEqual(400);

    const viaBasic = await token('refresh_token', { refresh_token: rotated.refresh_token }, basic(CLIENT_ID, CLIENT_SECRET));
    expect(viaBasic.status).toBe(200);
    const latest = (await viaBasic.json()) as { access_token: string; refresh_token: string };
    accessToken = latest.access_token;
    refreshToken = latest.refresh_token;
    expect((await rest('orders')).status).toBe(200);
  });

  test('REST lists paginate, filter with equality, in, > and <, and answer unknown ids with 404', async () => {
    const page2 = (await (await rest('orders?limit=1&page=2')).json()) as {
      count: number;
      pages: number;
      page: number;
      list: Array<Record<string, unknown>>;
    };
    expect(page2).toMatchObject({ count: 2, pages: 2, page: 2 });
    expect(page2.list).toHaveLength(1);
    expect(page2.list[0]?.order_id).toBe('2');

    const byUser = (await (await rest(`orders?filters=${encodeURIComponent('{"user_id":1}')}`)).json()) as {
      list: Array<Record<string, any>>;
    };
    expect(byUser.list.map((o) => o.order_id)).toEqual(['1']);
    const order = byUser.list[0];
    expect(order?.status).toMatchObject({ status_id: '1', name: 'złożone' });
    expect(order?.billing_address).toMatchObject({ firstname: 'Anna', country_code: 'PL' });
    expect(order?.billing_address.phone).toMatch(/^(\+48)?\s?[5-8]/);

    const inStatuses = (await (await rest(`orders?filters=${encodeURIComponent('{"status_id":{"in":[2,7]}}')}`)).json()) as {
      count: number;
    };
    expect(inStatuses.count).toBe(1);
    const inStock = (await (await rest(`products?filters=${encodeURIComponent('{"stock.stock":{">":0}}')}`)).json()) as { count: number };
    expect(inStock.count).toBe(2);
    const cheap = (await (await rest(`products?filters=${encodeURIComponent('{"stock.price":{"<":50}}')}`)).json()) as {
      list: Array<Record<string, any>>;
    };
    expect(cheap.list.map((p) => p.translations.pl_PL.name)).toEqual(['Kubek ceramiczny']);

    const statuses = (await (await rest('statuses?limit=50')).json()) as { count: number; list: Array<Record<string, any>> };
    expect(statuses.count).toBe(13);
    expect(statuses.list.find((s) => s.status_id === 7)?.translations.pl_PL.name).toBe('przesyłka wysłana');
    expect(statuses.list.find((s) => s.status_id === 7)?.translations.en_US.name).toBeTruthy();
    expect(statuses.list.some((s) => s.translations.pl_PL.name === 'Czeka na odbiór w punkcie')).toBe(true);

    const missing = await rest('orders/999');
    expect(missing.status).toBe(404);
    expect(Object.keys((await missing.json()) as object).sort()).toEqual(['error', 'error_description']);

    const tooMany = await rest('orders?limit=51');
    expect(tooMany.status).toBe(400);
    expect((await rest('orders?limit=50')).status).toBe(200);
  });

  test('a burst over the leaky bucket gets 429 with Retry-After, and every answer carries the limit headers', async () => {
    sim.setRateLimit({ capacity: 3, leakPerSecond: 1 });
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, () => rest('statuses')));
      const limited = answers.filter((r) => r.status === 429);
      expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
      expect(limited).toHaveLength(3);
      expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      for (const answer of answers) {
        expect(answer.headers.get('x-shop-api-limit')).toBe('3');
        expect(answer.headers.get('x-shop-api-bandwidth')).toBe('1');
        expect(answer.headers.get('x-shop-api-calls')).toMatch(/^\d+$/);
      }
    } finally {
      sim.setRateLimit(false);
    }
  });

  test('injected faults answer the next N calls, then the API recovers', async () => {
    sim.injectRestFaults({ status: 503, count: 2 });
    expect((await rest('orders')).status).toBe(503);
    expect((await rest('orders')).status).toBe(503);
    expect((await rest('orders')).status).toBe(200);
  });

  test('bulk runs up to 25 calls and reports each one; 26 are refused', async () => {
    const calls = [
      { id: 'first', method: 'GET', path: '/webapi/rest/orders/1' },
      { id: 'list', method: 'GET', path: '/webapi/rest/users', params: { filters: { newsletter: '1' } } },
      { id: 'missing', method: 'GET', path: '/webapi/rest/products/999' },
    ];
    const answer = await rest('bulk', { method: 'POST', body: JSON.stringify(calls), headers: { 'Content-Type': 'application/json' } });
    const body = (await answer.json()) as { errors: boolean; items: Array<{ id: string; code: number; body: any }> };
    expect(body.errors).toBe(true);
    expect(body.items.map((i) => [i.id, i.code])).toEqual([
      ['first', 200],
      ['list', 200],
      ['missing', 404],
    ]);
    expect(body.items[0]?.body.order_id).toBe('1');
    expect(body.items[1]?.body.count).toBe(1);
    const tooMany = Array.from({ length: 26 }, (_, i) => ({ id: String(i), method: 'GET', path: '/webapi/rest/orders' }));
    expect((await rest('bulk', { method: 'POST', body: JSON.stringify(tooMany) })).status).toBe(400);
  });

  test('a registered webhook receives order.status signed with SHA-1 of id:secret:body, and a redelivery is byte-identical', async () => {
    const created = await rest('webhooks', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        url: `${capture.url}/shoper/webhooks`,
        format: 0,
        secret: WEBHOOK_SECRET,
        active: true,
        events: ['order.create', 'order.status', 'parcel.dispatch', 'client.create', 'product.edit'],
      }),
    });
    expect(created.status).toBe(200);
    const webhookId = (await created.json()) as number;
    expect(typeof webhookId).toBe('number');

    const { deliveries } = await sim.changeStatus('demo', 1, 2);
    expect(deliveries).toEqual([200]);
    const delivery = webhookCalls().at(-1);
    expect(delivery?.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Shop Webhook Sender 5.26.54',
      'x-shop-version': '5.26.54',
      'x-shop-license': sim.shop('demo').licence,
      'x-shop-domain': new URL(sim.url).host,
      'x-webhook-id': String(webhookId),
      'x-webhook-name': 'order.status',
    });
    const expectedSha1 = createHash('sha1').update(`${webhookId}:${WEBHOOK_SECRET}:${delivery?.body}`).digest('hex');
    expect(delivery?.headers['x-webhook-sha1']).toBe(expectedSha1);
    const payload = JSON.parse(delivery?.body ?? '{}');
    expect(payload).toMatchObject({ order_id: '1', status_id: '2', status: { status_id: '2', name: 'przyjęte do realizacji' } });
    expect(payload.billing_address.phone).toBeTruthy();

    expect(await sim.redeliverLast('demo')).toBe(200);
    const again = webhookCalls().at(-1);
    expect(again?.body).toBe(delivery?.body);
    expect(again?.headers['x-webhook-sha1']).toBe(delivery?.headers['x-webhook-sha1']);
    expect(sim.webhookDeliveries('demo').filter((d) => d.event === 'order.status')).toHaveLength(2);
  });

  test('App Store settings: panel webhooks signed with the derived secret, a shop refusing webhook writes, Unix timestamps', async () => {
    // Without a webhook key nothing can be signed: a panel webhook needs the key the publisher entered.
    sim.configureAppstore({ panelWebhookEvents: ['order.status'] });
    const before = webhookCalls().length;
    await sim.changeStatus('demo', 1, 3);
    expect(webhookCalls().filter((c) => c.headers['x-webhook-id'] === '9001')).toHaveLength(0);
    const keyed = await startShopSimulator({
      appUrl: capture.url,
      appstoreSecret: APPSTORE_SECRET,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      rateLimit: false,
      webhookSecretKey: 'panel-key',
      appstore: { panelWebhookEvents: ['order.status'] },
    });
    try {
      keyed.createShop({ slug: 'panel' });
      expect((await keyed.install('panel')).status).toBe(200);
      const code = Object.fromEntries(new URLSearchParams(lifecycleCalls().at(-1)!.body)).auth_code!;
      const granted = await fetch(`${keyed.url}/s/panel/webapi/rest/oauth/token?grant_type=authorization_code`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic(CLIENT_ID, CLIENT_SECRET) },
        body: new URLSearchParams({ code }).toString(),
      });
      const shopToken = ((await granted.json()) as { access_token: string }).access_token;
      const { deliveries } = await keyed.changeStatus('panel', 1, 2);
      expect(deliveries).toEqual([200]);
      const delivery = webhookCalls().at(-1)!;
      expect(delivery.headers).toMatchObject({
        'x-webhook-id': '9001',
        'x-webhook-name': 'order.status',
        'x-shop-license': keyed.shop('panel').licence,
      });
      // hex(HMAC-SHA512(appstoreSecret, licence:key)), as dreamcommerce/app-msg91 verifies it.
      const secret = createHmac('sha512', APPSTORE_SECRET)
        .update(`${keyed.shop('panel').licence}:panel-key`)
        .digest('hex');
      expect(delivery.headers['x-webhook-sha1']).toBe(createHash('sha1').update(`9001:${secret}:${delivery.body}`).digest('hex'));
      // A shop that refuses webhook writes: 403 insufficient_scope on the webhooks resource, reads included.
      keyed.refuseWebhooks('panel', true);
      const refused = await fetch(`${keyed.url}/s/panel/webapi/rest/webhooks`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${shopToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: `${capture.url}/shoper/webhooks`, format: 0, secret: 'x', active: 1, events: ['order.create'] }),
      });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: 'insufficient_scope' });
      // Unix seconds on request, for both the lifecycle and the iframe; bad settings are refused.
      keyed.configureAppstore({ timestampFormat: 'unix', translations: 'en_US' });
      expect((await keyed.sendLifecycle('panel', 'upgrade')).status).toBe(200);
      expect(Object.fromEntries(new URLSearchParams(lifecycleCalls().at(-1)!.body)).timestamp).toMatch(/^\d{10}$/);
      expect(new URL(keyed.iframeUrl('panel')).searchParams.get('translations')).toBe('en_US');
      expect(() => keyed.configureAppstore({ translations: 'polski' })).toThrow(/translations/);
      const viaHttp = await fetch(`${keyed.url}/__sim/appstore`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ panelWebhookEvents: ['no.such'] }),
      });
      expect(viaHttp.status).toBe(400);
    } finally {
      await keyed.close();
      sim.configureAppstore({ panelWebhookEvents: [] });
    }
    expect(webhookCalls().length).toBeGreaterThan(before);
  });

  test('shop actions send their events: order.create, parcel.dispatch (+ status), client.create, product.edit; camelCase addresses on request', async () => {
    const placed = await sim.placeOrder('demo', { phone: '600 700 800', firstname: 'Zofia', lastname: 'Lis' });
    expect(placed.deliveries).toEqual([200]);
    const createdPayload = JSON.parse(webhookCalls().at(-1)?.body ?? '{}');
    expect(createdPayload).toMatchObject({ order_id: String(placed.orderId), status: { status_id: '1' } });
    expect(createdPayload.billing_address).toMatchObject({ phone: '600 700 800', firstname: 'Zofia' });

    const dispatched = await sim.dispatchParcel('demo', placed.orderId);
    expect(dispatched.deliveries).toEqual([200, 200]);
    const names = webhookCalls()
      .slice(-2)
      .map((c) => c.headers['x-webhook-name']);
    expect(names).toEqual(['parcel.dispatch', 'order.status']);
    const parcel = JSON.parse(webhookCalls().at(-2)?.body ?? '{}');
    expect(parcel).toMatchObject({ order_id: String(placed.orderId), sent: '1' });
    expect(parcel.shipping_code).toBeTruthy();

    const client = await sim.registerClient('demo', { firstname: 'Ola', phone: '511 222 333', newsletter: true });
    expect(client.deliveries).toEqual([200]);
    expect(JSON.parse(webhookCalls().at(-1)?.body ?? '{}')).toMatchObject({ user_id: String(client.userId), newsletter: '1' });
    const addresses = (await (
      await rest(`user-addresses?filters=${encodeURIComponent(JSON.stringify({ user_id: client.userId }))}`)
    ).json()) as { list: Array<Record<string, unknown>> };
    expect(addresses.list[0]?.phone).toBe('511 222 333');

    const restocked = await sim.restockProduct('demo', 3);
    expect(restocked.deliveries).toEqual([200]);
    expect(JSON.parse(webhookCalls().at(-1)?.body ?? '{}')).toMatchObject({ product_id: 3, stock: { stock: 10, active: true } });

    const options = await fetch(`${sim.url}/s/demo/__sim/options`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ webhookAddressStyle: 'camelCase' }),
    });
    expect(options.status).toBe(200);
    await sim.changeStatus('demo', placed.orderId, 13);
    const camel = JSON.parse(webhookCalls().at(-1)?.body ?? '{}');
    expect(camel.billingAddress.phone).toBe('600 700 800');
    expect(camel.billing_address).toBeUndefined();
  });

  test('the admin page embeds the app with a signed iframe URL and offers the shop actions', async () => {
    const page = await (await fetch(`${sim.url}/s/demo/admin`)).text();
    for (const label of ['Zainstaluj', 'Odinstaluj', 'Złóż zamówienie', 'Wyślij paczkę', 'Zarejestruj klienta', 'Uzupełnij stan']) {
      expect(page).toContain(label);
    }
    const src = page.match(/<iframe src="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
    expect(src).toBeDefined();
    const iframe = new URL(src ?? '');
    expect(`${iframe.origin}${iframe.pathname}`).toBe(`${capture.url}/app/`);
    const params = Object.fromEntries(iframe.searchParams);
    expect(params).toMatchObject({
      shop: sim.shop('demo').licence,
      place: 'app',
      locale: 'pl_PL',
      translations: 'pl_PL',
      application: 'sms-notifications',
    });
    expect(params.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const signed = `place=${params.place}&shop=${params.shop}&timestamp=${params.timestamp}`;
    expect(params.hash).toBe(createHmac('sha512', APPSTORE_SECRET).update(signed).digest('hex'));
    expect(new URL(sim.iframeUrl('demo')).searchParams.get('shop')).toBe(sim.shop('demo').licence);

    const index = await (await fetch(`${sim.url}/`)).text();
    expect(index).toContain('/s/demo/admin');
  });

  test('an access token expires on the simulated clock', async () => {
    expect((await rest('orders')).status).toBe(200);
    clockOffsetMs = 31 * 24 * 3600 * 1000;
    try {
      const expired = await rest('orders');
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ error: 'unauthorized_client' });
      const renewed = await token('refresh_token', { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: refreshToken });
      const fresh = (await renewed.json()) as { access_token: string; refresh_token: string };
      accessToken = fresh.access_token;
      refreshToken = fresh.refresh_token;
      expect((await rest('orders')).status).toBe(200);
    } finally {
      clockOffsetMs = 0;
    }
  });

  test('uninstall is signed, revokes the tokens and removes the webhooks', async () => {
    expect((await rest('orders')).status).toBe(200);
    const { status } = await sim.uninstall('demo');
    expect(status).toBe(200);
    const fields = Object.fromEntries(new URLSearchParams(lifecycleCalls().at(-1)?.body ?? ''));
    expect(fields.action).toBe('uninstall');
    expect(fields.auth_code).toBeUndefined();
    expect(fields.hash).toBe(expectedHash(fields));

    expect((await rest('orders')).status).toBe(401);
    const refreshAfter = await token('refresh_token', { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: refreshToken });
    expect(refreshAfter.status).toBeGreaterThanOrEqual(400);
    expect(sim.shop('demo').webhooks).toEqual([]);
    const before = webhookCalls().length;
    expect((await sim.changeStatus('demo', 1, 3)).deliveries).toEqual([]);
    expect(webhookCalls()).toHaveLength(before);
  });

  test('other lifecycle actions are signed with their extra fields', async () => {
    const upgrade = await sim.sendLifecycle('demo', 'upgrade');
    expect(upgrade.status).toBe(200);
    const upgradeFields = Object.fromEntries(new URLSearchParams(lifecycleCalls().at(-1)?.body ?? ''));
    expect(upgradeFields).toMatchObject({ action: 'upgrade', application_version: '2' });
    expect(upgradeFields.hash).toBe(expectedHash(upgradeFields));

    await sim.sendLifecycle('demo', 'billing_subscription');
    const billing = Object.fromEntries(new URLSearchParams(lifecycleCalls().at(-1)?.body ?? ''));
    expect(billing.subscription_end_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(billing.hash).toBe(expectedHash(billing));
  });

  test('shops persist in the state file and come back after a restart', async () => {
    const before = sim.shop('demo');
    const orderCount = before.orders.length;
    const licence = before.licence;
    await sim.close();
    sim = await startShopSimulator({
      appUrl: capture.url,
      appstoreSecret: APPSTORE_SECRET,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      now,
      rateLimit: false,
      stateFile: join(stateDir, 'shops.json'),
    });
    const after = sim.shop('demo');
    expect(after.licence).toBe(licence);
    expect(after.orders).toHaveLength(orderCount);
    expect(after.url).toBe(`${sim.url}/s/demo`);
    expect(after.users.some((u) => u.firstname === 'Ola')).toBe(true);

    // Reinstalling after the restart works end to end against the new address.
    expect((await sim.install('demo')).status).toBe(200);
    const fields = Object.fromEntries(new URLSearchParams(lifecycleCalls().at(-1)?.body ?? ''));
    expect(fields.shop_url).toBe(`${sim.url}/s/demo`);
    const granted = await token('authorization_code', { code: fields.auth_code ?? '' }, basic(CLIENT_ID, CLIENT_SECRET));
    expect(granted.status).toBe(200);
  });
});
