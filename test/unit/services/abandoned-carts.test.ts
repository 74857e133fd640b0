// Abandoned baskets against the in-memory repositories (no Java): the widget's basket pings plan one reminder N days
// after the last activity, for a client the shop recorded as consenting; newer activity replans it, an emptied basket
// or an order cancels it (and frees its place under the daily cap); without consent, or for a number that opted out,
// nothing is planned.
import type { MessageTemplate } from '#domain/model';
import { withDefaults } from '#domain/settings';
import { cancelBasketReminderForOrder, recordBasketActivity } from '#services/abandoned-carts';
import { createStorefrontDeps, TEST_SHOP, type ShoperRoute } from '../../support/fake-storefront';

const NOW = new Date('2026-03-03T10:00:00Z'); // a Tuesday, 11:00 in Warsaw
const TZ = 'Europe/Warsaw';
const TEMPLATES: Record<string, MessageTemplate> = {
  'abandoned-cart': { enabled: true, delayDays: 1, text: 'Cześć {name}, koszyk w {shop_name} czeka.' },
};
const SETTINGS = { quietHours: { ...withDefaults(undefined).quietHours, enabled: false } };

/** Client 42 consents (newsletter), 43 does not, 45 has no mobile number; any other client is unknown to the shop. */
const shoper: ShoperRoute = (path, url) => {
  const user = /^users\/(\d+)$/.exec(path)?.[1];
  const people: Record<string, object> = {
    '42': { firstname: 'Anna', lastname: 'Nowak', email: 'anna@example.com', newsletter: 1 },
    '43': { firstname: 'Jan', newsletter: 0 },
    '45': { firstname: 'Ola', newsletter: '1' },
  };
  if (user) return people[user] ? { status: 200, body: people[user] } : undefined;
  if (path === 'user-addresses') {
    const id = String((JSON.parse(url.searchParams.get('filters') ?? '{}') as { user_id?: number }).user_id);
    const phone = id === '45' ? '22 123 45 67' : id === '43' ? '605100243' : '605100242';
    return { status: 200, body: { count: 1, pages: 1, page: 1, list: [{ phone, country_code: 'PL', default: 1 }] } };
  }
  return undefined;
};

const ping = (clientId: string, itemsCount: number, over: Record<string, unknown> = {}) => ({
  ...{ clientId, itemsCount, locale: 'pl' as const },
  ...over,
});
const caller = { ipHash: 'ip', locale: 'pl' as const };

function setup(templates = TEMPLATES) {
  const t = createStorefrontDeps({ now: NOW, settings: SETTINGS, templates, shoper });
  const jobs = () => [...t.store.jobs.values()].map((j) => [j.state, j.cancelReason, j.dueAt]);
  const capPlaces = () =>
    Object.fromEntries(
      [...t.counters.counts.entries()].filter(([key]) => key.includes('cap#')).map(([key, n]) => [key.split('cap#')[1], n]),
    );
  return { ...t, jobs, capPlaces };
}

test('a basket left by a consenting client gets one reminder a day later; pings within the hour only refresh it', async () => {
  const t = setup();
  expect(await recordBasketActivity(t.deps, TEST_SHOP, ping('42', 2), caller)).toEqual({
    status: 'planned',
    dueAt: '2026-03-04T10:00:00.000Z',
  });
  const [job] = [...t.store.jobs.values()];
  expect(job).toMatchObject({ kind: 'abandoned-cart', phone: '+48605100242', state: 'SCHEDULED' });
  // A marketing SMS carries the opt-out link (autoStopLink), stored before the job so it answers at once.
  const stop = /^Cześć Anna, koszyk w Sklep Testowy czeka\.\nRezygnacja: https:\/\/sms\.example\/l\/(\w{10})$/.exec(job!.text)?.[1];
  expect(await t.shortLinks.get(stop ?? '')).toMatchObject({ purpose: 'stop', jobId: job!.jobId, phone: '+48605100242' });
  expect(t.scheduled.map((s) => [s.ref.jobId, s.at.toISOString()])).toEqual([[job!.jobId, '2026-03-04T10:00:00.000Z']]);
  expect(t.capPlaces()).toEqual({ '2026-03-04': 1 });
  expect(await t.baskets.get(TEST_SHOP.shop, '42')).toMatchObject({
    itemsCount: 2,
    jobId: job!.jobId,
    plannedFrom: NOW.toISOString(),
    client: { phone: '+48605100242', newsletter: true },
    version: 1,
  });

  // Ten minutes later: the record is refreshed, the reminder stays, and Shoper is not asked again.
  t.clock.at = new Date('2026-03-03T10:10:00Z');
  const calls = t.shoperCalls.length;
  expect(await recordBasketActivity(t.deps, TEST_SHOP, ping('42', 3), caller)).toEqual({ status: 'updated' });
  expect(t.shoperCalls).toHaveLength(calls);
  expect(t.store.jobs.size).toBe(1);
  expect(await t.baskets.get(TEST_SHOP.shop, '42')).toMatchObject({
    itemsCount: 3,
    lastActivityAt: '2026-03-03T10:10:00.000Z',
    version: 2,
  });
});

