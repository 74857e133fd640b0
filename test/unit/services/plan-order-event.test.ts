// The planner against the in-memory ports (no Java): an order's status event becomes one job on its road (the
// `sends` queue now, or a schedule), a redelivered event plans nothing twice, a newer status cancels the stale
// delayed SMS, and what cannot be planned is recorded or ignored with its reason.
import type { Shop } from '#domain/model';
import { parseShopEvent } from '#domain/shoper-events';
import { planEvent, planLegacyEvent } from '#services/plan-event';
import type { ShopEventMessage } from '#services/ports';
import { createUnitDeps } from '../../support/fake-deps';

const SHOP = 'shop-7';
const NOW = new Date('2026-03-03T10:00:00Z'); // a Tuesday, 11:00 in Warsaw

const SHOP_RECORD: Shop = {
  shop: SHOP,
  shopUrl: 'https://sklep.example',
  status: 'installed',
  installedAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  shopName: 'Sklep Testowy',
  statuses: [
    { statusId: '2', name: 'Przyjęte do realizacji', type: 2, active: true },
    { statusId: '3', name: 'Wysłane', type: 3, active: true },
  ],
} as Shop;

async function setup(templates: Record<string, { enabled: boolean; delayDays: number; text: string }>) {
  const t = createUnitDeps({ now: NOW });
  await t.deps.store.putShop(SHOP_RECORD);
  for (const [key, template] of Object.entries(templates)) await t.deps.store.putTemplate(SHOP, key, template);
  return t;
}

const statusPayload = (statusId: string, statusDate: string, over: Record<string, unknown> = {}) => ({
  order_id: 101,
  status_id: statusId,
  status_date: statusDate,
  date: '2026-03-03 10:30:00',
  sum: '120.00',
  billing_address: { firstname: 'Anna', lastname: 'Nowak', phone: '500 100 200', country_code: 'PL' },
  ...over,
});

/** The events queue's message for a status webhook: its facts, as the edge parses them (parseShopEvent). */
const statusEvent = (statusId: string, statusDate: string, over: Record<string, unknown> = {}): ShopEventMessage => {
  const parsed = parseShopEvent('order.status', statusPayload(statusId, statusDate, over));
  if (!parsed.ok) throw new Error(`fixture not understood: ${parsed.field}`);
  return { shop: SHOP, receivedAt: NOW.toISOString(), ...parsed.value };
};

test('a status event with an enabled template becomes one job queued for sending; a redelivery plans nothing new', async () => {
  const t = await setup({ 'order-status#3': { enabled: true, delayDays: 0, text: 'Zamówienie {order_id} wysłane' } });
  const first = await planEvent(t.deps, statusEvent('3', '2026-03-03 10:59:00'));
  expect(first.jobs).toHaveLength(1);
  expect(first.jobs[0]).toMatchObject({ state: 'QUEUED', kind: 'order-status', phone: '+48500100200', text: 'Zamówienie 101 wysłane' });
  expect(t.sends).toEqual([{ shop: SHOP, jobId: first.jobs[0]!.jobId }]);
  expect(await t.deps.store.getJob(SHOP, first.jobs[0]!.jobId)).toMatchObject({
    state: 'QUEUED',
    source: { orderId: '101', statusId: '3' },
  });

  const again = await planEvent(t.deps, statusEvent('3', '2026-03-03 10:59:00'));
  expect(again.jobs.map((j) => j.jobId)).toEqual([first.jobs[0]!.jobId]);
  expect(await t.deps.store.listJobs(SHOP)).toHaveLength(1);
  expect(t.schedules.size).toBe(0);
});

test('a delayed status SMS is scheduled, and the order moving on cancels it (and its schedule)', async () => {
  const t = await setup({
    'order-status#2': { enabled: true, delayDays: 1, text: 'Zamówienie {order_id} przyjęte' },
    'order-status#3': { enabled: true, delayDays: 0, text: 'Zamówienie {order_id} wysłane' },
  });
  const accepted = await planEvent(t.deps, statusEvent('2', '2026-03-03 10:00:00'));
  const delayed = accepted.jobs[0]!;
  expect(delayed.state).toBe('SCHEDULED');
  expect(Date.parse(delayed.dueAt)).toBeGreaterThan(NOW.getTime() + 12 * 3600_000);
  expect([...t.schedules.values()]).toEqual([{ ref: { shop: SHOP, jobId: delayed.jobId }, at: new Date(delayed.dueAt) }]);

  const shipped = await planEvent(t.deps, statusEvent('3', '2026-03-03 10:59:00'));
  expect(shipped.jobs).toHaveLength(1);
  expect(await t.deps.store.getJob(SHOP, delayed.jobId)).toMatchObject({ state: 'CANCELLED' });
  expect(t.schedules.size).toBe(0);
  expect(t.sends).toEqual([{ shop: SHOP, jobId: shipped.jobs[0]!.jobId }]);
});

test('an order without a usable phone records a skipped message with its reason; nothing is sent', async () => {
  const t = await setup({ 'order-status#3': { enabled: true, delayDays: 0, text: 'Zamówienie {order_id} wysłane' } });
  const outcome = await planEvent(t.deps, statusEvent('3', '2026-03-03 10:59:00', { billing_address: { firstname: 'Anna' } }));
  expect(outcome.jobs).toEqual([]);
  expect(outcome.skipped.map((s) => s.reason)).toEqual(['NO_PHONE']);
  expect(await t.deps.store.listJobs(SHOP)).toEqual([expect.objectContaining({ state: 'SKIPPED', kind: 'order-status' })]);
  expect(t.sends).toEqual([]);
});

test('events the planner cannot use change nothing: a shop not installed, a payload without an order id', async () => {
  const t = await setup({ 'order-status#3': { enabled: true, delayDays: 0, text: 'Zamówienie {order_id} wysłane' } });
  // A message queued by the previous release (raw payload) that the edge's parser cannot read.
  const legacy = { shop: SHOP, event: 'order.status', receivedAt: NOW.toISOString(), payload: { status_id: '3' } };
  const bad = await planLegacyEvent(t.deps, legacy);
  expect(bad.ignored).toBe('PAYLOAD_INVALID:order_id');
  await t.deps.store.updateShop(SHOP, { status: 'uninstalling' });
  expect((await planEvent(t.deps, statusEvent('3', '2026-03-03 10:59:00'))).ignored).toBe('SHOP_NOT_INSTALLED');
  expect(await t.deps.store.listJobs(SHOP)).toEqual([]);
  expect(t.sends).toEqual([]);
  expect(t.schedules.size).toBe(0);
});
