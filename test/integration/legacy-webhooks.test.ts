// Shops installed before "one webhook per event" had one webhook for all events and no id -> event map, so their
// deliveries were accepted without the id check. Their next webhook (or an `upgrade` event) queues a setup that
// registers one webhook per event and removes the old one; from then on a delivery replayed under another event name
// is refused, and the shop's notifications keep working.
import type { LocalRuntime } from '../../local/runtime';
import { SUPPORTED_EVENTS } from '#domain/shoper-events';
import { call, expectRefused } from '../support/attack-kit';
import { eventually, startTestRuntime } from '../support/runtime';

let rt: LocalRuntime;

beforeAll(async () => {
  rt = await startTestRuntime();
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

const LEGACY_ID = 7777;

/** Turns an installed shop into one set up by an older version: one webhook for every event, no map, no setup record. */
async function makeLegacy(slug: string): Promise<string> {
  const licence = rt.shop.createShop({ slug, name: `Sklep ${slug}` }).licence;
  expect((await rt.shop.install(slug)).status).toBe(200);
  await rt.idle();
  const sim = rt.shop.shop(slug);
  const ours = sim.webhooks.filter((w) => w.url === `${rt.url}/shoper/webhooks`);
  const secret = ours[0]!.secret;
  sim.webhooks.splice(0, sim.webhooks.length, {
    webhookId: LEGACY_ID,
    url: `${rt.url}/shoper/webhooks`,
    format: 0,
    secret,
    active: true,
    events: [...SUPPORTED_EVENTS],
  });
  await rt.deps.store.updateShop(licence, { webhookIds: [String(LEGACY_ID)] }, { remove: ['webhookEvents', 'setup'] });
  return licence;
}

const migrations = (licence: string) =>
  rt.logs.filter((l) => l.message === 'legacy webhook migration queued: one webhook per event' && l.shop === licence);

test("a legacy shop's next webhook moves it to one webhook per event; a replay under another name is refused from then on", async () => {
  const licence = await makeLegacy('legacy');
  await rt.deps.store.putTemplate(licence, 'order-status#2', { enabled: true, delayDays: 0, text: 'Zamówienie {order_id} przyjęte' });

  // Deliveries through the one old webhook are still accepted (and planned), and the first one starts the move...
  const { orderId } = await rt.shop.placeOrder('legacy', { phone: '601 234 567' });
  const captured = rt.shop
    .webhookDeliveries('legacy')
    .filter((d) => d.event === 'order.create')
    .at(-1)!;
  expect(captured.webhookId).toBe(LEGACY_ID);
  expect(captured.status).toBeLessThan(300);
  // ...once: more deliveries while it runs queue nothing more.
  await rt.shop.placeOrder('legacy', { phone: '601 234 568' });
  await rt.idle();
  expect(migrations(licence)).toHaveLength(1);

  const shop = await rt.deps.store.getShop(licence);
  const hooks = rt.shop.shop('legacy').webhooks;
  expect(hooks.some((h) => h.webhookId === LEGACY_ID)).toBe(false);
  expect(hooks.every((h) => h.events.length === 1)).toBe(true);
  expect(hooks.map((h) => h.events[0]).sort()).toEqual([...SUPPORTED_EVENTS].sort());
  expect(shop?.webhookEvents).toEqual(Object.fromEntries(hooks.map((h) => [String(h.webhookId), h.events[0]])));
  expect(shop?.webhookIds).toBeUndefined();
  expect(shop?.setup).toMatchObject({ state: 'done' });

  // The captured delivery of the old webhook, replayed as another event: refused now.
  const replay = await call(captured.url, {
    method: 'POST',
    headers: { ...captured.headers, 'X-Webhook-Name': 'order.status' },
    body: captured.body,
  });
  expectRefused(replay, 401, 'WEBHOOK_EVENT_MISMATCH');

  // And the shop's notifications work through the new webhooks.
  const outbox = rt.smsapi.outbox().length;
  await rt.deps.store.putSmsapi(licence, {
    token: await rt.deps.cipher.encrypt('sim-token-demo', licence),
    method: 'token',
    login: 'demo-shop',
    senderName: 'SKLEP 123',
    replaceSpecialCharacters: false,
    connectedAt: new Date().toISOString(),
  });
  await rt.shop.changeStatus('legacy', orderId, 2);
  const delivery = rt.shop
    .webhookDeliveries('legacy')
    .filter((d) => d.event === 'order.status')
    .at(-1)!;
  expect(delivery.webhookId).not.toBe(LEGACY_ID);
  expect(delivery.status).toBeLessThan(300);
  expect(await eventually(() => rt.smsapi.outbox().length > outbox)).toBe(true);
}, 60_000);

test('an upgrade event moves a legacy shop over too', async () => {
  const licence = await makeLegacy('upgraded');
  await rt.advanceClock(2000);
  const res = await rt.shop.sendLifecycle('upgraded', 'upgrade');
  expect(res.status).toBe(200);
  await rt.idle();
  expect(migrations(licence)).toHaveLength(1);
  const shop = await rt.deps.store.getShop(licence);
  expect(Object.values(shop?.webhookEvents ?? {}).sort()).toEqual([...SUPPORTED_EVENTS].sort());
  expect(rt.shop.shop('upgraded').webhooks.some((h) => h.webhookId === LEGACY_ID)).toBe(false);
  // A shop already on one webhook per event is left alone by the next upgrade.
  await rt.advanceClock(2000);
  expect((await rt.shop.sendLifecycle('upgraded', 'upgrade')).status).toBe(200);
  await rt.idle();
  expect(migrations(licence)).toHaveLength(1);
}, 60_000);
