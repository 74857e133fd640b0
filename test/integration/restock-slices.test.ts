// A restock longer than one planner run (RESTOCK_PAGE, 1,000 sign-ups): the first run plans, dispatches and marks its
// page and queues the next page, yet every waiting number gets exactly one SMS with its own short links, the batches
// stay full (11 SMSAPI requests for 1,050 numbers: links go as per-recipient parameters) and every sign-up ends
// "sent". A page delivered again plans nothing twice.
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { signUpId } from '#domain/sign-ups';
import { BACK_IN_STOCK_PAGE_EVENT, type BackInStockPage } from '#contracts/queue';
import { NOTIFY_SLICE, RESTOCK_PAGE } from '#services/back-in-stock';
import { eventually, startTestRuntime, connectDemoSmsapi } from '../support/runtime';

const WAITING = NOTIFY_SLICE + 50;
const PRODUCT = 3;
let rt: LocalRuntime;
let licence: string;

beforeAll(async () => {
  // Planning 1,050 sign-ups and sending a batch of 100 take longer than the test defaults (300 ms) before a message
  // would go to a second consumer.
  rt = await startTestRuntime({ eventsVisibilityTimeoutMs: 600_000, sendsVisibilityTimeoutMs: 120_000 });
  licence = rt.shop.createShop({ slug: 'demo', name: 'Sklep Demo' }).licence;
  expect((await rt.shop.install('demo')).status).toBe(200);
  await connectDemoSmsapi(rt, licence);
  // Every number is a good one: by default the simulator refuses numbers ending in 13 and reports those ending in 99
  // undelivered, and this test counts the SMS that go out.
  rt.smsapi.setFaults({ failingSuffixes: {}, undeliveredSuffixes: [] });
  await rt.deps.store.putSettings(licence, {
    ...DEFAULT_SETTINGS,
    quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false },
    storefrontDailyCap: WAITING,
    // The merchant's default: the automatic opt-out link, so each SMS has its own links (two with {product_link}).
    autoStopLink: true,
  });
  await rt.deps.store.putTemplate(licence, 'back-in-stock', {
    enabled: true,
    delayDays: 0,
    text: '{product_name} znów dostępny! {product_link}',
  });
  rt.shop.shop('demo').products.find((p) => p.productId === PRODUCT)!.stock = 0;
  const repository = rt.deps.signUps;
  const at = rt.deps.clock.now().toISOString();
  const phones = Array.from({ length: WAITING }, (_, i) => `+48601${String(300_000 + i).padStart(6, '0')}`);
  for (let i = 0; i < phones.length; i += 25) {
    await Promise.all(
      phones.slice(i, i + 25).map((phone) =>
        repository.signUp({
          id: signUpId(String(PRODUCT), phone),
          shop: licence,
          productId: String(PRODUCT),
          phone,
          status: 'waiting',
          createdAt: at,
          updatedAt: at,
          consent: { at, textVersion: 'v1', ipHash: 'test', locale: 'pl' },
        }),
      ),
    );
  }
}, 300_000);

afterAll(async () => {
  await rt?.stop();
});

test(`${WAITING} waiting numbers: one SMS each, 100 numbers per SMSAPI request, all marked sent`, async () => {
  await rt.shop.restockProduct('demo', PRODUCT);
  await eventually(() => rt.smsapi.outbox().length >= WAITING, 600_000, 500);
  await rt.idle(60_000);
  expect(rt.smsapi.outbox()).toHaveLength(WAITING);
  expect(new Set(rt.smsapi.outbox().map((sms) => sms.to)).size).toBe(WAITING);
  expect(rt.smsapi.requests().filter((r) => r.path.endsWith('/sms.do'))).toHaveLength(Math.ceil(WAITING / 100));
  // Each SMS has its own product link and opt-out link, substituted by SMSAPI per recipient.
  const links = rt.smsapi.outbox().flatMap((sms) => [...sms.message.matchAll(/\/l\/([0-9A-Za-z]{10})/g)].map((m) => m[1]));
  expect(links).toHaveLength(2 * WAITING);
  expect(new Set(links).size).toBe(2 * WAITING);
  expect(rt.smsapi.outbox().every((sms) => !sms.message.includes('[%'))).toBe(true);
  const all = await rt.deps.signUps.listAll(licence);
  expect(all.filter((s) => s.status === 'sent')).toHaveLength(WAITING);
}, 900_000);

test('the second page delivered again (its sign-ups back to waiting, as if the run died before marking them) sends nothing twice', async () => {
  expect(WAITING).toBeGreaterThan(RESTOCK_PAGE);
  const repository = rt.deps.signUps;
  const all = (await repository.listAll(licence)).sort((a, b) => a.phone.localeCompare(b.phone));
  const lastOfFirstPage = all[RESTOCK_PAGE - 1]!;
  const secondPage = all.slice(RESTOCK_PAGE);
  for (const signUp of secondPage) {
    const { sentAt: _sentAt, jobId: _jobId, ...waiting } = signUp;
    expect(await repository.signUp({ ...waiting, status: 'waiting' })).toBe('created');
  }
  const requests = rt.smsapi.requests().length;
  const page: BackInStockPage = {
    product: { productId: String(PRODUCT), name: 'Produkt', stock: 5, active: true },
    after: lastOfFirstPage.phone,
    page: 2,
  };
  for (let i = 0; i < 2; i++)
    await rt.deps.eventsQueue.send({ shop: licence, event: BACK_IN_STOCK_PAGE_EVENT, receivedAt: new Date().toISOString(), payload: page });
  await eventually(async () => (await repository.listAll(licence)).every((s) => s.status === 'sent'), 120_000, 500);
  await rt.idle(30_000);
  expect(rt.smsapi.outbox()).toHaveLength(WAITING);
  expect(rt.smsapi.requests().length).toBe(requests);
}, 300_000);
