// Short links end to end over real HTTP (issue 16): a marketing SMS carries its own short links and the opt-out
// line; the link answers 302 to the shop's own page and counts a person's click (not HEAD, not a preview fetcher);
// an order by the same client after the click is attributed to the message with its amount (once, whatever
// Shoper redelivers); the opt-out page stops marketing SMS to that number (recorded in the history with the
// reason) while order messages still go; unknown codes get a Polish page; uninstalling the shop removes its links.
import type { LocalRuntime } from '../../local/runtime';
import { eventually } from '../support/runtime';
import { signUpForProduct } from '../support/demo-seed';
import { advanceToWarsaw, startOrdersWorld, type OrdersWorld } from './orders-support';

let world: OrdersWorld;
let rt: LocalRuntime;
const api = (...args: Parameters<OrdersWorld['api']>) => world.api(...args);
const sent = (predicate: (m: { to: string; message: string }) => boolean) => rt.smsapi.outbox().filter(predicate);
const links = async () => (await api('GET', '/api/links')).body;
const row = (body: any, kind: string, period = 'today') => body.periods[period].find((r: any) => r.kind === kind);
const BROWSER = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const open = (url: string, init: RequestInit = {}) =>
  fetch(url, { redirect: 'manual', ...init, headers: { 'user-agent': BROWSER, ...(init.headers as Record<string, string> | undefined) } });

let shopLink: string;
let stopLink: string;

