// Shoper's REST API answering 429 (with Retry-After), 503 and 500 while the planner needs it (a client's consent
// and phone, a first order, the order of a dispatched parcel): planning waits and asks again (in the call for
// 429/503, through the queue for 500 and for a 429 that outlasts the waits); nothing is lost and nothing doubled.
import type { LocalRuntime } from '#local/runtime';
import { eventually, startTestRuntime } from '../support/runtime';
import { setupLoadShop } from '../support/load-shops';
import { buildShopTraffic, compareOutbox, type ShopTraffic } from '../support/load-scenario';
import { postWebhook, type SignedWebhook } from '../support/load-webhooks';

let rt: LocalRuntime;
let traffic: ShopTraffic;

beforeAll(async () => {
  rt = await startTestRuntime();
  const shop = await setupLoadShop(rt, 0);
  traffic = await buildShopTraffic(
    rt,
    shop,
    { clients: 5, orders: 10, status2: 3, status4: 0, status5: 0, dispatched: 4, restocked: 1, signUpsPerProduct: 2 },
    3,
  );
  rt.smsapi.setFaults({ failingSuffixes: {}, undeliveredSuffixes: [] });
  await rt.idle();
}, 120_000);

afterAll(async () => {
  await rt?.stop();
});

const calls = (status: number) => rt.shop.apiCalls().filter((c) => c.status === status).length;

async function deliverAll(webhooks: SignedWebhook[]) {
  for (const hook of webhooks) expect(await postWebhook(rt.url, hook)).toBe(200);
}

test('429, 503 and 500 from Shoper while planning: every expected SMS once, after waits and retries', async () => {
  const of = (event: string) => traffic.events.filter((e) => e.event === event);
  const before = { 429: calls(429), 500: calls(500), 503: calls(503) };

  // 8 × 429: the first call waits Retry-After six times, gives up, the event comes back and the next call succeeds.
  rt.shop.injectRestFaults({ status: 429, count: 8 });
  await deliverAll(of('client.create'));
  expect(await eventually(() => calls(429) - before[429] >= 8, 60_000)).toBe(true);
  expect(await rt.idle(60_000)).toBe(true);

  // 2 × 503 without Retry-After: waited out with backoff inside the call.
  rt.shop.injectRestFaults({ status: 503, count: 2 });
  await deliverAll(of('order.create'));
  expect(await eventually(() => calls(503) - before[503] >= 2, 60_000)).toBe(true);
  expect(await rt.idle(60_000)).toBe(true);

  // 3 × 500: each fails the planning of an event, which the queue hands back a little later.
  rt.shop.injectRestFaults({ status: 500, count: 3 });
  await deliverAll([...of('parcel.dispatch'), ...of('order.status'), ...of('product.edit')]);
  expect(await eventually(() => calls(500) - before[500] >= 3, 60_000)).toBe(true);
  expect(await rt.idle(60_000)).toBe(true);

  const diff = compareOutbox(traffic.expected, rt.smsapi.outbox());
  expect(diff).toEqual({ missing: [], unexpected: [], extraCopies: [] });
  expect(rt.smsapi.outbox()).toHaveLength(traffic.expected.length);
  expect((await rt.deps.eventsQueue.depth()).dead).toBe(0);
  // The injected faults were answered (Shoper's own rate limit may add a 429 or two), and the planner retried.
  expect(calls(429) - before[429]).toBeGreaterThanOrEqual(8);
  expect([calls(503) - before[503], calls(500) - before[500]]).toEqual([2, 3]);
  const retries = rt.logs.filter((l) => l.message === 'queue message failed, will retry');
  expect(retries.length).toBeGreaterThanOrEqual(4);
  expect(retries.every((l) => JSON.stringify(l.error).includes('SHOPER_UNAVAILABLE'))).toBe(true);
  console.log(
    `Shoper REST faults: ${traffic.events.length} webhooks, ${traffic.expected.length} SMS; 8 × 429, 2 × 503, 3 × 500; ${retries.length} planning retries`,
  );
}, 180_000);
