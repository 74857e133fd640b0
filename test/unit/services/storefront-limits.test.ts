// The storefront's limits against the in-memory counters (no Java): fixed-window rate limits per shop and across
// shops (429 with Retry-After), and the daily cap of storefront SMS that moves a job to the next day with room, tells
// the merchant once, and drops a message only when a week has no room.
import { withDefaults } from '#domain/settings';
import { enforceLimit, RateLimited, STOREFRONT_LIMITS } from '#services/rate-limit';
import { DAILY_CAP_CODE, MAX_WAIT_DAYS, placeUnderDailyCap, releaseCapPlace } from '#services/storefront-cap';
import { createStorefrontDeps } from '../../support/fake-storefront';

const NOW = new Date('2026-03-03T10:20:00Z'); // 11:20 in Warsaw

describe('rate limits', () => {
  test("a window takes up to its limit; the next request gets 429 with the seconds left in the window, in the caller's language", async () => {
    const t = createStorefrontDeps({ now: NOW });
    const rule = STOREFRONT_LIMITS.withdrawPerIpHour; // 20 an hour
    for (let i = 0; i < rule.limit; i++) await enforceLimit(t.deps, 'shop-a', rule, 'ip-1');
    const refused = await enforceLimit(t.deps, 'shop-a', rule, 'ip-1', 'en').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimited);
    expect(refused).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      retryAfterSeconds: 40 * 60,
      message: 'Too many attempts. Try again in 40 min.',
    });
    // Another address, another shop, and the next window are counted apart.
    await enforceLimit(t.deps, 'shop-a', rule, 'ip-2');
    await enforceLimit(t.deps, 'shop-b', rule, 'ip-1');
    t.clock.at = new Date('2026-03-03T11:00:00Z');
    await enforceLimit(t.deps, 'shop-a', rule, 'ip-1');
    expect(t.logs.filter((l) => l.message === 'storefront rate limit hit')).toHaveLength(1);
  });

  test('a limit across shops counts one address in every shop together', async () => {
    const t = createStorefrontDeps({ now: NOW });
    const rule = STOREFRONT_LIMITS.withdrawPerIpHourAllShops; // 40 an hour over all shops
    for (let i = 0; i < rule.limit; i++) await enforceLimit(t.deps, `shop-${i % 4}`, rule, 'ip-1');
    await expect(enforceLimit(t.deps, 'shop-new', rule, 'ip-1')).rejects.toMatchObject({
      status: 429,
      message: 'Zbyt wiele prób. Spróbuj ponownie za 40 min.',
    });
    await enforceLimit(t.deps, 'shop-new', rule, 'ip-2');
  });
});

describe('the daily cap of storefront SMS', () => {
  // Sending hours 08:00–20:00 in Warsaw (the default) apply to storefront messages.
  const settings = (cap: number) => withDefaults({ storefrontDailyCap: cap });

  test('a full day moves the job to the next day with room (at the opening of sending hours), and the merchant is told once', async () => {
    const t = createStorefrontDeps({ now: NOW });
    const s = settings(2);
    const due = new Date('2026-03-03T12:00:00Z');
    expect(await placeUnderDailyCap(t.deps, 'shop-a', s, 'back-in-stock', due)).toEqual({ dueAt: due, capDate: '2026-03-03' });
    expect(await placeUnderDailyCap(t.deps, 'shop-a', s, 'back-in-stock', due)).toEqual({ dueAt: due, capDate: '2026-03-03' });
    const third = await placeUnderDailyCap(t.deps, 'shop-a', s, 'back-in-stock', due);
    expect(third).toMatchObject({ dueAt: new Date('2026-03-04T07:00:00Z'), capDate: '2026-03-04', waitReason: { code: DAILY_CAP_CODE } });
    expect(third.dropped ? '' : third.waitReason?.message).toBe(
      'Dzienny limit SMS z witryny sklepu (2) na 2026-03-03 został wyczerpany — wysyłka przesunięta na 2026-03-04. Limit zmienisz w ustawieniach.',
    );
    await placeUnderDailyCap(t.deps, 'shop-a', s, 'abandoned-cart', due);
    expect(t.store.errors.map((e) => [e.code, e.message])).toEqual([
      [
        DAILY_CAP_CODE,
        'Osiągnięto dzienny limit 2 SMS z witryny sklepu na 2026-03-03. Kolejne wiadomości czekają na następny dzień; limit zmienisz w ustawieniach.',
      ],
    ]);

    // A job that will not go gives its place back: the day has room again.
    await releaseCapPlace(t.deps, 'shop-a', '2026-03-03');
    expect(await placeUnderDailyCap(t.deps, 'shop-a', s, 'back-in-stock', due)).toEqual({ dueAt: due, capDate: '2026-03-03' });
  });

  test('with no room for a week, or a cap of 0, the message is dropped and the error log says so once a day', async () => {
    const t = createStorefrontDeps({ now: NOW });
    const due = new Date('2026-03-03T12:00:00Z');
    expect(await placeUnderDailyCap(t.deps, 'shop-a', settings(0), 'back-in-stock', due)).toEqual({ dropped: true });
    expect(await placeUnderDailyCap(t.deps, 'shop-a', settings(0), 'abandoned-cart', due)).toEqual({ dropped: true });
    expect(t.store.errors.map((e) => e.message)).toEqual([
      'Dzienny limit SMS z witryny sklepu wynosi 0: wiadomości z witryny (powiadomienia o dostępności, porzucone koszyki) nie są wysyłane. Limit zmienisz w ustawieniach.',
    ]);

    const w = createStorefrontDeps({ now: NOW });
    const placed = [];
    for (let i = 0; i <= MAX_WAIT_DAYS + 1; i++) placed.push(await placeUnderDailyCap(w.deps, 'shop-a', settings(1), 'back-in-stock', due));
    expect(placed.slice(0, MAX_WAIT_DAYS + 1).map((p) => (p.dropped ? 'dropped' : p.capDate))).toEqual([
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
    expect(placed[MAX_WAIT_DAYS + 1]).toEqual({ dropped: true });
    expect(w.store.errors.map((e) => e.message).filter((m) => m.includes('na 7 kolejnych dni'))).toHaveLength(1);
  });
});
