// Following a short link and opting out through one, against the in-memory repositories (no Java): a person's
// click is counted once per request and the kind's "clicked" only on the first; previews and HEAD are not counted;
// an opt-out is recorded once, cancels the number's waiting marketing SMS and withdraws its sign-ups.
import type { Job } from '#domain/model';
import type { ShortLink } from '#domain/short-links';
import { signUpId } from '#domain/sign-ups';
import { followLink, isPreviewFetcher } from '#services/follow-link';
import { dropOptedOut, optOutByCode } from '#services/opt-out';
import { createStorefrontDeps, TEST_SHOP } from '../../support/fake-storefront';

const NOW = new Date('2026-03-03T10:00:00Z'); // 11:00 in Warsaw
const PHONE = '+48500100200';

const link = (code: string, over: Partial<ShortLink> = {}): ShortLink => ({
  code,
  shop: TEST_SHOP.shop,
  jobId: 'job-1',
  kind: 'celebration',
  placeholder: 'shop_link',
  purpose: 'redirect',
  target: 'https://unit-shop.example/promo?x=1',
  shopUrl: TEST_SHOP.shopUrl,
  shopName: TEST_SHOP.shopName,
  phone: PHONE,
  timeZone: 'Europe/Warsaw',
  createdAt: '2026-03-01T10:00:00.000Z',
  validUntil: '2026-05-30T10:00:00.000Z',
  ...over,
});

const job = (jobId: string, over: Partial<Job>): Job => ({
  shop: TEST_SHOP.shop,
  jobId,
  kind: 'celebration',
  phone: PHONE,
  text: 'Promocja',
  dueAt: '2026-03-04T08:00:00.000Z',
  state: 'SCHEDULED',
  attempts: 0,
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  source: { event: 'celebration' },
  ...over,
});

describe('following a short link', () => {
  test("a person's click redirects to the shop and is recorded; only the link's first click adds to the day's clicked", async () => {
    const t = createStorefrontDeps({ now: NOW });
    await t.shortLinks.save([link('aaaaaaaaaa')]);
    expect(await followLink(t.deps, 'aaaaaaaaaa', true)).toMatchObject({
      status: 'redirect',
      location: 'https://unit-shop.example/promo?x=1',
    });
    t.clock.at = new Date('2026-03-03T23:30:00Z'); // already 4 March in Warsaw
    await followLink(t.deps, 'aaaaaaaaaa', true);
    expect(await t.shortLinks.get('aaaaaaaaaa')).toMatchObject({
      clicks: 2,
      firstClickAt: NOW.toISOString(),
      lastClickAt: '2026-03-03T23:30:00.000Z',
    });
    expect(await t.shortLinks.listKindCounters(TEST_SHOP.shop, '2026-03-01', '2026-03-31')).toEqual([
      { date: '2026-03-03', counters: { k_clicked_celebration: 1 } },
    ]);
  });

  test('a preview fetcher or HEAD gets the same redirect but nothing is counted', async () => {
    const t = createStorefrontDeps({ now: NOW });
    await t.shortLinks.save([link('bbbbbbbbbb')]);
    expect(isPreviewFetcher('facebookexternalhit/1.1')).toBe(true);
    expect(isPreviewFetcher(undefined)).toBe(true);
    expect(isPreviewFetcher('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148')).toBe(false);
    expect(await followLink(t.deps, 'bbbbbbbbbb', false)).toMatchObject({
      status: 'redirect',
      location: 'https://unit-shop.example/promo?x=1',
    });
    expect((await t.shortLinks.get('bbbbbbbbbb'))?.clicks).toBeUndefined();
    expect(await t.shortLinks.listKindCounters(TEST_SHOP.shop, '2026-03-01', '2026-03-31')).toEqual([]);
  });

  test('an unknown or expired code, an opt-out link and a target off the shop are answered without a redirect', async () => {
    const t = createStorefrontDeps({ now: NOW });
    await t.shortLinks.save([
      link('cccccccccc', { validUntil: '2026-03-02T00:00:00.000Z' }),
      link('dddddddddd', { purpose: 'stop', placeholder: 'stop_link' }),
      link('eeeeeeeeee', { target: 'https://evil.example/' }),
    ]);
    expect(await followLink(t.deps, 'zzzzzzzzzz', true)).toEqual({ status: 'unknown' });
    expect(await followLink(t.deps, 'cccccccccc', true)).toEqual({
      status: 'expired',
      shopUrl: 'https://unit-shop.example/',
      shopName: TEST_SHOP.shopName,
    });
    expect(await followLink(t.deps, 'dddddddddd', true)).toMatchObject({ status: 'stop' });
    expect(await followLink(t.deps, 'eeeeeeeeee', true)).toMatchObject({ status: 'expired', shopUrl: 'https://unit-shop.example/' });
    expect(t.logs.some((l) => l.level === 'warn' && l.message.includes('outside the shop'))).toBe(true);
    expect((await t.shortLinks.get('dddddddddd'))?.clicks).toBeUndefined();
  });
});

