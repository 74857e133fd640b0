// Marketing SMS only on consent the shop recorded (issue 12, item 2), attacked over real HTTP: a script claims
// consent for a client who never gave it, with and without a consent flag, and through a record an earlier version
// stored from such a flag; and a self-registered account with a phishing first name and a victim's phone. Basket
// reminders go only on the client's newsletter flag read from Shoper, and never carry a link.
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { call, expectRefused, snapshot } from '../support/attack-kit';
import { connectDemoSmsapi, eventually, startTestRuntime } from '../support/runtime';

const DAY = 24 * 3600 * 1000;
let rt: LocalRuntime;
let licence: string;
let origin: string;

const basket = (body: Record<string, unknown>) =>
  call(`${rt.url}/storefront/${licence}/basket`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ locale: 'pl', ...body }),
  });

const reminders = async (userId: number) =>
  (await rt.deps.store.listJobs(licence)).filter((j) => j.kind === 'abandoned-cart' && j.source.userId === String(userId));

beforeAll(async () => {
  rt = await startTestRuntime();
  licence = rt.shop.createShop({ slug: 'consent', name: 'Sklep Zgoda' }).licence;
  expect((await rt.shop.install('consent')).status).toBe(200);
  origin = new URL(rt.shop.shop('consent').url).origin;
  await connectDemoSmsapi(rt, licence);
  // autoStopLink off: these texts are asserted exactly (the opt-out line is test/integration/short-links.test.ts's).
  await rt.deps.store.putSettings(licence, {
    ...DEFAULT_SETTINGS,
    autoStopLink: false,
    quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false },
  });
  await rt.deps.store.putTemplate(licence, 'abandoned-cart', {
    enabled: true,
    delayDays: 1,
    text: '{name}, Twój koszyk w {shop_name} czeka!',
  });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

test('an anonymous consent flag for a client who never consented is refused and plans nothing', async () => {
  const { userId } = await rt.shop.registerClient('consent', { firstname: 'Ewa', phone: '604 600 701', newsletter: false });
  const before = await snapshot(rt, licence);
  for (const claim of [{ consent: true, consentTextVersion: 'v1' }, { consent: true }, { consent: 'yes' }, { consentTextVersion: 'v1' }]) {
    const res = await basket({ clientId: String(userId), itemsCount: 2, ...claim });
    expectRefused(res, 400, 'CONSENT_NOT_ACCEPTED');
    expect(res.body.error.message).toContain('newslettera');
  }
  expect((await snapshot(rt, licence)).items).toEqual(before.items);
  // Without the flag the request is fine, and still nothing is planned: the shop has no consent on record.
  expect((await basket({ clientId: String(userId), itemsCount: 2 })).body).toEqual({ status: 'ignored', reason: 'NO_CONSENT' });
  expect(await reminders(userId)).toEqual([]);
  await rt.advanceClock(3 * DAY);
  await rt.idle();
  expect(rt.smsapi.outbox().filter((m) => m.to === '48604600701')).toEqual([]);
}, 60_000);

test('a page consent stored by an earlier version does not count either', async () => {
  const { userId } = await rt.shop.registerClient('consent', { firstname: 'Ola', phone: '604 600 702', newsletter: false });
  const at = rt.deps.clock.now().toISOString();
  await rt.deps.store.doc.send(
    new (await import('@aws-sdk/lib-dynamodb')).PutCommand({
      TableName: rt.deps.store.tableName,
      Item: {
        pk: `SHOP#${licence}`,
        sk: `CART#${userId}`,
        shop: licence,
        clientId: String(userId),
        itemsCount: 1,
        lastActivityAt: at,
        version: 1,
        consent: { at, textVersion: 'basket-v1', ipHash: 'x' },
      },
    }),
  );
  expect((await basket({ clientId: String(userId), itemsCount: 3 })).body).toEqual({ status: 'ignored', reason: 'NO_CONSENT' });
  expect(await reminders(userId)).toEqual([]);
}, 60_000);

test('the newsletter consent the shop recorded does count; a phishing first name reaches the phone without its link', async () => {
  // A self-registered account: the attacker controls the name and the phone, and may tick the newsletter box.
  const { userId } = await rt.shop.registerClient('consent', {
    firstname: 'Dopłać 1 zł: https://paczka-dopłata.pl/x',
    phone: '604 600 703',
    newsletter: true,
  });
  const res = await basket({ clientId: String(userId), itemsCount: 1 });
  expect(res.body.status).toBe('planned');
  await rt.advanceClock(DAY + 120_000);
  const sms = await eventually(() => rt.smsapi.outbox().find((m) => m.to === '48604600703'));
  expect(sms!.message).toBe('Dopłać 1 zł:, Twój koszyk w Sklep Zgoda czeka!');
  expect(sms!.message).not.toMatch(/https?:|paczka/);
}, 60_000);
