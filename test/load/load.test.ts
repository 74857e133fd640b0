// Load: shops with mixed Shoper webhooks (orders, status changes, dispatches, registrations, restocks with waiting
// sign-ups), 100 per shop, about 10% of them delivered twice, sent as fast as the local server takes them (32 in
// flight). Afterwards every expected SMS is in the SMSAPI simulator's outbox exactly once, with the right text and
// number, and nothing else is. Prints throughput and latency figures against a no-op route (GET /health) measured
// in the same run; no assertion is timed. `npm test` runs 4 shops (400 webhooks), enough concurrency and
// duplicates to prove the property; `npm run test:load` runs the full 20 shops (2,000 webhooks, LOAD_SHOPS=20).
import type { LocalRuntime } from '#local/runtime';
import { DEFAULT_RATE_LIMIT } from '#local/simulators/shop/index';
import { eventually, startTestRuntime } from '../support/runtime';
import { inParallel, LOAD_SENDER, setupLoadShop } from '../support/load-shops';
import { arrivalOrder, buildShopTraffic, compareOutbox, type ShopTraffic } from '../support/load-scenario';
import { burst, figuresTable, percentile, postWebhook } from '../support/load-webhooks';
import { startPlannerWorkers, type PlannerWorkers } from '../support/load-planners';

const SHOPS = Number(process.env.LOAD_SHOPS ?? 4);
/** Each shop's traffic is 91 events; with about 10% redelivered that makes 100 webhooks a shop. */
const WEBHOOKS = SHOPS * 100;
const IN_FLIGHT = 32;
/** Planner workers besides the runtime's own loop (AWS scales the planner Lambda out the same way). */
const EXTRA_PLANNERS = 3;

let rt: LocalRuntime;
let traffic: ShopTraffic[];
let planners: PlannerWorkers | undefined;

