// One contract, two implementations: the same tests run against the in-memory storefront repositories the unit tests
// use (test/support/fake-storefront.ts) and the DynamoDB adapters on DynamoDB Local, so the fakes cannot drift from
// the real ones: short links (clicks, opt-outs, attribution, per-kind counters), sign-ups, baskets and counters.
import { randomUUID } from 'node:crypto';
import type { BasketActivity } from '#domain/baskets';
import { kindCounter } from '#domain/link-results';
import { createShortLinkRepository } from '#adapters/dynamodb/short-links';
import type { ShortLink } from '#domain/short-links';
import { signUpId, type SignUp } from '#domain/sign-ups';
import type { Deps } from '#services/deps';
import type { LocalRuntime } from '../../local/runtime';
import { createFakeBaskets, createFakeCounters, createFakeShortLinks, createFakeSignUps } from '../support/fake-storefront';
import { startTestRuntime } from '../support/runtime';

const T0 = '2026-03-03T10:00:00.000Z';
const T1 = '2026-03-03T10:01:00.000Z';
const T2 = '2026-03-03T10:02:00.000Z';
const VALID_UNTIL = '2026-06-01T00:00:00.000Z';

type Subject = Pick<Deps, 'shortLinks' | 'signUps' | 'baskets' | 'counters'>;

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
}, 60_000);
afterAll(() => rt?.stop());

const subjects: [string, () => Subject][] = [
  [
    'in-memory fake',
    () => ({
      shortLinks: createFakeShortLinks(),
      signUps: createFakeSignUps(),
      baskets: createFakeBaskets(),
      counters: createFakeCounters(),
    }),
  ],
  [
    'DynamoDB Local',
    () => ({ shortLinks: rt.deps.shortLinks, signUps: rt.deps.signUps, baskets: rt.deps.baskets, counters: rt.deps.counters }),
  ],
  [
    // The storefront function's (no bulk rights): one PutItem per item, one GetItem per number.
    'DynamoDB Local, item by item',
    () => ({
      shortLinks: createShortLinkRepository(rt.deps.store.doc, rt.deps.config.TABLE_NAME, { bulk: false }),
      signUps: rt.deps.signUps,
      baskets: rt.deps.baskets,
      counters: rt.deps.counters,
    }),
  ],
];

