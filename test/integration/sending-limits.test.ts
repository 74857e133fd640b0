// "Send less, spend knowingly" end to end, as the owner sees it: the frequency cap skips a second marketing SMS
// to a number within 24 h (order messages go on), an SMS the phone never takes expires (SMSAPI's 402) and a stale
// one is not sent at all, a spend limit pauses marketing until the next day, the low balance alerts the owner once
// a day. The simulator's clock and SMSAPI's points are moved to show periods and the alert.
import type { LocalRuntime } from '../../local/runtime';
import { createSendLimitsRepository } from '#adapters/dynamodb/send-limits';
import { jobFromPlan, jobIdKey } from '#services/dispatch';
import { sendJob } from '#services/send-job';
import { localDate } from '#domain/calendar';
import { isSundayOrHoliday } from '#domain/polish-holidays';
import { eventually } from '../support/runtime';
import { advanceToWarsaw, startOrdersWorld, type OrdersWorld } from './orders-support';

let world: OrdersWorld;
let rt: LocalRuntime;
const api = (...args: Parameters<OrdersWorld['api']>) => world.api(...args);
const history = async () => (await api('GET', '/api/jobs?state=all&limit=200')).body.items as any[];
const HOUR = 3_600_000;
const sentTo = (number: string) => rt.smsapi.outbox().filter((m) => m.to === number);
let ruleId: string;

