// Hostile traffic on the routes Shoper calls, over real HTTP: forged, truncated and replayed webhooks; forged,
// truncated, stale, outdated and replayed App Store events; tampered and stale iframe parameters. Each gets a 4xx
// with the JSON error shape and changes nothing — checked item by item on the shop's whole partition, its
// schedules, the queues and the SMSAPI outbox. Signatures are computed here, independently of the app's code.
import type { LocalRuntime } from '../../local/runtime';
import { LOCAL_SECRETS } from '../../local/runtime';
import { SUPPORTED_EVENTS } from '#domain/shoper-events';
import { iframeParams as signedIframeParams } from '../support/admin-client';
import { addedKeys, appstoreHash, call, expectRefused, nowSeconds, snapshot, webhookSha1 } from '../support/attack-kit';
import { eventually, registeredWebhook, startTestRuntime, connectDemoSmsapi } from '../support/runtime';

let rt: LocalRuntime;
let licence: string;
let otherLicence: string;

const postWebhook = (headers: Record<string, string>, body: string) =>
  call(`${rt.url}/shoper/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body });

const postLifecycle = (body: string, type = 'application/x-www-form-urlencoded') =>
  call(`${rt.url}/shoper/appstore`, { method: 'POST', headers: { 'content-type': type }, body });

const signedLifecycle = (fields: Record<string, string>, secret?: string) =>
  new URLSearchParams({ ...fields, hash: appstoreHash(fields, secret) }).toString();

/** An order.status body the app would accept, and its signature with the shop's real secret. */
async function statusWebhook(orderId = '900', phone = '601234567') {
  const body = JSON.stringify({
    order_id: orderId,
    status_id: '2',
    status_date: '2031-01-01 10:00:00',
    sum: '10.00',
    currency_name: 'PLN',
    status: { status_id: '2', name: 'przyjęte do realizacji' },
    billing_address: { phone, country_code: 'PL', firstname: 'Anna' },
  });
  const { id, secret } = registeredWebhook(rt, 'cel', 'order.status');
  const headers = {
    'x-shop-license': licence,
    'x-webhook-id': id,
    'x-webhook-name': 'order.status',
    'x-webhook-sha1': webhookSha1(id, secret, body),
  };
  return { body, headers, secret, id };
}

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'cel', name: 'Sklep Cel' }).licence;
  otherLicence = rt.shop.createShop({ slug: 'obcy', name: 'Sklep Obcy' }).licence;
  expect((await rt.shop.install('cel')).status).toBe(200);
  expect((await rt.shop.install('obcy')).status).toBe(200);
  await connectDemoSmsapi(rt, licence);
  await rt.deps.store.putTemplate(licence, 'order-status#2', { enabled: true, delayDays: 0, text: 'Zamówienie {order_id}: {status_name}' });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

describe('webhooks', () => {
  test("forged signatures, another shop's secret, missing headers and unknown shops: 401, nothing stored or sent", async () => {
    const before = await snapshot(rt, licence);
    const { body, headers } = await statusWebhook();
    const other = registeredWebhook(rt, 'obcy', 'order.status');
    const id = headers['x-webhook-id'];
    const attempts: Record<string, string>[] = [
      { ...headers, 'x-webhook-sha1': webhookSha1(id, 'guessed-secret', body) },
      // Signed correctly, but with the secret of another shop the attacker owns.
      { ...headers, 'x-webhook-sha1': webhookSha1(id, other.secret, body) },
      // The right signature moved to another webhook id (the id is part of what is signed).
      { ...headers, 'x-webhook-id': String(Number(id) + 1) },
      { ...headers, 'x-webhook-sha1': headers['x-webhook-sha1'].slice(0, 39) },
      { ...headers, 'x-webhook-sha1': '' },
      { ...headers, 'x-shop-license': 'f'.repeat(40) },
      Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'x-shop-license')),
      Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'x-webhook-sha1')),
    ];
    for (const attempt of attempts) expectRefused(await postWebhook(attempt, body), 401, /^WEBHOOK_/);
    // The victim's licence with the attacker's own shop's signature scheme.
    const asOther = { ...headers, 'x-shop-license': otherLicence };
    expectRefused(await postWebhook(asOther, body), 401, 'WEBHOOK_SIGNATURE_INVALID');
    expect(await snapshot(rt, licence)).toEqual(before);
  });

  test('a truncated delivery is refused: cut body with the full signature 401, a signed but cut body 400', async () => {
    const before = await snapshot(rt, licence);
    const { body, headers, secret, id } = await statusWebhook();
    for (const cut of [body.slice(0, body.length - 1), body.slice(0, 20), '']) {
      expectRefused(await postWebhook(headers, cut), 401, 'WEBHOOK_SIGNATURE_INVALID');
    }
    // Even with a valid signature over the cut bytes (a sender bug, or the secret leaked) the body is refused.
    const cut = body.slice(0, 40);
    expectRefused(await postWebhook({ ...headers, 'x-webhook-sha1': webhookSha1(id, secret, cut) }, cut), 400, 'WEBHOOK_BODY_INVALID');
    // Valid JSON of the wrong shape, and an event the app does not handle, both signed.
    const shapeless = JSON.stringify({ status_id: '2' });
    expectRefused(
      await postWebhook({ ...headers, 'x-webhook-sha1': webhookSha1(id, secret, shapeless) }, shapeless),
      400,
      'WEBHOOK_BODY_INVALID',
    );
    const array = JSON.stringify([{ order_id: '1' }]);
    expectRefused(await postWebhook({ ...headers, 'x-webhook-sha1': webhookSha1(id, secret, array) }, array), 400, 'WEBHOOK_BODY_INVALID');
    expectRefused(await postWebhook({ ...headers, 'x-webhook-name': 'subscriber.delete' }, body), 400, 'WEBHOOK_EVENT_UNSUPPORTED');
    expect(await snapshot(rt, licence)).toEqual(before);
  });

  test('a captured delivery replayed under another event name is refused: the webhook id names its event', async () => {
    // A real order.create delivery from the shop, captured, then sent again as order.status (the name is not signed).
    const { orderId } = await rt.shop.placeOrder('cel', { phone: '603 456 789' });
    const captured = rt.shop
      .webhookDeliveries('cel')
      .filter((d) => d.event === 'order.create')
      .at(-1)!;
    expect(JSON.parse(captured.body).order_id).toBe(String(orderId));
    await rt.idle();
    const before = await snapshot(rt, licence);
    for (const name of ['order.status', 'parcel.dispatch', 'order.edit']) {
      const replay = await call(captured.url, {
        method: 'POST',
        headers: { ...captured.headers, 'X-Webhook-Name': name },
        body: captured.body,
      });
      expectRefused(replay, 401, 'WEBHOOK_EVENT_MISMATCH');
      expect(replay.body.error.message).toContain('order.create');
    }
    // The same bytes under the name they were registered for are a harmless duplicate.
    expect((await call(captured.url, { method: 'POST', headers: captured.headers, body: captured.body })).status).toBe(200);
    await rt.idle();
    expect((await snapshot(rt, licence)).outbox).toBe(before.outbox);
  }, 30_000);

  test('a signed webhook sent as another content type is 415 and stores nothing', async () => {
    const before = await snapshot(rt, licence);
    const { body, headers } = await statusWebhook();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expectRefused(await postWebhook({ ...headers, 'content-type': type }, body), 415, 'CONTENT_TYPE_UNSUPPORTED');
    }
    expect(await snapshot(rt, licence)).toEqual(before);
  });

  test('byte-identical redeliveries (sequential and concurrent) answer 200 but send and plan nothing new', async () => {
    const { orderId } = await rt.shop.placeOrder('cel', { phone: '602 345 678' });
    await rt.shop.changeStatus('cel', orderId, 2);
    const mine = () => rt.smsapi.outbox().filter((m) => m.message === `Zamówienie ${orderId}: przyjęte do realizacji`);
    expect(await eventually(() => mine().length === 1)).toBe(true);
    // Wait for SMSAPI's delivery report too: it changes the job and the statistics, and must land before the snapshot.
    const settled = async () =>
      (await rt.deps.store.listJobs(licence))
        .filter((j) => j.source.orderId === String(orderId))
        .every((j) => !['QUEUED', 'SENDING', 'SENT'].includes(j.state));
    expect(await eventually(settled)).toBe(true);
    await rt.idle();
    const before = await snapshot(rt, licence);

    const delivery = rt.shop
      .webhookDeliveries('cel')
      .filter((d) => d.event === 'order.status')
      .at(-1)!;
    const replay = () => call(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body });
    const statuses = [
      (await replay()).status,
      (await replay()).status,
      ...(await Promise.all(Array.from({ length: 8 }, replay))).map((r) => r.status),
    ];
    expect(statuses).toEqual(Array(10).fill(200));

    const after = await snapshot(rt, licence);
    expect(mine()).toHaveLength(1);
    expect(after.outbox).toBe(before.outbox);
    expect(after.schedules).toEqual(before.schedules);
    // Every item the shop had is exactly as it was (jobs, counters, statistics, numbers collected)...
    const kept = (s: typeof after) => s.items.filter((i) => !String(i.sk).startsWith('EVT#'));
    expect(kept(after)).toEqual(kept(before));
    // ...and nothing was added: the raw-event receipt is keyed by content, so the replays rewrote the one row.
    expect(addedKeys(before, after)).toEqual([]);
  }, 30_000);

  test('a delivery for an uninstalled shop is refused, with nothing created under its licence', async () => {
    const gone = rt.shop.createShop({ slug: 'gone', name: 'Sklep Odinstalowany' }).licence;
    expect((await rt.shop.install('gone')).status).toBe(200);
    const { orderId } = await rt.shop.placeOrder('gone', { phone: '603 456 789' });
    const delivery = rt.shop.webhookDeliveries('gone').at(-1)!;
    expect((await rt.shop.uninstall('gone')).status).toBe(200);
    expectRefused(
      await call(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body }),
      401,
      'WEBHOOK_SHOP_UNKNOWN',
    );
    expect(orderId).toBeGreaterThan(0);
    expect((await snapshot(rt, gone)).items).toEqual([]);
  }, 30_000);
});

describe('App Store events', () => {
  const base = () => ({
    action: 'upgrade',
    shop: licence,
    shop_url: rt.shop.shop('cel').url,
    application_code: 'sms-notifications',
    application_version: '7',
    timestamp: String(nowSeconds(rt)),
  });

  test('forged, truncated, stale and future events are 401 and change nothing', async () => {
    const before = await snapshot(rt, licence);
    const fields = base();
    const good = signedLifecycle(fields);
    const refusals: [string, string][] = [
      [signedLifecycle(fields, 'not-the-app-store-secret'), 'APPSTORE_SIGNATURE_INVALID'],
      // One field changed after signing.
      [good.replace('application_version=7', 'application_version=8'), 'APPSTORE_SIGNATURE_INVALID'],
      // An uninstall forged from an upgrade's signature.
      [good.replace('action=upgrade', 'action=uninstall'), 'APPSTORE_SIGNATURE_INVALID'],
      // Truncated in transit: the hash cut short, or gone.
      [good.slice(0, good.length - 10), 'APPSTORE_SIGNATURE_INVALID'],
      [good.slice(0, good.indexOf('&hash=')), 'APPSTORE_SIGNATURE_MISSING'],
      ['', 'APPSTORE_SIGNATURE_MISSING'],
      // Correctly signed, but two hours old or two hours ahead.
      [signedLifecycle({ ...fields, timestamp: String(nowSeconds(rt) - 7200) }), 'APPSTORE_EVENT_STALE'],
      [signedLifecycle({ ...fields, timestamp: String(nowSeconds(rt) + 7200) }), 'APPSTORE_EVENT_STALE'],
    ];
    for (const [body, code] of refusals) expectRefused(await postLifecycle(body), 401, code);
    // Signed, but a timestamp in neither of Shoper's forms (Unix seconds, `Y-m-d H:i:s`): bad input, field named.
    const unreadable = await postLifecycle(signedLifecycle({ ...fields, timestamp: 'yesterday' }));
    expectRefused(unreadable, 400, 'FIELD_INVALID');
    expect(unreadable.body.error.field).toBe('timestamp');
    expect(await snapshot(rt, licence)).toEqual(before);
    expect((await rt.deps.store.getShop(licence))?.appVersion).not.toBe('7');
  });

  test('an event older than the last one applied is 409, even a correctly signed uninstall', async () => {
    const before = await snapshot(rt, licence);
    const last = Number((await rt.deps.store.getShop(licence))!.lastLifecycleAt);
    const older = { ...base(), action: 'uninstall', timestamp: String(last - 1) };
    expectRefused(await postLifecycle(signedLifecycle(older)), 409, 'APPSTORE_EVENT_OUTDATED');
    expect(await snapshot(rt, licence)).toEqual(before);
    expect(rt.shop.shop('cel').webhooks).toHaveLength(SUPPORTED_EVENTS.length);
  });

  test('the exact replay of an applied install changes nothing: no new tokens, webhooks or REST calls', async () => {
    const slug = 'replay';
    const replayLicence = rt.shop.createShop({ slug, name: 'Sklep Powtórka' }).licence;
    const timestamp = String(nowSeconds(rt));
    expect((await rt.shop.sendLifecycle(slug, 'install', { timestamp })).status).toBe(200);
    // The install's setup (catalogue, webhooks) runs from the queue: let it finish before taking the snapshot.
    expect(await eventually(async () => (await rt.deps.store.getShop(replayLicence))?.setup?.state === 'done')).toBe(true);
    const sim = rt.shop.shop(slug);
    // The same fields Shoper signed, in the same order, from the simulator's own record of what it sent.
    const fields = {
      action: 'install',
      shop: replayLicence,
      shop_url: sim.url,
      application_code: new URL(rt.shop.iframeUrl(slug)).searchParams.get('application')!,
      timestamp,
      application_version: String(sim.applicationVersion),
      auth_code: sim.authCodes.at(-1)!.code,
    };
    const body = signedLifecycle(fields);
    const before = await snapshot(rt, replayLicence);
    const calls = rt.shop.apiCalls(slug).length;
    const tokens = sim.tokens.length;

    const again = await postLifecycle(body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ action: 'install', result: 'already-installed' });
    expect(await snapshot(rt, replayLicence)).toEqual(before);
    expect(rt.shop.apiCalls(slug).length).toBe(calls);
    expect(rt.shop.shop(slug).tokens.length).toBe(tokens);
    expect(rt.shop.shop(slug).webhooks).toHaveLength(SUPPORTED_EVENTS.length);

    // After the merchant uninstalls, the captured install cannot bring the app back: the code was used.
    expect((await rt.shop.uninstall(slug)).status).toBe(200);
    const revived = await postLifecycle(body);
    expectRefused(revived, [400, 401, 409], /^APPSTORE_/);
    expect((await snapshot(rt, replayLicence)).items).toEqual([]);
  }, 30_000);

  test('JSON instead of a form is 415', async () => {
    const fields = base();
    expectRefused(
      await postLifecycle(JSON.stringify({ ...fields, hash: appstoreHash(fields) }), 'application/json'),
      415,
      'CONTENT_TYPE_UNSUPPORTED',
    );
  });
});

describe('iframe parameters', () => {
  const iframeParams = (slug: string) => signedIframeParams(rt, slug);
  const session = (params: unknown, type = 'application/json') =>
    call(`${rt.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: typeof params === 'string' ? params : JSON.stringify(params),
    });

  test('tampered, re-signed with a wrong secret, stale, future or incomplete parameters are refused', async () => {
    const good = iframeParams('cel');
    const sign = (p: Record<string, string>, secret = LOCAL_SECRETS.APPSTORE_SECRET) => ({
      ...p,
      hash: appstoreHash({ place: p.place!, shop: p.shop!, timestamp: p.timestamp! }, secret),
    });
    const now = nowSeconds(rt);
    const cases: [unknown, number, string][] = [
      [{ ...good, shop: otherLicence }, 401, 'SESSION_SIGNATURE_INVALID'],
      [{ ...good, timestamp: good.timestamp!.replace(/\d$/, (d) => String((Number(d) + 1) % 10)) }, 401, 'SESSION_SIGNATURE_INVALID'],
      [{ ...good, hash: good.hash!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }, 401, 'SESSION_SIGNATURE_INVALID'],
      [sign({ ...good, shop: otherLicence }, 'guessed-secret'), 401, 'SESSION_SIGNATURE_INVALID'],
      [sign({ ...good, timestamp: String(now - 3600) }), 401, 'SESSION_EXPIRED'],
      [sign({ ...good, timestamp: String(now + 3600) }), 401, 'SESSION_EXPIRED'],
      // A shop that does not have the app, correctly signed (a leaked App Store secret is still not a session).
      [sign({ ...good, shop: 'no-such-shop' }), 401, 'SESSION_SHOP_UNKNOWN'],
      [{ ...good, hash: undefined }, 400, 'FIELD_INVALID'],
      [{ ...good, timestamp: '-1' }, 400, 'FIELD_INVALID'],
      [{ ...good, extra: 'x'.repeat(300), shop: 'x'.repeat(101) }, 400, 'FIELD_INVALID'],
    ];
    for (const [params, status, code] of cases) {
      const res = await session(params);
      expectRefused(res, status, code);
      expect(res.body.token).toBeUndefined();
    }
    expectRefused(await session('{"shop":', 'application/json'), 400, 'BODY_INVALID_JSON');
    expectRefused(
      await session(new URLSearchParams(good).toString(), 'application/x-www-form-urlencoded'),
      415,
      'CONTENT_TYPE_UNSUPPORTED',
    );
    // The genuine parameters still work: the refusals above did not lock the merchant out.
    expect((await session(good)).status).toBe(200);
  });
});
