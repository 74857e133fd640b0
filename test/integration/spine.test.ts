// The spine, end to end over real HTTP: a status change in the shop simulator sends a signed webhook, the app
// plans and sends the status SMS, and it lands in the SMSAPI simulator's outbox; the delayed variant waits for
// the fast-forwarded clock; duplicates and forgeries change nothing.
import { JOB_ID } from '#domain/job-id';
import { createHash } from 'node:crypto';
import type { LocalRuntime } from '../../local/runtime';
import { adminApi, type AdminApi } from '../support/admin-client';
import { eventually, registeredWebhook, startTestRuntime, connectDemoSmsapi } from '../support/runtime';

const DAY = 24 * 3600 * 1000;
let rt: LocalRuntime;
let licence: string;
/** The admin API, signed in the way the Shoper admin does (fresh iframe parameters for the moving clock). */
let api: AdminApi;

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'demo', name: 'Sklep Demo' }).licence;
  expect((await rt.shop.install('demo')).status).toBe(200);
  // SMSAPI connection (its own API is tested elsewhere): the demo account with an ACTIVE sender.
  await connectDemoSmsapi(rt, licence);
  api = adminApi(rt, 'demo');
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('a status change sends the status SMS with the rendered text, the sender name and the customer number', async () => {
  const saved = await api('PUT', '/api/templates/order-status/2', {
    enabled: true,
    delayDays: 0,
    text: 'Zamówienie {order_id} na {sum} {currency}: {status_name}. {shop_name}',
  });
  expect(saved.status).toBe(200);
  const { orderId } = await rt.shop.placeOrder('demo', { phone: '601 234 567', sum: 123.45 });
  const before = rt.smsapi.outbox().length;
  await rt.shop.changeStatus('demo', orderId, 2);

  const sms = await eventually(() =>
    rt.smsapi
      .outbox()
      .slice(before)
      .find((m) => m.message.includes(String(orderId))),
  );
  expect(sms).toBeDefined();
  expect(sms!.to).toBe('48601234567');
  expect(sms!.from).toBe('SKLEP 123');
  expect(sms!.message).toBe(`Zamówienie ${orderId} na 123,45 PLN: przyjęte do realizacji. Sklep Demo`);
  expect(sms!.idx).toMatch(JOB_ID);

  // The same webhook delivered again (byte-identical) sends nothing more.
  expect(await rt.shop.redeliverLast('demo')).toBe(200);
  await rt.idle();
  expect(rt.smsapi.outbox().filter((m) => m.message.includes(String(orderId)))).toHaveLength(1);
}, 30_000);

test('with a delay of N days the SMS is scheduled and appears only after the clock passes N days', async () => {
  expect(
    (await api('PUT', '/api/templates/order-status/6', { enabled: true, delayDays: 2, text: 'Paczka {order_id} gotowa' })).status,
  ).toBe(200);
  const { orderId } = await rt.shop.placeOrder('demo', { phone: '698765432' });
  await rt.shop.changeStatus('demo', orderId, 6);
  await rt.idle();
  const mine = () => rt.smsapi.outbox().filter((m) => m.message === `Paczka ${orderId} gotowa`);
  expect(mine()).toHaveLength(0);
  const jobs = await rt.deps.store.listJobs(licence, { states: ['SCHEDULED'] });
  expect(jobs.some((j) => j.source.orderId === String(orderId))).toBe(true);

  await rt.advanceClock(DAY);
  await rt.idle();
  expect(mine()).toHaveLength(0);

  await rt.advanceClock(DAY + 60_000);
  const sent = await eventually(() => mine().length === 1);
  expect(sent).toBe(true);
  expect(mine()[0]!.to).toBe('48698765432');
}, 30_000);

test('a forged or missing signature gets 401 and a malformed body 400, and neither creates anything', async () => {
  const jobsBefore = (await rt.deps.store.listJobs(licence)).length;
  const body = JSON.stringify({ order_id: '1', status_id: '2' });
  const post = (headers: Record<string, string>, payload = body) =>
    fetch(`${rt.url}/shoper/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });
  const hook = registeredWebhook(rt, 'demo', 'order.status');
  const base = { 'x-shop-license': licence, 'x-webhook-id': hook.id, 'x-webhook-name': 'order.status' };

  const forged = await post({ ...base, 'x-webhook-sha1': createHash('sha1').update(`${hook.id}:wrong-secret:${body}`).digest('hex') });
  expect(forged.status).toBe(401);
  expect(((await forged.json()) as any).error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
  expect((await post(base)).status).toBe(401);

  // A correctly signed but malformed body: the signature is computed here, independently of the app's code.
  const malformed = '{"order_id": 1,';
  const bad = await post(
    { ...base, 'x-webhook-sha1': createHash('sha1').update(`${hook.id}:${hook.secret}:${malformed}`).digest('hex') },
    malformed,
  );
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as any).error).toMatchObject({ code: 'WEBHOOK_BODY_INVALID', field: 'body' });

  await rt.idle();
  expect((await rt.deps.store.listJobs(licence)).length).toBe(jobsBefore);
}, 30_000);

test('a template with an unknown placeholder is refused with the placeholder named', async () => {
  const res = await api('PUT', '/api/templates/order-status/3', { enabled: true, delayDays: 0, text: 'Hej {imie}!' });
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', field: 'text' });
  expect(res.body.error.message).toContain('{imie}');
});
