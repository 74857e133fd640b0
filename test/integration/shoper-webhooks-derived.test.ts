// WEBHOOK_SECRET_MODE=derived: the publisher configures the webhooks in the App Store panel and Shoper signs them
// with the per-shop derived secret; the app registers nothing. A webhook signed with that secret sends its SMS, end
// to end through the local runtime; anything else, or a payload that does not fit its event, is refused.
import { createHash, createHmac } from 'node:crypto';
import type { LocalRuntime } from '../../local/runtime';
import { LOCAL_SECRETS } from '../../local/runtime';
import { PANEL_WEBHOOK_ID } from '../../local/simulators/shop';
import { adminCall, call, expectRefused, signIn, snapshot } from '../support/attack-kit';
import { connectDemoSmsapi, eventually, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let licence: string;

/** The App Store's per-shop secret, computed here as app-msg91's Webhookapp.php does (not with the app's code). */
const derivedSecret = (shop: string) =>
  createHmac('sha512', LOCAL_SECRETS.APPSTORE_SECRET).update(`${shop}:${LOCAL_SECRETS.WEBHOOK_SECRET_KEY}`).digest('hex');

function delivery(event: string, payload: unknown, secret = derivedSecret(licence), id = '31') {
  const body = JSON.stringify(payload);
  return call(`${rt.url}/shoper/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-shop-license': licence,
      'x-webhook-id': id,
      'x-webhook-name': event,
      'x-webhook-sha1': createHash('sha1').update(`${id}:${secret}:${body}`).digest('hex'),
    },
    body,
  });
}

beforeAll(async () => {
  rt = await startTestRuntime({ env: { WEBHOOK_SECRET_MODE: 'derived' } });
  licence = rt.shop.createShop({ slug: 'panel', name: 'Sklep Panel' }).licence;
  expect((await rt.shop.install('panel')).status).toBe(200);
  await connectDemoSmsapi(rt, licence);
  await rt.deps.store.putTemplate(licence, 'order-status#2', { enabled: true, delayDays: 0, text: 'Panel {order_id}: {status_name}' });
}, 60_000);
afterAll(async () => rt?.stop());

test('install registers no webhook and keeps no random secret; the panel says where the webhooks come from', async () => {
  const shop = (await rt.deps.store.getShop(licence))!;
  expect(shop).toMatchObject({ status: 'installed', webhookMode: 'panel', webhookModeReason: 'derived-mode', setup: { state: 'done' } });
  expect(shop.sealedWebhookSecret).toBeUndefined();
  expect(shop.webhookSecret).toBeUndefined();
  expect(rt.shop.shop('panel').webhooks).toHaveLength(0);
  expect(rt.shop.apiCalls('panel').some((c) => c.path.startsWith('/webapi/rest/webhooks'))).toBe(false);
  const state = await adminCall(rt, await signIn(rt, 'panel'), 'GET', '/api/shop');
  expect(state.body.webhooks).toMatchObject({ mode: 'panel', reason: 'derived-mode', url: `${rt.url}/shoper/webhooks` });
  expect(state.body.webhooks.events).toEqual(expect.arrayContaining(['order.create', 'order.status', 'parcel.dispatch']));
});

test('a status change the shop sends through its panel webhook (derived secret) sends its SMS', async () => {
  const { orderId } = await rt.shop.placeOrder('panel', { phone: '606 789 012' });
  const { deliveries } = await rt.shop.changeStatus('panel', orderId, 2);
  expect(deliveries).toEqual([200]);
  const sent = rt.shop
    .webhookDeliveries('panel')
    .filter((d) => d.event === 'order.status')
    .at(-1)!;
  expect(sent.headers['X-Webhook-Id']).toBe(String(PANEL_WEBHOOK_ID));
  expect(
    await eventually(() =>
      rt.smsapi.outbox().some((m) => m.message === `Panel ${orderId}: przyjęte do realizacji` && m.to === '48606789012'),
    ),
  ).toBe(true);
}, 30_000);

test("a webhook signed here with the derived secret sends its SMS; a random or another shop's secret is 401", async () => {
  const payload = {
    order_id: '777',
    status_id: '2',
    status_date: '2031-02-01 10:00:00',
    sum: '10.00',
    currency_name: 'PLN',
    status: { status_id: '2', name: 'przyjęte do realizacji' },
    billingAddress: { phone: '607 890 123', country_code: 'PL', firstname: 'Ola' },
  };
  expectRefused(await delivery('order.status', payload, 'a'.repeat(48)), 401, 'WEBHOOK_SIGNATURE_INVALID');
  expectRefused(await delivery('order.status', payload, derivedSecret('f'.repeat(40))), 401, 'WEBHOOK_SIGNATURE_INVALID');
  expect((await delivery('order.status', payload)).status).toBe(200);
  expect(
    await eventually(() => rt.smsapi.outbox().some((m) => m.message === 'Panel 777: przyjęte do realizacji' && m.to === '48607890123')),
  ).toBe(true);
}, 30_000);

test('one secret serves every panel event, so the payload must fit the event it is delivered as', async () => {
  await rt.idle();
  const before = await snapshot(rt, licence);
  const client = { user_id: '41', email: 'ola@example.pl', firstname: 'Ola' };
  const parcel = { parcel_id: '5', order_id: '777', shipping_code: 'PL1' };
  const orderWithoutStatus = { order_id: '778', user_id: '41' };
  for (const [event, payload] of [
    ['order.status', client],
    ['order.status', parcel],
    ['order.status', orderWithoutStatus],
    ['parcel.dispatch', { order_id: '777' }],
  ] as const) {
    const res = await delivery(event, payload);
    expectRefused(res, 400, 'WEBHOOK_EVENT_MISMATCH');
    expect(res.body.error.field).toBe('X-Webhook-Name');
  }
  await rt.idle();
  expect((await snapshot(rt, licence)).outbox).toBe(before.outbox);
}, 30_000);
