// "Historia wiadomości" as the owner reads it: every message that was planned and not sent is there with the
// reason in Polish (a landline, no number, no consent), a message held by the sending hours says when it goes,
// the text shown is the one that went out (after special-character replacement), newest first by creation date.
import type { LocalRuntime } from '../../local/runtime';
import { eventually } from '../support/runtime';
import { advanceToWarsaw, startOrdersWorld, type OrdersWorld } from './orders-support';

let world: OrdersWorld;
let rt: LocalRuntime;
const api = (...args: Parameters<OrdersWorld['api']>) => world.api(...args);
const history = async () => (await api('GET', '/api/jobs?state=all&limit=200')).body.items as any[];

beforeAll(async () => {
  world = await startOrdersWorld();
  rt = world.rt;
  await advanceToWarsaw(rt, '12:00');
  expect(
    (await api('PUT', '/api/templates/order-status/2', { enabled: true, delayDays: 0, text: 'Zamowienie {order_id} przyjete.' })).status,
  ).toBe(200);
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('a landline and a missing number: the status SMS is in the history as skipped, with the reason and the text', async () => {
  const landline = await rt.shop.placeOrder('demo', { phone: '22 123 45 67' });
  await rt.shop.changeStatus('demo', landline.orderId, 2);
  const none = await rt.shop.placeOrder('demo', { phone: '' });
  await rt.shop.changeStatus('demo', none.orderId, 2);
  await rt.idle();

  const items = await history();
  const skippedLandline = items.find((j) => j.orderId === String(landline.orderId));
  expect(skippedLandline).toMatchObject({
    state: 'SKIPPED',
    stateName: { pl: 'pominięta' },
    phone: '22 123 45 67',
    text: `Zamowienie ${landline.orderId} przyjete.`,
    skipReason: { code: 'PHONE_NOT_MOBILE' },
  });
  expect(skippedLandline.skipReason.pl).toContain('nie jest komórkowy');
  expect(items.find((j) => j.orderId === String(none.orderId))).toMatchObject({ state: 'SKIPPED', skipReason: { code: 'NO_PHONE' } });
  expect(rt.smsapi.outbox().some((m) => m.message.includes(`Zamowienie ${landline.orderId}`))).toBe(false);
  // Not in "Zaplanowane wysyłki", and nothing to cancel.
  expect((await api('GET', '/api/jobs?state=scheduled')).body.items.some((j: any) => j.state === 'SKIPPED')).toBe(false);
  expect((await api('DELETE', `/api/jobs/${skippedLandline.jobId}`)).status).toBe(409);
}, 30_000);

test('a marketing SMS to a guest who did not consent is in the history as skipped (no consent)', async () => {
  const rule = await api('POST', '/api/celebrations', { event: 'order-placed', delayDays: 0, text: 'Dzieki za zakupy, {name}!' });
  expect(rule.status).toBe(201);
  const guest = await rt.shop.placeOrder('demo', { userId: null, phone: '698 222 444' });
  await rt.idle();
  const skipped = (await history()).find((j) => j.orderId === String(guest.orderId) && j.kind === 'celebration');
  expect(skipped).toMatchObject({ state: 'SKIPPED', phone: '+48698222444', skipReason: { code: 'NO_CONSENT' } });
  expect(skipped.skipReason.pl).toContain('zgody');
  expect((await api('PUT', `/api/celebrations/${rule.body.id}`, { active: false })).status).toBe(200);
}, 30_000);

test('a status SMS held by the sending hours says so; the sent text is the one after replacement; newest first', async () => {
  expect((await api('PUT', '/api/settings', { quietHoursFor: { 'order-status': true } })).status).toBe(200);
  await advanceToWarsaw(rt, '23:00');
  const night = await rt.shop.placeOrder('demo', { phone: '601 555 777' });
  await rt.shop.changeStatus('demo', night.orderId, 2);
  await rt.idle();
  const held = (await history()).find((j) => j.orderId === String(night.orderId));
  expect(held).toMatchObject({ state: 'SCHEDULED', stateName: { pl: 'zaplanowana' } });
  expect(held.shiftedFrom).toBeDefined();
  expect(new Date(held.dueAt).getTime()).toBeGreaterThan(new Date(held.shiftedFrom).getTime());
  expect((await api('PUT', '/api/settings', { quietHoursFor: { 'order-status': false } })).status).toBe(200);

  expect((await api('PUT', '/api/smsapi', { replaceSpecialCharacters: true })).status).toBe(200);
  expect(
    (await api('PUT', '/api/templates/order-status/3', { enabled: true, delayDays: 0, text: 'Zamówienie {order_id} czeka na dostawę' }))
      .status,
  ).toBe(200);
  const polish = await rt.shop.placeOrder('demo', { phone: '601 555 888' });
  await rt.shop.changeStatus('demo', polish.orderId, 3);
  await eventually(() => rt.smsapi.outbox().some((m) => m.message === `Zamowienie ${polish.orderId} czeka na dostawe`));
  const sent = await eventually(async () =>
    (await history()).find((j) => j.orderId === String(polish.orderId) && ['SENT', 'DELIVERED'].includes(j.state)),
  );
  expect(sent.text).toBe(`Zamowienie ${polish.orderId} czeka na dostawe`);

  const created = (await history()).map((j) => j.createdAt);
  expect(created).toEqual([...created].sort().reverse());
}, 40_000);

test('"Lista powiadomień": a back-in-stock SMS held by the sending hours is "scheduled", not "sent", until it leaves', async () => {
  expect(
    (await api('PUT', '/api/templates/back-in-stock', { enabled: true, delayDays: 0, text: '{product_name} znow jest w {shop_name}' }))
      .status,
  ).toBe(200);
  expect((await api('PUT', '/api/settings', { quietHoursFor: { 'back-in-stock': true } })).status).toBe(200);
  const product = rt.shop.shop('demo').products.find((p) => p.productId === 3)!;
  product.stock = 0;
  const origin = new URL(rt.shop.shop('demo').url).origin;
  const signed = await fetch(`${rt.url}/storefront/${world.licence}/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ productId: 3, phone: '601 300 400', consent: true, consentTextVersion: 'v1', locale: 'pl', website: '' }),
  });
  expect(signed.status).toBe(201);

  await advanceToWarsaw(rt, '22:00');
  await rt.shop.restockProduct('demo', 3, 5);
  await rt.idle();
  const held = (await api('GET', '/api/subscriptions?search=601300400')).body.items[0];
  expect(held.message).toMatchObject({ state: 'SCHEDULED' });
  expect(rt.smsapi.outbox().some((m) => m.to === '48601300400')).toBe(false);

  await advanceToWarsaw(rt, '08:01');
  await eventually(() => rt.smsapi.outbox().some((m) => m.to === '48601300400'));
  const gone = await eventually(async () => {
    const item = (await api('GET', '/api/subscriptions?search=601300400')).body.items[0];
    return ['SENT', 'DELIVERED'].includes(item.message?.state) ? item : undefined;
  });
  expect(gone.message.sentAt).toBeDefined();
}, 40_000);