beforeAll(async () => {
  world = await startOrdersWorld();
  rt = world.rt;
  await advanceToWarsaw(rt, '12:00');
  const rule = await api('POST', '/api/celebrations', {
    event: 'order-placed',
    delayDays: 0,
    text: 'Dziękujemy, {name}! Zajrzyj znów: {shop_link}',
  });
  expect(rule.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('a marketing SMS carries a short link of its own and the opt-out line, both at their real length', async () => {
  const first = await rt.shop.placeOrder('demo', { userId: 1 }); // Anna, newsletter: yes
  const sms = (await eventually(() => sent((m) => m.message.startsWith('Dziękujemy, Anna!'))[0]))!;
  const pattern = new RegExp(`^Dziękujemy, Anna! Zajrzyj znów: (${rt.url}/l/[0-9A-Za-z]{10})\\nRezygnacja: (${rt.url}/l/[0-9A-Za-z]{10})$`);
  const match = pattern.exec(sms.message);
  expect(match).not.toBeNull();
  [, shopLink, stopLink] = match as unknown as [string, string, string];
  expect(shopLink).not.toBe(stopLink);

  // The same order.create delivered again plans the same SMS with the same links: nothing new is sent.
  await rt.shop.redeliverLast('demo');
  await rt.idle();
  expect(sent((m) => m.message.startsWith('Dziękujemy, Anna!'))).toHaveLength(1);
  expect(first.orderId).toBeGreaterThan(0);
}, 30_000);

test("the link answers 302 to the shop's page; a person's click counts, HEAD and preview fetchers do not", async () => {
  const shopUrl = rt.shop.shop('demo').url;
  const preview = await open(shopLink, {
    headers: { 'user-agent': 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)' },
  });
  expect(preview.status).toBe(302);
  expect(preview.headers.get('location')).toBe(shopUrl);
  expect((await open(shopLink, { method: 'HEAD' })).status).toBe(302);
  expect((await open(shopLink, { headers: { 'user-agent': 'WhatsApp/2.23.20.0' } })).status).toBe(302);
  expect(row(await links(), 'celebration').clicked).toBe(0);

  const click = await open(shopLink);
  expect(click.status).toBe(302);
  expect(click.headers.get('location')).toBe(shopUrl);
  expect(click.headers.get('cache-control')).toBe('no-store');
  // The shop simulator's storefront answers there: the loop can be walked in a browser.
  expect(await (await fetch(click.headers.get('location')!)).text()).toContain('Witamy w sklepie');
  await open(shopLink); // a second click of the same SMS: still one SMS clicked
  const celebration = row(await links(), 'celebration');
  expect(celebration).toMatchObject({ sent: 1, clicked: 1, clickRate: 100, orders: 0, revenue: 0 });
});

test("an order by the same client after the click is attributed with its amount, once; another client's is not", async () => {
  const stranger = await rt.shop.placeOrder('demo', { userId: null, phone: '698 111 222', sum: 80 });
  const second = await rt.shop.placeOrder('demo', { userId: 1, sum: 150 });
  await rt.idle();
  await rt.shop.redeliverLast('demo');
  await rt.idle();
  const body = await links();
  expect(row(body, 'celebration')).toMatchObject({ orders: 1, revenue: 150 });
  expect(row(body, 'celebration', 'month')).toMatchObject({ orders: 1, revenue: 150 });
  expect(body.currency).toBe('PLN');
  expect(body.daily.at(-1)).toMatchObject({ revenue: 150, orders: 1 });
  expect(stranger.orderId).not.toBe(second.orderId);
  // Outside the window (7 days by default) a click no longer earns an order.
  await rt.advanceClock(8 * 24 * 3600 * 1000);
  await advanceToWarsaw(rt, '12:00');
  await rt.shop.placeOrder('demo', { userId: 1, sum: 40 });
  await rt.idle();
  expect((await links()).daily.reduce((n: number, d: any) => n + d.orders, 0)).toBe(1);
}, 60_000);

test('the opt-out link: a confirmation page, then no marketing SMS to that number (in the history with the reason); order messages still go', async () => {
  const page = await open(stopLink);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Nie chcę więcej SMS od Sklep Demo');
  expect(html).toContain('<form method="post"');
  expect((await links()).optOuts).toEqual([]); // opening the page (or a preview of it) changes nothing

  // A waiting back-in-stock sign-up of the same number is withdrawn by the opt-out.
  expect(
    (await api('PUT', '/api/templates/back-in-stock', { enabled: true, delayDays: 0, text: '{product_name} wrocil: {product_link}' }))
      .status,
  ).toBe(200);
  await signUpForProduct(rt, world.licence, 3, '+48 601 234 567');

  const confirmed = await open(stopLink, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  expect(confirmed.status).toBe(200);
  expect(await confirmed.text()).toContain('nie wyślemy więcej SMS-ów marketingowych');
  const optOuts = (await links()).optOuts;
  expect(optOuts).toEqual([expect.objectContaining({ phone: '+48601234567', how: 'stop-link', kind: 'celebration' })]);
  expect(row(await links(), 'celebration', 'month').optOuts).toBe(1);
  const signUps = (await api('GET', '/api/subscriptions')).body.items as any[];
  expect(signUps.find((x) => x.phone === '+48601234567')).toMatchObject({ productId: '3', status: 'withdrawn' });

  expect(
    (
      await api('PUT', '/api/templates/order-status/2', {
        enabled: true,
        delayDays: 0,
        text: 'Zamowienie {order_id} w drodze: {order_link}',
      })
    ).status,
  ).toBe(200);
  const before = sent((m) => m.to === '48601234567' && m.message.startsWith('Dziękujemy')).length;
  const after = await rt.shop.placeOrder('demo', { userId: 1, sum: 60 });
  await rt.shop.changeStatus('demo', after.orderId, 2);
  const status = (await eventually(() => sent((m) => m.message.startsWith(`Zamowienie ${after.orderId} w drodze`))[0]))!;
  expect(status.to).toBe('48601234567');
  const orderLink = /(http\S+\/l\/[0-9A-Za-z]{10})$/.exec(status.message)?.[1];
  const toOrder = await open(orderLink!);
  expect(toOrder.headers.get('location')).toBe(`${rt.shop.shop('demo').url}/panel/order/${after.orderId}`);
  await rt.idle();
  expect(sent((m) => m.to === '48601234567' && m.message.startsWith('Dziękujemy')).length).toBe(before);
  const history = (await api('GET', '/api/jobs?state=all&limit=200')).body.items as any[];
  expect(history.find((j) => j.kind === 'celebration' && j.orderId === String(after.orderId))).toMatchObject({
    state: 'SKIPPED',
    skipReason: { code: 'OPTED_OUT' },
  });
}, 60_000);

test('link settings: a bad attribution window is refused in Polish, naming the field, and changes nothing', async () => {
  const bad = await api('PUT', '/api/links/settings', { attributionDays: 0 });
  expect(bad.status).toBe(400);
  expect(bad.body.error).toMatchObject({ code: 'FIELD_INVALID', field: 'attributionDays' });
  expect(bad.body.error.message).toContain('Okno przypisania zamówień');
  expect((await api('GET', '/api/links/settings')).body).toMatchObject({ base: rt.url, autoStopLink: true, attributionDays: 7 });
  const saved = await api('PUT', '/api/links/settings', { attributionDays: 14 });
  expect(saved.body).toMatchObject({ autoStopLink: true, attributionDays: 14 });
  expect((await api('GET', '/api/settings')).body.shippedStatusIds).toEqual(['7']); // other settings untouched
});

test('unknown and malformed codes get a plain Polish page; uninstalling the shop removes its links', async () => {
  const unknown = await open(`${rt.url}/l/AAAAAAAAAA`);
  expect(unknown.status).toBe(404);
  expect(await unknown.text()).toContain('Link nie działa');
  expect((await open(`${rt.url}/l/..%2F..%2Fetc`)).status).toBe(404);
  expect((await open(shopLink)).status).toBe(302);

  expect((await rt.shop.uninstall('demo')).status).toBe(200);
  await rt.idle(); // the purge of the shop's data runs after the answer
  const gone = await open(shopLink);
  expect(gone.status).toBe(404);
  expect(await gone.text()).toContain('Link nie działa');
}, 30_000);