test('later activity replans the reminder and cancels the old one; an emptied basket cancels it and frees its place', async () => {
  const t = setup();
  await recordBasketActivity(t.deps, TEST_SHOP, ping('42', 2), caller);
  const first = [...t.store.jobs.values()][0]!;

  t.clock.at = new Date('2026-03-03T13:00:00Z');
  expect(await recordBasketActivity(t.deps, TEST_SHOP, ping('42', 4), caller)).toEqual({
    status: 'planned',
    dueAt: '2026-03-04T13:00:00.000Z',
  });
  expect(t.jobs()).toEqual([
    ['CANCELLED', 'BASKET_ACTIVITY', '2026-03-04T10:00:00.000Z'],
    ['SCHEDULED', undefined, '2026-03-04T13:00:00.000Z'],
  ]);
  expect(t.cancelled).toEqual([{ shop: TEST_SHOP.shop, jobId: first.jobId }]);
  expect(t.capPlaces()).toEqual({ '2026-03-04': 1 });

  t.clock.at = new Date('2026-03-03T14:00:00Z');
  expect(await recordBasketActivity(t.deps, TEST_SHOP, ping('42', 0), caller)).toEqual({ status: 'cleared' });
  expect(t.jobs()[1]).toEqual(['CANCELLED', 'BASKET_EMPTIED', '2026-03-04T13:00:00.000Z']);
  expect(t.capPlaces()).toEqual({ '2026-03-04': 0 });
  expect(await t.baskets.get(TEST_SHOP.shop, '42')).toMatchObject({ itemsCount: 0, version: 3 });
  expect((await t.baskets.get(TEST_SHOP.shop, '42'))?.jobId).toBeUndefined();
});

test("the client's order cancels the pending reminder once", async () => {
  const t = setup();
  await recordBasketActivity(t.deps, TEST_SHOP, ping('42', 2), caller);
  t.clock.at = new Date('2026-03-03T11:00:00Z');
  expect(await cancelBasketReminderForOrder(t.deps, TEST_SHOP.shop, '42', TZ)).toBe(true);
  expect(t.jobs()).toEqual([['CANCELLED', 'ORDER_PLACED', '2026-03-04T10:00:00.000Z']]);
  expect(await t.baskets.get(TEST_SHOP.shop, '42')).toMatchObject({ orderedAt: '2026-03-03T11:00:00.000Z' });
  expect(await cancelBasketReminderForOrder(t.deps, TEST_SHOP.shop, '42', TZ)).toBe(false);
  expect(await cancelBasketReminderForOrder(t.deps, TEST_SHOP.shop, undefined, TZ)).toBe(false);
});

test('no reminder without recorded consent, for an unknown client or a landline, after an opt-out, for a bot or with the template off', async () => {
  const t = setup();
  expect(await recordBasketActivity(t.deps, TEST_SHOP, ping('43', 1), caller)).toEqual({ status: 'ignored', reason: 'NO_CONSENT' });
  expect(await recordBasketActivity(t.deps, TEST_SHOP, ping('44', 1), caller)).toEqual({ status: 'ignored', reason: 'CLIENT_UNKNOWN' });
  expect(await recordBasketActivity(t.deps, TEST_SHOP, ping('45', 1), caller)).toEqual({ status: 'ignored', reason: 'NO_PHONE' });
  expect(await recordBasketActivity(t.deps, TEST_SHOP, ping('42', 1, { website: 'http://spam.example' }), caller)).toEqual({
    status: 'ignored',
    reason: 'BOT',
  });
  const optOut = {
    phone: '+48605100242',
    at: NOW.toISOString(),
    how: 'stop-link' as const,
    kind: 'celebration' as const,
    jobId: 'j',
    code: 'c',
  };
  await t.shortLinks.recordOptOut(TEST_SHOP.shop, optOut);
  expect(await recordBasketActivity(t.deps, TEST_SHOP, ping('42', 1), caller)).toEqual({ status: 'ignored', reason: 'OPTED_OUT' });
  expect(t.store.jobs.size).toBe(0);
  expect(t.scheduled).toEqual([]);

  const off = setup({ 'abandoned-cart': { ...TEMPLATES['abandoned-cart']!, enabled: false } });
  expect(await recordBasketActivity(off.deps, TEST_SHOP, ping('42', 1), caller)).toEqual({ status: 'ignored', reason: 'DISABLED' });
  expect(off.shoperCalls).toEqual([]);
});

test('a client pinging more than 12 times an hour is refused with 429', async () => {
  const t = setup();
  for (let i = 0; i < 12; i++) await recordBasketActivity(t.deps, TEST_SHOP, ping('43', i + 1), caller);
  await expect(recordBasketActivity(t.deps, TEST_SHOP, ping('43', 20), caller)).rejects.toMatchObject({
    status: 429,
    code: 'RATE_LIMITED',
  });
});