beforeAll(async () => {
  const setupStarted = performance.now();
  rt = await startTestRuntime({
    // Queue redelivery as in production terms (well above one batch's work), not the other tests' 300 ms.
    eventsVisibilityTimeoutMs: 10_000,
    sendsVisibilityTimeoutMs: 10_000,
    // Delivery reports are another path (tested elsewhere); here they would only add traffic after each SMS.
    smsapiReportDelayMs: 3_600_000,
  });
  // Setting up is not under test: Shoper's rate limit is off meanwhile, and back to Shoper's own for the load.
  rt.shop.setRateLimit(false);
  const shops = await inParallel(
    Array.from({ length: SHOPS }, (_, i) => i),
    4,
    (i) => setupLoadShop(rt, i),
  );
  traffic = await inParallel(shops, 4, (shop) => buildShopTraffic(rt, shop));
  rt.shop.setRateLimit(DEFAULT_RATE_LIMIT);
  // Every number here is a good one: no number fails or goes undelivered on purpose.
  rt.smsapi.setFaults({ transientRate: 0, failingSuffixes: {}, undeliveredSuffixes: [] });
  await rt.idle();
  console.log(
    `Load setup: ${SHOPS} shops installed and their traffic prepared in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
  );
  planners = startPlannerWorkers(rt, EXTRA_PLANNERS);
}, 240_000);

afterAll(async () => {
  await planners?.stop();
  await rt?.stop();
});

test(`${WEBHOOKS} webhooks from ${SHOPS} shops, some twice: every expected SMS exactly once, nothing else`, async () => {
  const unique = traffic.reduce((n, t) => n + t.events.length, 0);
  const duplicates = WEBHOOKS - unique;
  expect(duplicates).toBeGreaterThan(unique * 0.05);
  expect(duplicates).toBeLessThan(unique * 0.15);
  const webhooks = arrivalOrder(traffic, duplicates);
  const expected = traffic.flatMap((t) => t.expected);
  expect(rt.smsapi.outbox()).toHaveLength(0);

  // Baseline: the same server, the same client, the same concurrency, a route that does nothing.
  const health = async () => {
    const res = await fetch(`${rt.url}/health`);
    await res.arrayBuffer();
    return res.status;
  };
  await burst(200, IN_FLIGHT, health);
  const baseline = await burst(WEBHOOKS, IN_FLIGHT, health);
  expect(baseline.statuses.every((s) => s === 200)).toBe(true);

  const started = performance.now();
  let lastSmsMs: number | undefined;
  const watcher = (async () => {
    while (lastSmsMs === undefined && performance.now() - started < 300_000) {
      if (rt.smsapi.outbox().length >= expected.length) lastSmsMs = performance.now() - started;
      else await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const load = await burst(webhooks.length, IN_FLIGHT, (i) => postWebhook(rt.url, webhooks[i]!));
  expect(load.statuses.filter((s) => s !== 200)).toEqual([]);

  // Generous: the time is a printed figure, not an assertion.
  await eventually(() => rt.smsapi.outbox().length >= expected.length, 240_000, 100);
  await watcher;
  expect(await rt.idle(60_000)).toBe(true);

  const outbox = rt.smsapi.outbox();
  const diff = compareOutbox(expected, outbox);
  expect(diff.missing).toEqual([]);
  expect(diff.unexpected).toEqual([]);
  expect(diff.extraCopies).toEqual([]);
  expect(outbox).toHaveLength(expected.length);
  expect(new Set(outbox.map((m) => m.idx)).size).toBe(outbox.length);
  expect(outbox.every((m) => m.from === LOAD_SENDER)).toBe(true);

  // The store agrees: one settled job per SMS, nothing left in flight, nothing failed, no dead letters.
  let jobs = 0;
  for (const t of traffic) {
    const every = await rt.deps.store.listJobs(t.shop.licence);
    // SKIPPED records (a message the rules did not send: no consent, a landline…) never reach SMSAPI.
    const skipped = new Set(every.filter((j) => j.state === 'SKIPPED').map((j) => j.jobId));
    expect(outbox.filter((m) => m.idx !== undefined && skipped.has(m.idx))).toEqual([]);
    const mine = every.filter((j) => j.state !== 'SKIPPED');
    expect(mine.filter((j) => !['SENT', 'DELIVERED', 'UNDELIVERED'].includes(j.state)).map((j) => `${j.jobId} ${j.state}`)).toEqual([]);
    expect(mine.length).toBe(t.expected.length);
    jobs += mine.length;
  }
  expect(jobs).toBe(expected.length);
  expect((await rt.deps.eventsQueue.depth()).dead).toBe(0);
  expect((await rt.deps.sendsQueue.depth()).dead).toBe(0);

  const perSecond = (b: { latencies: number[]; elapsedMs: number }) => (b.latencies.length / b.elapsedMs) * 1000;
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const rows = [
    {
      figure: 'requests accepted per second',
      load: perSecond(load).toFixed(0),
      baseline: perSecond(baseline).toFixed(0),
      ratio: ratio(perSecond(load), perSecond(baseline)),
    },
    {
      figure: 'ingress latency p50',
      load: ms(percentile(load.latencies, 50)),
      baseline: ms(percentile(baseline.latencies, 50)),
      ratio: ratio(percentile(load.latencies, 50), percentile(baseline.latencies, 50)),
    },
    {
      figure: 'ingress latency p99',
      load: ms(percentile(load.latencies, 99)),
      baseline: ms(percentile(baseline.latencies, 99)),
      ratio: ratio(percentile(load.latencies, 99), percentile(baseline.latencies, 99)),
    },
    {
      figure: `time until the last SMS (${expected.length} SMS)`,
      load: `${((lastSmsMs ?? NaN) / 1000).toFixed(1)} s`,
      baseline: `${(baseline.elapsedMs / 1000).toFixed(1)} s`,
      ratio: ratio(lastSmsMs ?? NaN, baseline.elapsedMs),
    },
  ];
  console.log(
    figuresTable(
      `Load: ${webhooks.length} webhooks (${duplicates} redelivered) from ${SHOPS} shops, ${IN_FLIGHT} in flight; baseline: ${WEBHOOKS} × GET /health`,
      rows,
    ),
  );
}, 420_000);
