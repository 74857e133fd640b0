// SMSAPI failing 20% of the time (errors 203 and HTTP 500, 429s, timeouts, and SMS accepted with the answer lost)
// under the whole webhook path of 3 shops, plus numbers SMSAPI refuses for good: every job ends SENT exactly once
// or FAILED and in the merchant's error log; none is lost, none goes twice. Counted from the store (jobs by state)
// and the SMSAPI simulator's outbox (SMS by idx).
import type { LocalRuntime } from '#local/runtime';
import type { Job } from '#domain/model';
import { eventually, startTestRuntime } from '../support/runtime';
import { inParallel, setupLoadShop } from '../support/load-shops';
import { arrivalOrder, buildShopTraffic, compareOutbox, type ShopTraffic } from '../support/load-scenario';
import { burst, postWebhook } from '../support/load-webhooks';
import { startPlannerWorkers, type PlannerWorkers } from '../support/load-planners';

const SHOPS = 3;
/** Sign-ups number 0 and 5 of every shop: SMSAPI answers 13 (invalid number) for them, a permanent failure. */
const REFUSED = { '300000': 13, '300005': 13 };

let rt: LocalRuntime;
let traffic: ShopTraffic[];
let planners: PlannerWorkers | undefined;

beforeAll(async () => {
  rt = await startTestRuntime({
    env: { SMSAPI_TIMEOUT_MS: '300' },
    // The redelivery delay of a failed attempt; long enough that a batch is finished before it reappears.
    sendsVisibilityTimeoutMs: 1000,
    eventsVisibilityTimeoutMs: 5000,
  });
  const shops = await inParallel(
    Array.from({ length: SHOPS }, (_, i) => i),
    SHOPS,
    (i) => setupLoadShop(rt, i),
  );
  traffic = await inParallel(shops, SHOPS, (shop) => buildShopTraffic(rt, shop));
  await rt.idle();
  planners = startPlannerWorkers(rt, 2);
}, 120_000);

afterAll(async () => {
  await planners?.stop();
  await rt?.stop();
}, 30_000);

const settled = new Set(['SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'CANCELLED']);

test('20% transient SMSAPI faults: every job SENT exactly once or FAILED in the error log, none lost', async () => {
  rt.smsapi.setFaults({
    transientRate: 0.2,
    transientKinds: ['203', '500', '429', 'timeout', 'accepted-then-timeout'],
    timeoutMs: 400,
    seed: 20,
    failingSuffixes: REFUSED,
    undeliveredSuffixes: [],
  });
  const unique = traffic.reduce((n, t) => n + t.events.length, 0);
  const webhooks = arrivalOrder(traffic, Math.round(unique / 10), 7);
  const sent = await burst(webhooks.length, 16, (i) => postWebhook(rt.url, webhooks[i]!));
  expect(sent.statuses.filter((s) => s !== 200)).toEqual([]);

  const expected = traffic.flatMap((t) => t.expected);
  // Messages the rules did not send (no consent, a landline…) are SKIPPED records: never sent, checked apart below.
  const everyJob = async () => (await Promise.all(traffic.map((t) => rt.deps.store.listJobs(t.shop.licence)))).flat();
  const allJobs = async () => (await everyJob()).filter((j) => j.state !== 'SKIPPED');
  const done = await eventually(
    async () => {
      const jobs = await allJobs();
      return jobs.length === expected.length && jobs.every((j) => settled.has(j.state)) ? jobs : undefined;
    },
    150_000,
    250,
  );
  const jobs: Job[] = done ?? (await allJobs());
  expect(jobs.filter((j) => !settled.has(j.state)).map((j) => `${j.jobId} ${j.state}`)).toEqual([]);
  expect(await rt.idle(30_000)).toBe(true);
  const skippedIds = new Set((await everyJob()).filter((j) => j.state === 'SKIPPED').map((j) => j.jobId));
  expect(rt.smsapi.outbox().filter((m) => m.idx !== undefined && skippedIds.has(m.idx))).toEqual([]);

  // Nothing lost in planning: one job per expected SMS, with its text and number.
  const planned = compareOutbox(
    expected,
    jobs.map((j) => ({ to: j.phone.replace(/^\+/, ''), message: j.text })),
  );
  expect(planned).toEqual({ missing: [], unexpected: [], extraCopies: [] });

  const outbox = rt.smsapi.outbox();
  const copies = (job: Job) => outbox.filter((m) => m.idx === job.jobId);
  const delivered = jobs.filter((j) => ['SENT', 'DELIVERED', 'UNDELIVERED'].includes(j.state));
  const failed = jobs.filter((j) => j.state === 'FAILED');
  expect(delivered.length + failed.length).toBe(jobs.length);
  // Sent: exactly one SMS, to the job's number with the job's text.
  for (const job of delivered) {
    expect(copies(job)).toHaveLength(1);
    expect(copies(job)[0]).toMatchObject({ to: job.phone.replace(/^\+/, ''), message: job.text });
  }
  // Failed: in the error log of its shop, and never sent twice (a refused number not at all).
  for (const job of failed) expect(copies(job).length).toBeLessThanOrEqual(1);
  const refused = jobs.filter((j) => Object.keys(REFUSED).some((suffix) => j.phone.endsWith(suffix)));
  expect(refused.length).toBeGreaterThanOrEqual(SHOPS * 2);
  for (const job of refused) {
    expect(job).toMatchObject({ state: 'FAILED', error: { code: 13 } });
    expect(copies(job)).toHaveLength(0);
  }
  for (const t of traffic) {
    const log = await rt.deps.store.listErrors(t.shop.licence, { limit: 100 });
    const logged = new Set(log.items.map((e) => e.jobId));
    for (const job of failed.filter((j) => j.shop === t.shop.licence)) expect(logged.has(job.jobId)).toBe(true);
  }
  // No SMS the store does not know about, none twice.
  const ids = new Set(jobs.map((j) => j.jobId));
  expect(outbox.filter((m) => !ids.has(m.idx ?? ''))).toEqual([]);
  expect(new Set(outbox.map((m) => m.idx)).size).toBe(outbox.length);
  expect((await rt.deps.sendsQueue.depth()).dead).toBe(0);
  expect((await rt.deps.eventsQueue.depth()).dead).toBe(0);

  // The faults really happened: many more sms.do calls than SMS, and jobs that needed several attempts.
  const calls = rt.smsapi.requests().filter((r) => r.path === '/sms.do').length;
  const retried = jobs.filter((j) => j.attempts > 1).length;
  expect(retried).toBeGreaterThan(jobs.length * 0.1);
  console.log(
    `SMSAPI faults: ${webhooks.length} webhooks, ${jobs.length} jobs: ${delivered.length} sent once, ${failed.length} failed ` +
      `(${refused.length} refused numbers); ${calls} sms.do calls, ${retried} jobs retried`,
  );
}, 200_000);