describe.each(subjects)('storefront repositories: %s', (_name, make) => {
  let s: Subject;
  let shop: string;
  beforeEach(() => {
    s = make();
    // Every test its own shop and codes: the DynamoDB table is shared by the whole file.
    shop = `shop-${randomUUID().slice(0, 8)}`;
  });
  const code = () => randomUUID().replace(/-/g, '').slice(0, 10);
  const link = (over: Partial<ShortLink> = {}): ShortLink => ({
    code: code(),
    shop,
    jobId: 'job1',
    kind: 'celebration',
    placeholder: 'shop_link',
    purpose: 'redirect',
    target: 'https://shop.example/promo',
    shopUrl: 'https://shop.example',
    phone: '+48500100200',
    timeZone: 'Europe/Warsaw',
    createdAt: T0,
    validUntil: VALID_UNTIL,
    ...over,
  });

  describe('short links', () => {
    test('a click on a live redirect link is recorded on it: count, first and last time', async () => {
      const l = link();
      await s.shortLinks.save([l]);
      expect(await s.shortLinks.get(l.code)).toEqual(l);
      expect(await s.shortLinks.recordClick(l.code, T1)).toMatchObject({ code: l.code, clicks: 1, firstClickAt: T1, lastClickAt: T1 });
      expect(await s.shortLinks.recordClick(l.code, T2)).toMatchObject({ clicks: 2, firstClickAt: T1, lastClickAt: T2 });
      expect(await s.shortLinks.get(l.code)).toMatchObject({ clicks: 2 });
    });

    test('an unknown code, an expired link or an opt-out link records no click', async () => {
      const expired = link({ validUntil: T1 });
      const stop = link({ purpose: 'stop', placeholder: 'stop_link' });
      await s.shortLinks.save([expired, stop]);
      expect(await s.shortLinks.recordClick(code(), T0)).toBeUndefined();
      expect(await s.shortLinks.recordClick(expired.code, T2)).toBeUndefined();
      expect(await s.shortLinks.recordClick(stop.code, T0)).toBeUndefined();
      expect((await s.shortLinks.get(expired.code))?.clicks).toBeUndefined();
      expect((await s.shortLinks.get(stop.code))?.clicks).toBeUndefined();
    });

    test("a client's links are found by phone and by account, and never another shop's", async () => {
      const byPhone = link();
      const byAccount = link({ phone: '+48500100299', userId: '77' });
      const otherClient = link({ phone: '+48500100288' });
      const otherShop = link({ shop: `${shop}-other` });
      await s.shortLinks.save([byPhone, byAccount, otherClient, otherShop]);
      const found = await s.shortLinks.listClientLinks(shop, { phone: '+48500100200', userId: '77' });
      expect(found.map((l) => l.code).sort()).toEqual([byPhone.code, byAccount.code].sort());
      expect(await s.shortLinks.listClientLinks(shop, { userId: '78' })).toEqual([]);
    });

    test('an opt-out is recorded once (the first stays the proof) and found by number', async () => {
      const optOut = { phone: '+48500100200', at: T0, how: 'stop-link' as const, kind: 'celebration' as const, jobId: 'job1', code: 'abc' };
      expect(await s.shortLinks.recordOptOut(shop, optOut)).toBe(true);
      expect(await s.shortLinks.recordOptOut(shop, { ...optOut, at: T2, code: 'def' })).toBe(false);
      expect(await s.shortLinks.recordOptOut(shop, { ...optOut, phone: '+48500100201', at: T1 })).toBe(true);
      const found = await s.shortLinks.optOutsOf(shop, ['+48500100200', '+48500100299', '+48500100200']);
      expect([...found.keys()]).toEqual(['+48500100200']);
      expect(found.get('+48500100200')).toEqual(optOut);
      expect((await s.shortLinks.listOptOuts(shop)).map((o) => [o.phone, o.at])).toEqual([
        ['+48500100201', T1],
        ['+48500100200', T0],
      ]);
      expect(await s.shortLinks.optOutsOf(`${shop}-other`, ['+48500100200'])).toEqual(new Map());
    });

    test('an order is attributed once: the day counts one order and its revenue, however often it is reported', async () => {
      const attribution = {
        ...{ orderId: '501', at: T1, kind: 'celebration' as const, jobId: 'job1', code: 'abc', clickedAt: T0 },
        ...{ revenue: 12_345, currency: 'PLN' },
      };
      expect(await s.shortLinks.attribute(shop, '2026-03-03', attribution)).toBe(true);
      expect(await s.shortLinks.attribute(shop, '2026-03-03', attribution)).toBe(false);
      await s.shortLinks.addKindCounters(shop, '2026-03-03', { [kindCounter('clicked', 'celebration')]: 1 });
      const optOutsAndNothingSent = { [kindCounter('optOuts', 'back-in-stock')]: 1, [kindCounter('sent', 'back-in-stock')]: 0 };
      await s.shortLinks.addKindCounters(shop, '2026-03-04', optOutsAndNothingSent);
      await s.shortLinks.addKindCounters(shop, '2026-03-09', { [kindCounter('clicked', 'celebration')]: 1 });
      expect(await s.shortLinks.listKindCounters(shop, '2026-03-01', '2026-03-05')).toEqual([
        { date: '2026-03-03', counters: { k_orders_celebration: 1, k_revenue_celebration: 12_345, k_clicked_celebration: 1 } },
        { date: '2026-03-04', counters: { k_optOuts_back_in_stock: 1 } },
      ]);
    });
  });

  describe('sign-ups', () => {
    const signUp = (over: Partial<SignUp> = {}): SignUp => ({
      id: signUpId(over.productId ?? '1', over.phone ?? '+48500100200'),
      shop,
      productId: '1',
      phone: '+48500100200',
      status: 'waiting',
      createdAt: T0,
      updatedAt: T0,
      consent: { at: T0, textVersion: 'v1', ipHash: 'hash', locale: 'pl' },
      ...over,
    });
    const waiting = async (productId: string) => {
      const out: SignUp[] = [];
      for await (const x of s.signUps.waiting(shop, productId)) out.push(x);
      return out;
    };

    test('one sign-up per phone and product while it waits; once sent, the client may sign up again', async () => {
      const first = signUp();
      expect(await s.signUps.signUp(first)).toBe('created');
      expect(await s.signUps.signUp({ ...first, createdAt: T1 })).toBe('duplicate');
      expect(await s.signUps.get(shop, '1', '+48500100200')).toEqual(first);
      expect(await s.signUps.markSent({ ...first, productName: 'Kubek' }, 'job9', T1)).toBe(true);
      expect(await s.signUps.get(shop, '1', '+48500100200')).toMatchObject({
        status: 'sent',
        sentAt: T1,
        jobId: 'job9',
        productName: 'Kubek',
      });
      expect(await s.signUps.signUp({ ...first, createdAt: T2, updatedAt: T2 })).toBe('created');
      expect(await s.signUps.get(shop, '1', '+48500100200')).toMatchObject({ status: 'waiting', createdAt: T2 });
    });

    test("a product's waiting list holds only that product's waiting sign-ups", async () => {
      await s.signUps.signUp(signUp({ phone: '+48500100201' }));
      await s.signUps.signUp(signUp({ phone: '+48500100202' }));
      await s.signUps.signUp(signUp({ phone: '+48500100203' }));
      await s.signUps.signUp(signUp({ productId: '12', phone: '+48500100201' }));
      await s.signUps.withdraw(shop, '1', '+48500100203', T1);
      expect((await waiting('1')).map((x) => x.phone)).toEqual(['+48500100201', '+48500100202']);
      expect((await waiting('12')).map((x) => x.phone)).toEqual(['+48500100201']);
      expect(await waiting('2')).toEqual([]);
      expect((await s.signUps.listAll(shop)).map((x) => `${x.productId}:${x.phone}:${x.status}`)).toEqual([
        '1:+48500100201:waiting',
        '1:+48500100202:waiting',
        '1:+48500100203:withdrawn',
        '12:+48500100201:waiting',
      ]);
    });

    test('only the very sign-up that was planned turns sent: a newer one keeps waiting', async () => {
      const old = signUp();
      await s.signUps.signUp(old);
      await s.signUps.withdraw(shop, '1', old.phone, T1);
      const fresh = signUp({ createdAt: T2, updatedAt: T2 });
      await s.signUps.signUp(fresh);
      expect(await s.signUps.markSent(old, 'job1', T2)).toBe(false);
      expect(await s.signUps.get(shop, '1', old.phone)).toMatchObject({ status: 'waiting', createdAt: T2 });
      expect(await s.signUps.markSent(fresh, 'job2', T2)).toBe(true);
      expect(await s.signUps.markSent(fresh, 'job2', T2)).toBe(false);
    });

    test('withdrawing keeps the sign-up as proof; removing deletes it; neither finds one that never existed', async () => {
      await s.signUps.signUp(signUp());
      expect(await s.signUps.withdraw(shop, '1', '+48500100299', T1)).toBe(false);
      expect(await s.signUps.withdraw(shop, '1', '+48500100200', T1)).toBe(true);
      expect(await s.signUps.get(shop, '1', '+48500100200')).toMatchObject({ status: 'withdrawn', withdrawnAt: T1, updatedAt: T1 });
      expect(await waiting('1')).toEqual([]);
      expect(await s.signUps.remove(shop, '1', '+48500100200')).toBe(true);
      expect(await s.signUps.remove(shop, '1', '+48500100200')).toBe(false);
      expect(await s.signUps.get(shop, '1', '+48500100200')).toBeUndefined();
    });
  });

  describe('baskets', () => {
    test('a basket record is written only over the version it was read at', async () => {
      const activity: BasketActivity = { shop, clientId: '7', itemsCount: 2, lastActivityAt: T0, version: 1 };
      expect(await s.baskets.save(activity, undefined)).toBe(true);
      expect(await s.baskets.save({ ...activity, itemsCount: 9 }, undefined)).toBe(false);
      expect(await s.baskets.save({ ...activity, itemsCount: 3, version: 2, jobId: 'j1' }, 1)).toBe(true);
      expect(await s.baskets.save({ ...activity, itemsCount: 4, version: 2 }, 1)).toBe(false);
      expect(await s.baskets.get(shop, '7')).toEqual({ ...activity, itemsCount: 3, version: 2, jobId: 'j1' });
      expect(await s.baskets.save({ ...activity, version: 3, jobId: undefined }, 2)).toBe(true);
      expect(await s.baskets.get(shop, '7')).toEqual({ ...activity, version: 3 });
      expect(await s.baskets.get(`${shop}-other`, '7')).toBeUndefined();
    });
  });

  describe('counters', () => {
    test('a counter stops at its limit, gives places back but never below zero, and a shared one spans shops', async () => {
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await s.counters.consume(shop, 'cap#2026-03-03', 3, 2_000_000_000));
      expect(results).toEqual([{ ok: true, count: 1 }, { ok: true, count: 2 }, { ok: true, count: 3 }, { ok: false }]);
      expect(await s.counters.consume(shop, 'big', 3, 2_000_000_000, 4)).toEqual({ ok: false });
      await s.counters.release(shop, 'cap#2026-03-03');
      expect(await s.counters.consume(shop, 'cap#2026-03-03', 3, 2_000_000_000)).toEqual({ ok: true, count: 3 });
      await s.counters.release(shop, 'never-used', 1);
      expect(await s.counters.consume(shop, 'never-used', 1, 2_000_000_000)).toEqual({ ok: true, count: 1 });
      const subject = `ip-${shop}`;
      expect(await s.counters.consumeShared(subject, 'all-signup', 2, 2_000_000_000)).toEqual({ ok: true, count: 1 });
      expect(await s.counters.consumeShared(subject, 'all-signup', 2, 2_000_000_000)).toEqual({ ok: true, count: 2 });
      expect(await s.counters.consumeShared(subject, 'all-signup', 2, 2_000_000_000)).toEqual({ ok: false });
      // The shop's own counter of that name is another counter.
      expect(await s.counters.consume(shop, 'all-signup', 2, 2_000_000_000)).toEqual({ ok: true, count: 1 });
    });
  });
});