describe('opting out through a {stop_link}', () => {
  test("the first confirmation records the opt-out, counts it, cancels the number's waiting marketing SMS and withdraws its sign-ups", async () => {
    const t = createStorefrontDeps({ now: NOW });
    await t.shortLinks.save([link('ssssssssss', { purpose: 'stop', placeholder: 'stop_link', kind: 'back-in-stock' })]);
    await t.store.createJob(job('marketing', { kind: 'celebration' }));
    await t.store.createJob(job('order', { kind: 'order-status', state: 'QUEUED' }));
    await t.store.createJob(job('other-number', { phone: '+48500100299' }));
    await t.store.createJob(job('sent-already', { state: 'SENT' }));
    const consent = { at: NOW.toISOString(), textVersion: 'v1', ipHash: 'h', locale: 'pl' as const };
    const base = { shop: TEST_SHOP.shop, status: 'waiting' as const, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), consent };
    await t.signUps.signUp({ ...base, id: signUpId('5', PHONE), productId: '5', phone: PHONE });
    await t.signUps.signUp({ ...base, id: signUpId('5', '+48500100299'), productId: '5', phone: '+48500100299' });

    const outcome = await optOutByCode(t.deps, 'ssssssssss');
    expect(outcome).toMatchObject({ done: true, link: { code: 'ssssssssss' } });
    expect(await t.shortLinks.listOptOuts(TEST_SHOP.shop)).toEqual([
      { phone: PHONE, at: NOW.toISOString(), how: 'stop-link', kind: 'back-in-stock', jobId: 'job-1', code: 'ssssssssss' },
    ]);
    const states = Object.fromEntries([...t.store.jobs.values()].map((j) => [j.jobId, [j.state, j.cancelReason]]));
    expect(states).toEqual({
      marketing: ['CANCELLED', 'OPTED_OUT'],
      order: ['QUEUED', undefined],
      'other-number': ['SCHEDULED', undefined],
      'sent-already': ['SENT', undefined],
    });
    expect((await t.signUps.listAll(TEST_SHOP.shop)).map((s) => [s.phone, s.status])).toEqual([
      [PHONE, 'withdrawn'],
      ['+48500100299', 'waiting'],
    ]);

    // A second confirmation (the page reloaded) changes nothing and is not counted again.
    t.clock.at = new Date('2026-03-03T12:00:00Z');
    expect(await optOutByCode(t.deps, 'ssssssssss')).toMatchObject({ done: true });
    expect((await t.shortLinks.listOptOuts(TEST_SHOP.shop))[0]?.at).toBe(NOW.toISOString());
    expect(await t.shortLinks.listKindCounters(TEST_SHOP.shop, '2026-03-03', '2026-03-03')).toEqual([
      { date: '2026-03-03', counters: { k_optOuts_back_in_stock: 1 } },
    ]);
  });

  test('a redirect link, an expired opt-out link or an unknown code records nothing', async () => {
    const t = createStorefrontDeps({ now: NOW });
    await t.shortLinks.save([link('rrrrrrrrrr'), link('xxxxxxxxxx', { purpose: 'stop', validUntil: '2026-03-01T00:00:00.000Z' })]);
    expect(await optOutByCode(t.deps, 'rrrrrrrrrr')).toMatchObject({ done: false, link: { code: 'rrrrrrrrrr' } });
    expect(await optOutByCode(t.deps, 'xxxxxxxxxx')).toMatchObject({ done: false });
    expect(await optOutByCode(t.deps, 'nnnnnnnnnn')).toEqual({ done: false, link: undefined });
    expect(await t.shortLinks.listOptOuts(TEST_SHOP.shop)).toEqual([]);
  });

  test("a plan's marketing SMS to a number that opted out become skips; order messages still go", async () => {
    const t = createStorefrontDeps({ now: NOW });
    const optOut = { phone: PHONE, at: NOW.toISOString(), how: 'stop-link' as const, kind: 'celebration' as const, jobId: 'j', code: 'c' };
    await t.shortLinks.recordOptOut(TEST_SHOP.shop, optOut);
    const planned = (kind: Job['kind'], phone: string) => ({
      ...{ key: `${kind}:${phone}`, kind, phone },
      ...{ text: 'T', dueAt: NOW, source: { event: 'x' } },
    });
    const plan = await dropOptedOut(t.deps, TEST_SHOP.shop, {
      jobs: [planned('celebration', PHONE), planned('order-status', PHONE), planned('celebration', '+48500100299')],
      skipped: [],
    });
    expect(plan.jobs.map((j) => `${j.kind}:${j.phone}`)).toEqual(['order-status:+48500100200', 'celebration:+48500100299']);
    expect(plan.skipped).toMatchObject([{ reason: 'OPTED_OUT', detail: 'celebration:…200' }]);
  });
});
