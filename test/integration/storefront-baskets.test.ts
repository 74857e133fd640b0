// Abandoned baskets over real HTTP: the widget reports a logged-in client's basket; N days later, if the client
// consented (Shoper's newsletter flag) and has not ordered, the reminder (with the client's name from Shoper) goes; an order, an emptied
// basket or newer activity cancels or replaces the pending reminder.
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { eventually, startTestRuntime, connectDemoSmsapi } from '../support/runtime';

const DAY = 24 * 3600 * 1000;
let rt: LocalRuntime;
let licence: string;
let origin: string;

function report(clientId: number, itemsCount: number, extra: Record<string, unknown> = {}) {
  return fetch(`${rt.url}/storefront/${licence}/basket`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ clientId: String(clientId), itemsCount, ...extra }),
  });
}

const reminders = (clientId: number) =>
  rt.deps.store.listJobs(licence).then((jobs) => jobs.filter((j) => j.kind === 'abandoned-cart' && j.source.userId === String(clientId)));

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'demo', name: 'Sklep Demo' }).licence;
  expect((await rt.shop.install('demo')).status).toBe(200);
  origin = new URL(rt.shop.shop('demo').url).origin;
  await connectDemoSmsapi(rt, licence);
  // autoStopLink off: these texts are asserted exactly (the opt-out line is test/integration/short-links.test.ts's).
  await rt.deps.store.putSettings(licence, {
    ...DEFAULT_SETTINGS,
    autoStopLink: false,
    quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false },
  });
  await rt.deps.store.putTemplate(licence, 'abandoned-cart', {
    enabled: true,
    delayDays: 2,
    text: '{name} {lastname}, Twój koszyk w {shop_name} czeka! ({email})',
  });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test("N days after the last basket activity the reminder goes, with the client's name from Shoper", async () => {
  const { userId } = await rt.shop.registerClient('demo', {
    firstname: 'Anna',
    lastname: 'Nowak',
    email: 'anna@example.pl',
    phone: '604 500 601',
    newsletter: true,
  });
  const first = await report(userId, 2);
  expect(first.status).toBe(202);
  expect(first.headers.get('access-control-allow-origin')).toBe(origin);
  const planned = (await first.json()) as { status: string; dueAt: string };
  expect(planned.status).toBe('planned');
  expect(new Date(planned.dueAt).getTime() - rt.deps.clock.now().getTime()).toBeGreaterThan(2 * DAY - 60_000);

  // A ping moments later only refreshes the record: still one pending reminder.
  expect(((await (await report(userId, 3)).json()) as any).status).toBe('updated');
  expect((await reminders(userId)).filter((j) => j.state === 'SCHEDULED')).toHaveLength(1);

  const mine = () => rt.smsapi.outbox().filter((m) => m.to === '48604500601');
  await rt.advanceClock(DAY);
  await rt.idle();
  expect(mine()).toHaveLength(0);
  await rt.advanceClock(DAY + 120_000);
  await eventually(() => mine().length === 1);
  expect(mine()[0]!.message).toBe('Anna Nowak, Twój koszyk w Sklep Demo czeka! (anna@example.pl)');
}, 60_000);

test('an order from the client cancels the pending reminder', async () => {
  const { userId } = await rt.shop.registerClient('demo', { firstname: 'Jan', lastname: 'Lis', phone: '604 500 602', newsletter: true });
  expect(((await (await report(userId, 1)).json()) as any).status).toBe('planned');
  await rt.shop.placeOrder('demo', { userId });
  const cancelled = await eventually(async () => (await reminders(userId)).find((j) => j.state === 'CANCELLED'));
  expect(cancelled?.cancelReason).toBe('ORDER_PLACED');
  await rt.advanceClock(3 * DAY);
  await rt.idle();
  expect(rt.smsapi.outbox().filter((m) => m.to === '48604500602' && m.message.includes('koszyk'))).toHaveLength(0);
}, 60_000);

test('newer activity replaces the pending reminder; an emptied basket cancels it', async () => {
  const { userId } = await rt.shop.registerClient('demo', { firstname: 'Ola', lastname: 'Kot', phone: '604 500 603', newsletter: true });
  const first = (await (await report(userId, 1)).json()) as { dueAt: string };
  await rt.advanceClock(2 * 3600 * 1000);
  const second = (await (await report(userId, 2)).json()) as { status: string; dueAt: string };
  expect(second.status).toBe('planned');
  expect(new Date(second.dueAt).getTime()).toBeGreaterThan(new Date(first.dueAt).getTime());
  const jobs = await reminders(userId);
  expect(jobs.filter((j) => j.state === 'SCHEDULED')).toHaveLength(1);
  expect(jobs.filter((j) => j.state === 'CANCELLED')).toHaveLength(1);

  expect(((await (await report(userId, 0)).json()) as any).status).toBe('cleared');
  expect((await reminders(userId)).filter((j) => j.state === 'SCHEDULED')).toHaveLength(0);
}, 60_000);

test('without the newsletter consent the shop recorded nothing is planned; a consent flag in the request is refused', async () => {
  const { userId } = await rt.shop.registerClient('demo', { firstname: 'Ewa', lastname: 'Mak', phone: '604 500 604', newsletter: false });
  expect(await (await report(userId, 1)).json()).toEqual({ status: 'ignored', reason: 'NO_CONSENT' });
  expect(await reminders(userId)).toHaveLength(0);
  const optIn = await report(userId, 1, { consent: true, consentTextVersion: 'basket-v1' });
  expect(optIn.status).toBe(400);
  expect(((await optIn.json()) as any).error).toMatchObject({ code: 'CONSENT_NOT_ACCEPTED', field: 'consent' });
  expect(await reminders(userId)).toHaveLength(0);

  // A client id the shop does not know plans nothing (and reveals nothing).
  expect(await (await report(987654, 1)).json()).toEqual({ status: 'ignored', reason: 'CLIENT_UNKNOWN' });
}, 60_000);
