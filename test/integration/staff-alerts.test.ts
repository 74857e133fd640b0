// Staff alerts end to end over real HTTP: shop simulator events -> signed webhooks -> planner -> sender -> SMSAPI
// simulator outbox, one SMS to each team number. A new order above the amount, an order cancelled, a product that
// sells out (once per run-out, again after a restock); quiet hours per alert; bad input refused naming the field.
import type { LocalRuntime } from '../../local/runtime';
import { eventually } from '../support/runtime';
import { advanceToWarsaw, startOrdersWorld, type OrdersWorld } from './orders-support';

let world: OrdersWorld;
let rt: LocalRuntime;
const api = (...args: Parameters<OrdersWorld['api']>) => world.api(...args);
const sent = (predicate: (m: { to: string; message: string }) => boolean) => rt.smsapi.outbox().filter(predicate);
const TEAM = ['48500100200', '48600700800', '48720300400'];

const alerts = (overrides: Record<string, unknown> = {}) => ({
  phones: ['500 100 200', '+48 600 700 800', '720300400'],
  newOrder: { enabled: true, minAmount: 500, quietHours: false, text: 'Duze zamowienie {order_id}: {sum} {currency}' },
  orderCancelled: { enabled: true, quietHours: false, text: 'Anulowano {order_id}: {status_name}' },
  outOfStock: { enabled: true, quietHours: false, text: 'Brak na stanie: {product_name} ({product_code})' },
  ...overrides,
});

beforeAll(async () => {
  world = await startOrdersWorld();
  rt = world.rt;
  await advanceToWarsaw(rt, '12:00');
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('bad input is refused with a Polish message naming the field, and nothing is saved', async () => {
  const six = await api(
    'PUT',
    '/api/staff-alerts',
    alerts({ phones: ['500100201', '500100202', '500100203', '500100204', '500100205', '500100206'] }),
  );
  expect(six.status).toBe(400);
  expect(six.body.error).toMatchObject({ field: 'phones' });
  expect(six.body.error.message).toContain('najwyżej 5 numerów');

  const landline = await api('PUT', '/api/staff-alerts', alerts({ phones: ['500 100 200', '22 123 45 67'] }));
  expect(landline.status).toBe(400);
  expect(landline.body.error).toMatchObject({ code: 'PHONE_NOT_MOBILE', field: 'phones.1' });
  expect(landline.body.error.message).toContain('Numer telefonu zespołu nr 2');

  const negative = await api(
    'PUT',
    '/api/staff-alerts',
    alerts({ newOrder: { enabled: true, minAmount: -1, quietHours: false, text: 'x {order_id}' } }),
  );
  expect(negative.status).toBe(400);
  expect(negative.body.error.field).toBe('newOrder.minAmount');
  expect(negative.body.error.message).toContain('Kwota zamówienia od: podaj kwotę 0 lub większą');

  const unknown = await api(
    'PUT',
    '/api/staff-alerts',
    alerts({ outOfStock: { enabled: true, quietHours: false, text: 'Brak {order_id}' } }),
  );
  expect(unknown.status).toBe(400);
  expect(unknown.body.error).toMatchObject({ code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', field: 'outOfStock.text' });
  expect(unknown.body.error.message).toContain('Produkt wyprzedany');

  const noPhones = await api('PUT', '/api/staff-alerts', alerts({ phones: [] }));
  expect(noPhones.status).toBe(400);
  expect(noPhones.body.error.field).toBe('phones.0');

  const saved = await api('GET', '/api/staff-alerts');
  expect(saved.body).toMatchObject({ phones: [], newOrder: { enabled: false } });
}, 30_000);

test('a new order above the amount texts every team number once; a smaller one nobody; a redelivery nothing more', async () => {
  const saved = await api('PUT', '/api/staff-alerts', alerts());
  expect(saved.status).toBe(200);
  expect(saved.body.phones).toEqual(TEAM.map((n) => `+${n}`));

  const big = await rt.shop.placeOrder('demo', { sum: 750 });
  const text = `Duze zamowienie ${big.orderId}: 750,00 PLN`;
  await eventually(() => sent((m) => m.message === text).length === 3);
  expect(
    sent((m) => m.message === text)
      .map((m) => m.to)
      .sort(),
  ).toEqual([...TEAM].sort());

  await rt.shop.redeliverLast('demo');
  const small = await rt.shop.placeOrder('demo', { sum: 120 });
  await rt.idle();
  expect(sent((m) => m.message === text)).toHaveLength(3);
  expect(sent((m) => m.message.startsWith(`Duze zamowienie ${small.orderId}:`))).toHaveLength(0);
}, 30_000);

test('an order cancelled texts the team; a status of another kind does not', async () => {
  const { orderId } = await rt.shop.placeOrder('demo', { sum: 80 });
  await rt.shop.changeStatus('demo', orderId, 2);
  await rt.shop.changeStatus('demo', orderId, 8);
  const text = `Anulowano ${orderId}: anulowane`;
  await eventually(() => sent((m) => m.message === text).length === 3);
  await rt.idle();
  expect(sent((m) => m.message.startsWith(`Anulowano ${orderId}:`))).toHaveLength(3);
}, 30_000);

test('a product that sells out texts the team once per run-out; after a restock the next run-out texts again', async () => {
  const text = 'Brak na stanie: Kubek ceramiczny (KUB-001)';
  await rt.shop.updateProductStock('demo', 1, { stock: 0 });
  await eventually(() => sent((m) => m.message === text).length === 3);
  // Edited again while still at 0, and Shoper repeating the same delivery: no second alert.
  await rt.shop.updateProductStock('demo', 1, { stock: 0 });
  await rt.shop.redeliverLast('demo');
  await rt.idle();
  expect(sent((m) => m.message === text)).toHaveLength(3);

  await rt.shop.restockProduct('demo', 1, 5);
  await rt.idle();
  // The simulator's "Wyprzedaj" button.
  const button = await fetch(`${rt.shop.url}/s/demo/__sim/products/1/sell-out`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(button.status).toBe(200);
  await eventually(() => sent((m) => m.message === text).length === 6);
}, 30_000);

test('an alert set to the sending hours waits for the window; the history shows each alert', async () => {
  expect(
    (await api('PUT', '/api/staff-alerts', alerts({ outOfStock: { enabled: true, quietHours: true, text: 'Noca brak: {product_name}' } })))
      .status,
  ).toBe(200);
  await advanceToWarsaw(rt, '23:00');
  await rt.shop.updateProductStock('demo', 2, { stock: 0 });
  await rt.idle();
  const text = 'Noca brak: Koszulka bawełniana';
  expect(sent((m) => m.message === text)).toHaveLength(0);
  const jobs = (await rt.deps.store.listJobs(world.licence)).filter((j) => j.text === text);
  expect(jobs.map((j) => j.state)).toEqual(['SCHEDULED', 'SCHEDULED', 'SCHEDULED']);
  await advanceToWarsaw(rt, '08:01');
  await eventually(() => sent((m) => m.message === text).length === 3);

  const history = await api('GET', '/api/jobs?state=all&limit=200');
  expect(history.status).toBe(200);
  expect(history.body.items.filter((j: { kind: string }) => j.kind === 'staff-alert').length).toBeGreaterThanOrEqual(15);
}, 45_000);
