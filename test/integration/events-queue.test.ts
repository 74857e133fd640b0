// The events queue carries each webhook's facts, parsed once at the edge (functions/contracts/queue.ts). A webhook
// queued by the previous release (its raw payload) is still planned; a payload with its id but nothing else readable
// is answered 200 as before, logged, and plans nothing.
import { createHash } from 'node:crypto';
import type { LocalRuntime } from '../../local/runtime';
import { adminApi } from '../support/admin-client';
import { connectDemoSmsapi, eventually, registeredWebhook, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;
let licence: string;
/** What the webhook function put on the events queue during a test. */
let queued: unknown[] = [];

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'demo', name: 'Sklep Demo' }).licence;
  expect((await rt.shop.install('demo')).status).toBe(200);
  await connectDemoSmsapi(rt, licence);
  const template = { enabled: true, delayDays: 0, text: 'Zamówienie {order_id}: {status_name}' };
  const saved = await adminApi(rt, 'demo')('PUT', '/api/templates/order-status/2', template);
  expect(saved.status).toBe(200);
  const queue = rt.deps.eventsQueue;
  const send = queue.send.bind(queue);
  queue.send = async (message, options) => {
    queued.push(message);
    return send(message, options);
  };
}, 60_000);

beforeEach(() => {
  queued = [];
});

afterAll(async () => {
  await rt?.stop();
});

async function deliver(event: string, payload: unknown): Promise<Response> {
  const hook = registeredWebhook(rt, 'demo', event);
  const body = JSON.stringify(payload);
  return fetch(`${rt.url}/shoper/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shop-license': licence,
      'x-webhook-id': hook.id,
      'x-webhook-name': event,
      'x-webhook-sha1': createHash('sha1').update(`${hook.id}:${hook.secret}:${body}`).digest('hex'),
    },
    body,
  });
}

test('an order.status queued by the previous release, with its raw payload, still sends the status SMS', async () => {
  const { orderId } = await rt.shop.placeOrder('demo', { phone: '601 234 567' });
  await rt.idle();
  const before = rt.smsapi.outbox().length;
  const payload = {
    order_id: String(orderId),
    user_id: '1',
    status_id: '2',
    status: { status_id: '2', name: 'Przyjęte do realizacji' },
    billing_address: { phone: '601234567', country_code: 'PL' },
  };
  // The old message shape, as the webhooks function of the previous release queued it.
  const old = { shop: licence, event: 'order.status', receivedAt: rt.deps.clock.now().toISOString(), payload };
  await rt.deps.eventsQueue.send(old as never);

  const sms = await eventually(() =>
    rt.smsapi
      .outbox()
      .slice(before)
      .find((m) => m.message.startsWith(`Zamówienie ${orderId}:`)),
  );
  expect(sms?.to).toBe('48601234567');
  await rt.idle();
  expect((await rt.deps.eventsQueue.deadLetters()).filter((d) => d.body.includes(String(orderId)))).toEqual([]);
}, 30_000);

test('a webhook goes on the queue as its facts, not as the raw payload', async () => {
  const res = await deliver('product.edit', { product_id: 31, code: 'K-31', stock: { stock: '5', price: '9.99' }, ignored_field: 'x' });
  expect(res.status).toBe(200);
  expect(queued).toEqual([
    {
      shop: licence,
      receivedAt: expect.any(String),
      event: 'product.edit',
      product: expect.objectContaining({ productId: '31', code: 'K-31', stock: 5, price: '9.99' }),
      deliveryKey: expect.stringMatching(/^[0-9a-f]{32}$/),
    },
  ]);
  await rt.idle();
});

test('a product.edit whose id is not a number is answered 200 and logged, and nothing is queued or planned', async () => {
  const logged = rt.logs.length;
  const jobs = (await rt.deps.store.listJobs(licence)).length;
  const res = await deliver('product.edit', { product_id: '12abc', stock: { stock: '3' } });
  expect(res.status).toBe(200);
  expect(queued).toEqual([]);
  expect(rt.logs.slice(logged)).toContainEqual(
    expect.objectContaining({ level: 'ERROR', message: 'event payload not understood', event: 'product.edit', field: 'product_id' }),
  );
  await rt.idle();
  expect((await rt.deps.store.listJobs(licence)).length).toBe(jobs);
});

test('a client.create without a client id is refused with 400 and the field, as before', async () => {
  const res = await deliver('client.create', { email: 'ola@example.pl' });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: 'WEBHOOK_BODY_INVALID', field: 'user_id' });
  expect(queued).toEqual([]);
});
