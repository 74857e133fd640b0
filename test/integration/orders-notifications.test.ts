// Order notifications end to end over real HTTP: shop simulator events -> signed webhooks -> planner -> sender
// -> SMSAPI simulator outbox. Each event kind gives exactly the expected SMS (text, number, due time); disabled
// templates, inactive rules and missing consent give none; quiet hours move a 23:00 SMS to 08:00.
import type { LocalRuntime } from '../../local/runtime';
import { eventually } from '../support/runtime';
import { advanceToWarsaw, nextWarsaw, startOrdersWorld, warsawTime, type OrdersWorld } from './orders-support';

const DAY = 24 * 3600 * 1000;
let world: OrdersWorld;
let rt: LocalRuntime;
const api = (...args: Parameters<OrdersWorld['api']>) => world.api(...args);
const sent = (predicate: (m: { to: string; message: string }) => boolean) => rt.smsapi.outbox().filter(predicate);

beforeAll(async () => {
  world = await startOrdersWorld();
  rt = world.rt;
  // The celebrations' texts are asserted exactly: no automatic opt-out line here (short-links.test.ts covers it).
  expect((await api('PUT', '/api/links/settings', { autoStopLink: false })).status).toBe(200);
  // Midday in Warsaw: inside the default send window, whatever the real time of the run.
  await advanceToWarsaw(rt, '12:00');
  // These tests send several celebrations to one customer within a day: the frequency cap (on by default) has its
  // own tests (sending-limits.test.ts).
  expect((await api('PUT', '/api/settings', { limits: { frequencyCap: { enabled: false } } })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test("order.create sends the owner's SMS at once to the owner's phone; switched off, nothing", async () => {
  const saved = await api('PUT', '/api/settings', { ownerPhone: '500 100 200' });
  expect(saved.status).toBe(200);
  expect(saved.body.ownerPhone).toBe('+48500100200');
  const landline = await api('PUT', '/api/settings', { ownerPhone: '22 123 45 67' });
  expect(landline.status).toBe(400);
  expect(landline.body.error).toMatchObject({ code: 'PHONE_NOT_MOBILE', field: 'ownerPhone' });
  expect(landline.body.error.message).toContain('Numer telefonu właściciela');

  const text = 'Nowe zamówienie {order_id}. Kwota: {sum} {currency}';
  expect((await api('PUT', '/api/templates/owner-new-order', { enabled: true, delayDays: 0, text })).status).toBe(200);
  const { orderId } = await rt.shop.placeOrder('demo', { sum: 250 });
  const sms = await eventually(() => sent((m) => m.message.startsWith(`Nowe zamówienie ${orderId}.`))[0]);
  expect(sms).toMatchObject({ to: '48500100200', message: `Nowe zamówienie ${orderId}. Kwota: 250,00 PLN` });

  expect((await api('PUT', '/api/templates/owner-new-order', { enabled: false, delayDays: 0, text })).status).toBe(200);
  const second = await rt.shop.placeOrder('demo', { sum: 99 });
  await rt.idle();
  expect(sent((m) => m.message.startsWith(`Nowe zamówienie ${second.orderId}.`))).toHaveLength(0);
  expect(sent((m) => m.to === '48500100200')).toHaveLength(1);
}, 30_000);

test('a new order gets the SMS of the status it was placed with, once; moving back to that status later sends it again', async () => {
  const text = 'Dzien dobry! Potwierdzamy zlozenie zamowienia {order_id}.';
  expect((await api('PUT', '/api/templates/order-status/1', { enabled: true, delayDays: 0, text })).status).toBe(200);
  const { orderId } = await rt.shop.placeOrder('demo', { phone: '601 000 222' });
  const confirmation = `Dzien dobry! Potwierdzamy zlozenie zamowienia ${orderId}.`;
  const sms = await eventually(() => sent((m) => m.message === confirmation)[0]);
  expect(sms?.to).toBe('48601000222');
  // Shoper may also report the initial status as a change: no second SMS.
  await rt.shop.changeStatus('demo', orderId, 1);
  await rt.idle();
  expect(sent((m) => m.message === confirmation)).toHaveLength(1);
  // A real return to the status after another one is a new change.
  expect((await api('PUT', '/api/templates/order-status/2', { enabled: false, delayDays: 0, text: 'x {order_id}' })).status).toBe(200);
  await rt.shop.changeStatus('demo', orderId, 2);
  await rt.idle();
  await rt.shop.changeStatus('demo', orderId, 1);
  await eventually(() => sent((m) => m.message === confirmation).length === 2);
  expect((await api('PUT', '/api/templates/order-status/1', { enabled: false, delayDays: 0, text })).status).toBe(200);
}, 30_000);

test('a status change with the template switched off sends nothing', async () => {
  expect(
    (await api('PUT', '/api/templates/order-status/4', { enabled: false, delayDays: 0, text: 'Kompletujemy {order_id}' })).status,
  ).toBe(200);
  const { orderId } = await rt.shop.placeOrder('demo', { phone: '601 000 111' });
  await rt.shop.changeStatus('demo', orderId, 4);
  await rt.idle();
  expect(sent((m) => m.message.includes(`Kompletujemy ${orderId}`))).toHaveLength(0);
  expect((await rt.deps.store.listJobs(world.licence)).filter((j) => j.source.orderId === String(orderId))).toHaveLength(0);
}, 30_000);

test('"order placed" celebration: N days later, only to clients who consented (newsletter)', async () => {
  const rule = await api('POST', '/api/celebrations', {
    event: 'order-placed',
    delayDays: 2,
    text: '{name}, minęły 2 dni od zamówienia {order_id} w {shop_name}.',
  });
  expect(rule.status).toBe(201);
  const placedAt = rt.deps.clock.now();
  const anna = await rt.shop.placeOrder('demo', { userId: 1 }); // newsletter: yes
  const piotr = await rt.shop.placeOrder('demo', { userId: 2 }); // newsletter: no
  const guest = await rt.shop.placeOrder('demo', { userId: null, phone: '698 111 222' });
  await rt.idle();

  const scheduled = await api('GET', '/api/jobs?state=scheduled');
  expect(scheduled.status).toBe(200);
  const mine = scheduled.body.items.filter((j: any) => j.kind === 'celebration');
  expect(mine.map((j: any) => j.orderId)).toEqual([String(anna.orderId)]);
  expect(mine[0]).toMatchObject({ phone: '+48601234567', type: { pl: 'Celebrowanie dat' }, state: 'SCHEDULED' });
  expect(mine[0].text).toBe(`Anna, minęły 2 dni od zamówienia ${anna.orderId} w Sklep Demo.`);
  const due = new Date(mine[0].dueAt);
  expect(Math.abs(due.getTime() - placedAt.getTime() - 2 * DAY)).toBeLessThan(60_000);
  for (const other of [piotr, guest]) {
    expect(scheduled.body.items.some((j: any) => j.orderId === String(other.orderId))).toBe(false);
  }

  await rt.advanceClock(DAY);
  await rt.idle();
  expect(sent((m) => m.message.includes('minęły 2 dni'))).toHaveLength(0);
  await rt.advanceClock(DAY + 60_000);
  const sms = await eventually(() => sent((m) => m.message.includes('minęły 2 dni'))[0]);
  expect(sms).toMatchObject({ to: '48601234567', message: `Anna, minęły 2 dni od zamówienia ${anna.orderId} w Sklep Demo.` });
  await rt.idle();
  expect(sent((m) => m.message.includes('minęły 2 dni'))).toHaveLength(1);

  expect((await api('PUT', `/api/celebrations/${rule.body.id}`, { active: false })).status).toBe(200);
}, 40_000);

test('account registration and a first order (asked of Shoper) each send one celebration', async () => {
  await advanceToWarsaw(rt, '12:00');
  const registered = await api('POST', '/api/celebrations', {
    event: 'account-registered',
    delayDays: 0,
    text: 'Witaj {name} {lastname} w {shop_name}!',
  });
  const first = await api('POST', '/api/celebrations', {
    event: 'first-order',
    delayDays: 0,
    text: 'Dziękujemy za pierwsze zamówienie, {name}! {shop_name}',
  });
  expect([registered.status, first.status]).toEqual([201, 201]);

  const ola = await rt.shop.registerClient('demo', { firstname: 'Ola', lastname: 'Lis', phone: '785 111 222', newsletter: true });
  const welcome = await eventually(() => sent((m) => m.message.startsWith('Witaj Ola'))[0]);
  expect(welcome).toMatchObject({ to: '48785111222', message: 'Witaj Ola Lis w Sklep Demo!' });
  await rt.shop.registerClient('demo', { firstname: 'Jan', lastname: 'Bez', phone: '785 333 444', newsletter: false });

  const firstOrder = await rt.shop.placeOrder('demo', { userId: ola.userId });
  const thanks = await eventually(() => sent((m) => m.message.includes('pierwsze zamówienie'))[0]);
  expect(thanks).toMatchObject({ to: '48785111222', message: 'Dziękujemy za pierwsze zamówienie, Ola! Sklep Demo' });
  await rt.shop.placeOrder('demo', { userId: ola.userId }); // her second order
  await rt.shop.placeOrder('demo', { userId: 1 }); // Anna has ordered before (seeded order 1)
  await rt.idle();

  expect(sent((m) => m.message.includes('pierwsze zamówienie'))).toHaveLength(1);
  expect(sent((m) => m.message.startsWith('Witaj'))).toHaveLength(1);
  expect(sent((m) => m.to === '48785333444')).toHaveLength(0);
  // Shoper was asked about the client's earlier orders, not guessed.
  expect(
    rt.shop
      .apiCalls('demo')
      .some((c) => c.path.startsWith('/webapi/rest/orders?') && decodeURIComponent(c.path).includes(`"user_id":"${ola.userId}"`)),
  ).toBe(true);
  expect(firstOrder.orderId).toBeGreaterThan(0);

  for (const rule of [registered, first]) expect((await api('DELETE', `/api/celebrations/${rule.body.id}`)).status).toBe(200);
}, 40_000);

test('when Shoper cannot be asked about consent or earlier orders, the event is retried, not guessed', async () => {
  await advanceToWarsaw(rt, '12:00');
  const rule = await api('POST', '/api/celebrations', { event: 'first-order', delayDays: 0, text: 'Pierwsze zakupy, {name}? Dziękujemy!' });
  expect(rule.status).toBe(201);
  const ewa = await rt.shop.registerClient('demo', { firstname: 'Ewa', phone: '785 999 000', newsletter: true });
  await rt.idle();
  // The next two REST calls fail with 500: the planner gives up on this try and the event comes back later.
  rt.shop.injectRestFaults({ status: 500, count: 2 });
  await rt.shop.placeOrder('demo', { userId: ewa.userId });
  const sms = await eventually(() => sent((m) => m.message.startsWith('Pierwsze zakupy'))[0]);
  expect(sms).toMatchObject({ to: '48785999000', message: 'Pierwsze zakupy, Ewa? Dziękujemy!' });
  await rt.idle();
  expect(sent((m) => m.message.startsWith('Pierwsze zakupy'))).toHaveLength(1);
  expect(rt.shop.apiCalls('demo').filter((c) => c.status === 500).length).toBe(2);
  expect(rt.logs.some((l) => l.message === 'queue message failed, will retry')).toBe(true);
  expect((await api('DELETE', `/api/celebrations/${rule.body.id}`)).status).toBe(200);
}, 40_000);

test('"order shipped": dispatch plus the "shipped" status give one SMS; a guest without consent gets none', async () => {
  // Nobody ticked a "shipped" status: Shoper's default "przesyłka wysłana" counts as shipped by default.
  expect((await api('GET', '/api/settings')).body.shippedStatusIds).toEqual(['7']);
  const rule = await api('POST', '/api/celebrations', {
    event: 'order-shipped',
    delayDays: 0,
    text: 'Zamówienie {order_id} jest w drodze, {name}!',
  });
  expect(rule.status).toBe(201);

  const anna = await rt.shop.placeOrder('demo', { userId: 1 });
  // The simulated shop sends parcel.dispatch and then moves the order to status 7 ("przesyłka wysłana").
  await rt.shop.dispatchParcel('demo', anna.orderId);
  const sms = await eventually(() => sent((m) => m.message.includes(`Zamówienie ${anna.orderId} jest w drodze`))[0]);
  expect(sms).toMatchObject({ to: '48601234567', message: `Zamówienie ${anna.orderId} jest w drodze, Anna!` });

  const statusOnly = await rt.shop.placeOrder('demo', { userId: 1 });
  await rt.shop.changeStatus('demo', statusOnly.orderId, 7);
  await eventually(() => sent((m) => m.message.includes(`Zamówienie ${statusOnly.orderId} jest w drodze`)).length === 1);

  const guest = await rt.shop.placeOrder('demo', { userId: null, phone: '698 222 333' });
  await rt.shop.dispatchParcel('demo', guest.orderId);
  await rt.idle();
  expect(sent((m) => m.message.includes(`Zamówienie ${anna.orderId} jest w drodze`))).toHaveLength(1);
  expect(sent((m) => m.message.includes(`Zamówienie ${statusOnly.orderId} jest w drodze`))).toHaveLength(1);
  expect(sent((m) => m.to === '48698222333')).toHaveLength(0);

  expect((await api('PUT', `/api/celebrations/${rule.body.id}`, { active: false })).status).toBe(200);
}, 40_000);

test('quiet hours: a status SMS at 23:00 Warsaw goes at 08:00 the next day', async () => {
  const settings = await api('PUT', '/api/settings', { quietHoursFor: { 'order-status': true } });
  expect(settings.body.quietHours).toMatchObject({ enabled: true, start: '08:00', end: '20:00', timeZone: 'Europe/Warsaw' });
  expect((await api('PUT', '/api/templates/order-status/3', { enabled: true, delayDays: 0, text: 'Cisza nocna {order_id}' })).status).toBe(
    200,
  );
  const night = await advanceToWarsaw(rt, '23:00');
  const { orderId } = await rt.shop.placeOrder('demo', { phone: '601 555 666' });
  await rt.shop.changeStatus('demo', orderId, 3);
  await rt.idle();
  const mine = () => sent((m) => m.message === `Cisza nocna ${orderId}`);
  expect(mine()).toHaveLength(0);

  const jobs = await api('GET', '/api/jobs?state=scheduled&search=Cisza');
  expect(jobs.body.items).toHaveLength(1);
  const job = jobs.body.items[0];
  const eight = nextWarsaw(night, '08:00');
  expect(job.dueAt).toBe(eight.toISOString());
  expect(warsawTime(new Date(job.dueAt))).toBe('08:00');
  expect(new Date(job.shiftedFrom).getTime()).toBeGreaterThanOrEqual(night.getTime());
  expect(job.phone).toBe('+48601555666');

  await advanceToWarsaw(rt, '07:59');
  await rt.idle();
  expect(mine()).toHaveLength(0);
  await rt.advanceClock(90_000);
  await eventually(() => mine().length === 1);
  expect(mine()[0]!.to).toBe('48601555666');
}, 40_000);
