// A restock longer than one planning slice (NOTIFY_SLICE, 1,000 sign-ups): the planner reads the list page by page
// and plans, dispatches and marks it a slice at a time, yet every waiting number gets exactly one SMS, the batches
// stay full (11 SMSAPI requests for 1,050 numbers) and every sign-up ends "sent".
import type { LocalRuntime } from '../../local/runtime';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { signUpId } from '#domain/sign-ups';
import { NOTIFY_SLICE } from '#services/back-in-stock';
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
    // One text for everyone batches 100 numbers per request; the automatic opt-out link makes each SMS its own
    // (one request each) until batches carry per-recipient parameters — see docs/benchmarks.md.
    autoStopLink: false,
  });
  await rt.deps.store.putTemplate(licence, 'back-in-stock', { enabled: true, delayDays: 0, text: '{product_name} znów dostępny!' });
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
  const all = await rt.deps.signUps.listAll(licence);
  expect(all.filter((s) => s.status === 'sent')).toHaveLength(WAITING);
}, 900_000);