beforeAll(async () => {
  world = await startOrdersWorld();
  rt = world.rt;
  await advanceToWarsaw(rt, '12:00');
  expect((await api('PUT', '/api/settings', { requireMarketingConsent: false })).status).toBe(200);
  expect(
    (await api('PUT', '/api/templates/order-status/2', { enabled: true, delayDays: 0, text: 'Zamowienie {order_id} przyjete.' })).status,
  ).toBe(200);
  const rule = await api('POST', '/api/celebrations', { event: 'order-placed', delayDays: 0, text: 'Dzieki za zakupy, {name}!' });
  expect(rule.status).toBe(201);
  ruleId = rule.body.id;
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('limits are validated in Polish, naming the field; a bad value changes nothing', async () => {
  const bad = await api('PUT', '/api/settings', { limits: { frequencyCap: { count: -1 }, validityHours: { marketing: 2 } } });
  expect(bad.status).toBe(400);
  expect(bad.body.error).toMatchObject({ code: 'SETTINGS_LIMIT_INVALID', field: 'limits.frequencyCap.count' });
  expect(bad.body.error.message).toMatch(/^Limit częstotliwości — liczba SMS marketingowych na numer: wpisz liczbę całkowitą od 0 do 20/);
  const typed = await api('PUT', '/api/settings', { limits: { spend: { dailyParts: 'sto' } } });
  expect(typed.status).toBe(400);
  expect(typed.body.error.field).toBe('limits.spend.dailyParts');
  expect(typed.body.error.message).toContain('Dzienny limit części SMS');
  const saved = (await api('GET', '/api/settings')).body;
  expect(saved.limits).toMatchObject({ frequencyCap: { enabled: true, count: 1, windowHours: 24 }, validityHours: { marketing: 3 } });
}, 30_000);

test('the frequency cap: one marketing SMS per number per 24 h across automations; order messages are exempt', async () => {
  const first = await rt.shop.placeOrder('demo', { phone: '601 111 222' });
  await rt.idle();
  await eventually(() => sentTo('48601111222').some((m) => m.message.startsWith('Dzieki za zakupy')));
  const second = await rt.shop.placeOrder('demo', { phone: '601 111 222' });
  await rt.shop.changeStatus('demo', second.orderId, 2);
  await rt.idle();

  const capped = await eventually(async () =>
    (await history()).find((j) => j.orderId === String(second.orderId) && j.kind === 'celebration' && j.state === 'SKIPPED'),
  );
  expect(capped.skipReason).toMatchObject({
    code: 'FREQUENCY_CAP',
    pl: 'Limit częstotliwości: klient dostał już SMS marketingowy w ciągu 24 h',
  });
  expect(capped.skipReason.en).toContain('Frequency cap');
  // The status SMS to the same number still went; only one celebration reached the customer.
  await eventually(() => sentTo('48601111222').some((m) => m.message === `Zamowienie ${second.orderId} przyjete.`));
  expect(sentTo('48601111222').filter((m) => m.message.startsWith('Dzieki za zakupy'))).toHaveLength(1);
  expect(first.orderId).not.toBe(second.orderId);

  // A day later the window has passed: the next marketing SMS goes.
  await rt.advanceClock(25 * HOUR);
  await rt.shop.placeOrder('demo', { phone: '601 111 222' });
  await eventually(() => sentTo('48601111222').filter((m) => m.message.startsWith('Dzieki za zakupy')).length === 2);
}, 40_000);

test('the cap counts exactly: a retried job is counted once, a capped one not at all, and a failure gives its place back', async () => {
  const repo = createSendLimitsRepository(rt.deps.store);
  const now = rt.deps.clock.now().getTime();
  const day = 24 * HOUR;
  expect(await repo.reserveMarketing(world.licence, '+48700000001', 'job-a', now, 2, day)).toBe('reserved');
  expect(await repo.reserveMarketing(world.licence, '+48700000001', 'job-a', now + 1000, 2, day)).toBe('counted');
  expect(await repo.reserveMarketing(world.licence, '+48700000001', 'job-b', now + 2000, 2, day)).toBe('reserved');
  expect(await repo.reserveMarketing(world.licence, '+48700000001', 'job-c', now + 3000, 2, day)).toBe('capped');
  expect(await repo.reserveMarketing(world.licence, '+48700000001', 'job-c', now + 4000, 2, day)).toBe('capped');
  await repo.releaseMarketing(world.licence, '+48700000001', 'job-b');
  expect(await repo.reserveMarketing(world.licence, '+48700000001', 'job-c', now + 5000, 2, day)).toBe('reserved');
  // Past the window the record starts afresh.
  expect(await repo.reserveMarketing(world.licence, '+48700000001', 'job-d', now + day + 10_000, 1, day)).toBe('reserved');
  expect(await repo.reserveMarketing(world.licence, '+48700000001', 'job-e', now + day + 20_000, 1, day)).toBe('capped');
  // A cap of 0: no marketing SMS at all, and no request for it.
  expect(await repo.reserveMarketing(world.licence, '+48700000002', 'job-f', now, 0, day)).toBe('capped');
}, 30_000);

test('every SMS carries expiration_date: one the phone never takes expires (SMSAPI 402) and the history says "wygasła"', async () => {
  rt.smsapi.setFaults({ unreachableSuffixes: ['777'] });
  const order = await rt.shop.placeOrder('demo', { phone: '601 222 777' });
  await rt.shop.changeStatus('demo', order.orderId, 2);
  const sms = await eventually(() => sentTo('48601222777').find((m) => m.message === `Zamowienie ${order.orderId} przyjete.`));
  expect(sms).toBeDefined();
  // Status messages are valid 6 h by default.
  const validFor = Date.parse(sms!.expiresAt!) - Date.parse(sms!.createdAt);
  expect(validFor).toBeGreaterThan(5.9 * HOUR);
  expect(validFor).toBeLessThanOrEqual(6 * HOUR);

  await rt.advanceClock(7 * HOUR);
  const expired = await eventually(async () =>
    (await history()).find((j) => j.orderId === String(order.orderId) && j.kind === 'order-status' && j.state === 'UNDELIVERED'),
  );
  expect(expired.stateName).toEqual({ pl: 'wygasła', en: 'expired' });
  rt.smsapi.setFaults({ unreachableSuffixes: [] });
}, 40_000);

test('a message that could not leave within its validity (a backlog) is not sent at all, and the history says why', async () => {
  const now = rt.deps.clock.now();
  const job = jobFromPlan(
    world.licence,
    {
      key: `stale-test:${now.toISOString()}`,
      kind: 'order-status',
      phone: '+48601333444',
      text: 'Stara wiadomosc',
      dueAt: new Date(now.getTime() - 7 * HOUR),
      source: { event: 'order.status', orderId: '999' },
    },
    now,
    await jobIdKey(rt.deps),
  );
  expect(job.state).toBe('QUEUED');
  await rt.deps.store.createJob(job);
  // It has waited on the sends queue for 7 hours (a backlog): the sender takes it now.
  expect(await sendJob(rt.deps, { shop: world.licence, jobId: job.jobId }, { queuedAt: new Date(now.getTime() - 7 * HOUR) })).toEqual({
    result: 'skipped',
    reason: 'HELD_BACK',
  });
  const stale = await eventually(async () => (await history()).find((j) => j.jobId === job.jobId && j.state === 'SKIPPED'));
  expect(stale.skipReason.code).toBe('EXPIRED');
  expect(stale.skipReason.pl).toMatch(/^Wygasła: nie wyszła w ciągu 6 h/);
  expect(stale.stateName.pl).toBe('wygasła');
  expect(sentTo('48601333444')).toHaveLength(0);
}, 30_000);

test('a daily spend limit pauses marketing (order messages go on), the banner says what was held back, the next day resumes', async () => {
  // A new day: the limit is one SMS part, and the first status SMS of the day uses it.
  await advanceToWarsaw(rt, '12:00');
  expect((await api('PUT', '/api/settings', { limits: { spend: { dailyParts: 1 } } })).status).toBe(200);
  expect((await api('PUT', `/api/celebrations/${ruleId}`, { active: false })).status).toBe(200);
  const first = await rt.shop.placeOrder('demo', { phone: '601 444 000' });
  await rt.shop.changeStatus('demo', first.orderId, 2);
  await eventually(() => sentTo('48601444000').length === 1);
  await rt.idle();
  expect((await api('PUT', `/api/celebrations/${ruleId}`, { active: true })).status).toBe(200);
  const a = await rt.shop.placeOrder('demo', { phone: '601 444 001' });
  await rt.shop.changeStatus('demo', a.orderId, 2);
  await rt.idle();
  const heldCelebration = await eventually(async () =>
    (await history()).find((j) => j.orderId === String(a.orderId) && j.kind === 'celebration' && j.state === 'SKIPPED'),
  );
  expect(heldCelebration.skipReason).toMatchObject({ code: 'SPEND_LIMIT' });
  expect(heldCelebration.skipReason.pl).toContain('dzienny limit części SMS (1)');
  await eventually(() => sentTo('48601444001').some((m) => m.message === `Zamowienie ${a.orderId} przyjete.`));

  const state = await eventually(async () => {
    const body = (await api('GET', '/api/limits')).body;
    return body.reached?.length ? body : undefined;
  });
  expect(state!.reached[0]).toMatchObject({
    limit: 'dailyParts',
    value: 1,
    includesTransactional: false,
    name: { pl: 'dzienny limit części SMS' },
  });
  expect(state!.reached[0].used).toBeGreaterThanOrEqual(1);
  expect(state!.heldBack.today).toMatchObject({ celebration: 1 });

  // The owner chooses to pause order messages too.
  expect((await api('PUT', '/api/settings', { limits: { spend: { includeTransactional: true } } })).status).toBe(200);
  const b = await rt.shop.placeOrder('demo', { phone: '601 444 002' });
  await rt.shop.changeStatus('demo', b.orderId, 2);
  await rt.idle();
  const heldStatus = await eventually(async () =>
    (await history()).find((j) => j.orderId === String(b.orderId) && j.kind === 'order-status' && j.state === 'SKIPPED'),
  );
  expect(heldStatus.skipReason.code).toBe('SPEND_LIMIT');

  // The next day is a new period: marketing goes again.
  await advanceToWarsaw(rt, '12:00');
  expect((await api('GET', '/api/limits')).body.reached).toEqual([]);
  const c = await rt.shop.placeOrder('demo', { phone: '601 444 003' });
  await eventually(() => sentTo('48601444003').some((m) => m.message.startsWith('Dzieki za zakupy')));
  expect(c.orderId).toBeGreaterThan(b.orderId);
  expect((await api('PUT', '/api/settings', { limits: { spend: { dailyParts: null, includeTransactional: false } } })).status).toBe(200);
}, 60_000);

test('low balance: the owner gets one SMS a day when the points fall under the threshold; the balance is not read per SMS', async () => {
  expect((await api('PUT', '/api/settings', { ownerPhone: '600 100 200', limits: { lowBalancePoints: 500 } })).status).toBe(200);
  expect((await api('PUT', `/api/celebrations/${ruleId}`, { active: false })).status).toBe(200);
  const profileReads = () => rt.smsapi.requests().filter((r) => r.path === '/profile').length;
  await rt.advanceClock(10 * 60_000);
  const before = profileReads();
  for (const phone of ['601 555 001', '601 555 002', '601 555 003']) {
    const order = await rt.shop.placeOrder('demo', { phone });
    await rt.shop.changeStatus('demo', order.orderId, 2);
  }
  await rt.idle();
  await eventually(() => sentTo('48601555003').length === 1);
  // Three SMS, one balance read (1000 points: no alert).
  expect(profileReads() - before).toBe(1);
  expect(sentTo('48600100200')).toHaveLength(0);

  rt.smsapi.setPoints('demo-shop', 120);
  await rt.advanceClock(6 * 60_000);
  const d = await rt.shop.placeOrder('demo', { phone: '601 555 004' });
  await rt.shop.changeStatus('demo', d.orderId, 2);
  const alert = await eventually(() => sentTo('48600100200')[0]);
  expect(alert?.message).toMatch(/na koncie SMSAPI zostało 119[,.]\d+ pkt \(Twój próg: 500\)/);
  const banner = (await api('GET', '/api/limits')).body;
  expect(banner.balance).toMatchObject({ threshold: 500, low: true });

  // Still low a few minutes later: no second alert that day.
  await rt.advanceClock(6 * 60_000);
  const e = await rt.shop.placeOrder('demo', { phone: '601 555 005' });
  await rt.shop.changeStatus('demo', e.orderId, 2);
  await eventually(() => sentTo('48601555005').length === 1);
  await rt.idle();
  expect(sentTo('48600100200')).toHaveLength(1);
  const owner = (await history()).find((j) => j.kind === 'owner-alert');
  expect(owner.type).toEqual({ pl: 'Alert dla właściciela', en: 'Owner alert' });
}, 60_000);

test('no marketing on Sundays and holidays: planned for the next working day, and a due one the sender meets on Sunday waits for it', async () => {
  expect((await api('PUT', '/api/settings', { limits: { noMarketingOnHolidays: true, lowBalancePoints: null } })).status).toBe(200);
  expect((await api('PUT', `/api/celebrations/${ruleId}`, { active: true })).status).toBe(200);
  const weekday = (at: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', weekday: 'long' }).format(at);
  let now = await advanceToWarsaw(rt, '12:00');
  for (let i = 0; i < 8 && weekday(now) !== 'Sunday'; i++) now = await advanceToWarsaw(rt, '12:00');
  expect(weekday(now)).toBe('Sunday');

  // Planned on Sunday: due the next working day at the window's opening (08:00 Warsaw).
  const order = await rt.shop.placeOrder('demo', { phone: '601 666 001' });
  await rt.idle();
  const planned = await eventually(async () =>
    (await history()).find((j) => j.orderId === String(order.orderId) && j.kind === 'celebration'),
  );
  expect(planned.state).toBe('SCHEDULED');
  expect(isSundayOrHoliday(localDate(new Date(planned.dueAt), 'Europe/Warsaw'))).toBe(false);
  expect(Date.parse(planned.dueAt) - now.getTime()).toBeLessThan(4 * 24 * HOUR);
  expect(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit' }).format(new Date(planned.dueAt)),
  ).toBe('08:00');

  // A marketing job that became due on Sunday (planned before the owner switched the rule on) is moved, not sent.
  const job = jobFromPlan(
    world.licence,
    {
      key: `sunday-test:${now.toISOString()}`,
      kind: 'abandoned-cart',
      phone: '+48601666002',
      text: 'Koszyk czeka',
      dueAt: now,
      source: { event: 'basket.activity', userId: '9' },
    },
    now,
    await jobIdKey(rt.deps),
  );
  await rt.deps.store.createJob(job);
  expect(await sendJob(rt.deps, { shop: world.licence, jobId: job.jobId })).toEqual({ result: 'skipped', reason: 'RESCHEDULED' });
  const moved = await rt.deps.store.getJob(world.licence, job.jobId);
  expect(moved).toMatchObject({ state: 'SCHEDULED', waitReason: { code: 'NO_MARKETING_DAY' } });
  expect(moved!.dueAt).toBe(planned.dueAt);
  // Moving it is no attempt: on the working day the sender's first-attempt checks (validity, limits, cap) apply.
  expect(moved!.attempts).toBe(0);
  expect(sentTo('48601666002')).toHaveLength(0);

  await rt.advanceClock(Date.parse(planned.dueAt) + 60_000 - rt.deps.clock.now().getTime());
  await eventually(() => sentTo('48601666002').length === 1 && sentTo('48601666001').length === 1);
  expect(sentTo('48601666002')).toHaveLength(1);
  expect(sentTo('48601666001')).toHaveLength(1);
}, 60_000);
