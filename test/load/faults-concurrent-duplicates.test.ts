// Concurrent duplicates, where DynamoDB's conditional writes decide: the same webhook delivered 10 times at once
// (planned by several planners at once), each event planned 10 times in parallel, and the same job reference
// (single and back-in-stock batch) enqueued 10 times at once. One job per SMS, one SMS per job; the conflicts
// really happened (counted on the store's conditional writes).
import { createHash } from 'node:crypto';
import type { LocalRuntime } from '#local/runtime';
import type { Job } from '#domain/model';
import { parseShopEvent, type SupportedEvent } from '#domain/shoper-events';
import { planEvent } from '#services/plan-event';
import { sendJob } from '#services/send-job';
import { eventually, startTestRuntime } from '../support/runtime';
import { setupLoadShop, type LoadShop } from '../support/load-shops';
import { buildShopTraffic, compareOutbox, type ShopTraffic } from '../support/load-scenario';
import { postWebhook, type SignedWebhook } from '../support/load-webhooks';
import { startPlannerWorkers, type PlannerWorkers } from '../support/load-planners';

const TIMES = 10;

let rt: LocalRuntime;
let shop: LoadShop;
let traffic: ShopTraffic;
let planners: PlannerWorkers | undefined;
/** Outcomes of the store's conditional writes while a case runs. */
const created = new Map<string, number>();
const existed = new Map<string, number>();
let transitionsRefused = 0;

beforeAll(async () => {
  rt = await startTestRuntime({ smsapiReportDelayMs: 3_600_000 });
  shop = await setupLoadShop(rt, 0);
  traffic = await buildShopTraffic(
    rt,
    shop,
    { clients: 3, orders: 4, status2: 1, status4: 0, status5: 0, dispatched: 1, restocked: 1, signUpsPerProduct: 3 },
    11,
  );
  rt.smsapi.setFaults({ failingSuffixes: {}, undeliveredSuffixes: [] });
  await rt.idle();
  // Count what the conditional writes decided, without changing what they do.
  const store = rt.deps.store;
  const createJob = store.createJob.bind(store);
  store.createJob = async (job: Job) => {
    const outcome = await createJob(job);
    const tally = outcome === 'created' ? created : existed;
    tally.set(job.jobId, (tally.get(job.jobId) ?? 0) + 1);
    return outcome;
  };
  // The sender claims through the jobs repository: a refused claim is a refused conditional state change too.
  const jobs = rt.deps.jobs;
  const claimForSending = jobs.claimForSending.bind(jobs);
  jobs.claimForSending = async (...args: Parameters<typeof claimForSending>) => {
    const claim = await claimForSending(...args);
    if (!claim.claimed) transitionsRefused++;
    return claim;
  };
  // Several planners take events off the queue one at a time, so duplicates are planned side by side.
  planners = startPlannerWorkers(rt, TIMES, { batchSize: 1, pollMs: 5 });
}, 120_000);

afterAll(async () => {
  await planners?.stop();
  await rt?.stop();
});

const of = (event: string) => traffic.events.filter((e) => e.event === event);
const expectedFor = (predicate: (text: string) => boolean) => traffic.expected.filter((m) => predicate(m.message));
const outboxFor = (predicate: (text: string) => boolean) => rt.smsapi.outbox().filter((m) => predicate(m.message));

test(`the same webhook delivered ${TIMES} times at once: one job, one SMS`, async () => {
  const hook = of('order.status')[0]!;
  const orderId = String((JSON.parse(hook.body) as { order_id: string }).order_id);
  const statuses = await Promise.all(Array.from({ length: TIMES }, () => postWebhook(rt.url, hook)));
  expect(statuses).toEqual(Array(TIMES).fill(200));
  expect(await rt.idle(30_000)).toBe(true);
  const mine = (text: string) => text.startsWith(`Zamówienie ${orderId} `);
  expect(outboxFor(mine)).toHaveLength(1);
  expect(compareOutbox(expectedFor(mine), outboxFor(mine))).toEqual({ missing: [], unexpected: [], extraCopies: [] });
  // The order's status SMS; a celebration the rules skipped (no consent) is a SKIPPED record beside it.
  const jobs = (await rt.deps.store.listJobs(shop.licence)).filter((j) => j.source.orderId === orderId && j.state !== 'SKIPPED');
  expect(jobs).toHaveLength(1);
  expect(created.get(jobs[0]!.jobId)).toBe(1);
  console.log(`${TIMES} concurrent deliveries of one webhook: ${existed.get(jobs[0]!.jobId) ?? 0} conditional creates refused`);
}, 60_000);

test(`every other event planned ${TIMES} times in parallel: each job created once, each SMS sent once`, async () => {
  // Ten plans at once ask Shoper ten times as much; its rate limit is another test's subject (faults-shoper-rest).
  rt.shop.setRateLimit(false);
  const rest: SignedWebhook[] = traffic.events.filter((e) => e !== of('order.status')[0]);
  for (const hook of rest) {
    // What the webhook function puts on the events queue: the delivery's facts.
    const facts = parseShopEvent(hook.event as SupportedEvent, JSON.parse(hook.body));
    if (!facts.ok) throw new Error(`${hook.event} not readable: ${facts.field} ${facts.message}`);
    const message = { shop: hook.licence, receivedAt: rt.deps.clock.now().toISOString(), ...facts.value };
    await Promise.all(Array.from({ length: TIMES }, () => planEvent(rt.deps, message)));
  }
  expect(await rt.idle(60_000)).toBe(true);
  const diff = compareOutbox(traffic.expected, rt.smsapi.outbox());
  expect(diff).toEqual({ missing: [], unexpected: [], extraCopies: [] });
  const every = await rt.deps.store.listJobs(shop.licence);
  // SKIPPED records (messages the rules did not send) are created once too, and never reach SMSAPI.
  for (const job of every.filter((j) => j.state === 'SKIPPED')) {
    expect(created.get(job.jobId)).toBe(1);
    expect(rt.smsapi.outbox().filter((m) => m.idx === job.jobId)).toEqual([]);
  }
  const jobs = every.filter((j) => j.state !== 'SKIPPED');
  expect(jobs).toHaveLength(traffic.expected.length);
  for (const job of jobs) {
    expect(created.get(job.jobId)).toBe(1);
    expect(rt.smsapi.outbox().filter((m) => m.idx === job.jobId)).toHaveLength(1);
  }
  // The parallel plans did collide on the same items, and the conditional writes settled it.
  const refused = [...existed.values()].reduce((n, v) => n + v, 0);
  expect(refused).toBeGreaterThanOrEqual((jobs.length - 1) * (TIMES - 1) * 0.5);
  console.log(`${rest.length} events × ${TIMES} parallel plans: ${jobs.length} jobs, ${refused} conditional creates refused`);
}, 120_000);

test(`the same job reference enqueued ${TIMES} times at once, single and batch: one SMS each`, async () => {
  const at = rt.deps.clock.now().toISOString();
  const job = (n: number): Job => ({
    shop: shop.licence,
    // A job id as the sends queue accepts it (domain/job-id.ts JOB_ID: 32 hex).
    jobId: createHash('sha256').update(`dupref${Date.now()}:${n}`).digest('hex').slice(0, 32),
    kind: 'order-status',
    phone: `+4851099900${n}`,
    text: `Powtórzona referencja ${n}`,
    dueAt: at,
    state: 'QUEUED',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    source: { event: 'order.status', orderId: `dup-${n}` },
  });
  const single = job(1);
  const batch = [job(2), job(3), job(4)];
  const direct = job(5);
  for (const j of [single, ...batch, direct]) expect(await rt.deps.store.createJob(j)).toBe('created');
  const refusedBefore = transitionsRefused;

  const queue = rt.deps.sendsQueue as unknown as { send(m: unknown): Promise<void> };
  await Promise.all([
    ...Array.from({ length: TIMES }, () => queue.send({ shop: shop.licence, jobId: single.jobId })),
    ...Array.from({ length: TIMES }, () => queue.send({ shop: shop.licence, jobIds: batch.map((j) => j.jobId) })),
  ]);
  // And the sender itself called 10 times at once for one job.
  const outcomes = await Promise.all(Array.from({ length: TIMES }, () => sendJob(rt.deps, { shop: shop.licence, jobId: direct.jobId })));
  expect(outcomes.filter((o) => o.result === 'sent')).toHaveLength(1);
  await eventually(() => rt.smsapi.outbox().filter((m) => m.message.startsWith('Powtórzona referencja')).length >= 5, 30_000);
  expect(await rt.idle(60_000)).toBe(true);

  for (const j of [single, ...batch, direct]) {
    expect(rt.smsapi.outbox().filter((m) => m.idx === j.jobId)).toHaveLength(1);
    expect(await rt.deps.store.getJob(shop.licence, j.jobId)).toMatchObject({ state: 'SENT', attempts: 1 });
  }
  expect(transitionsRefused - refusedBefore).toBeGreaterThanOrEqual(TIMES - 1);
  expect((await rt.deps.sendsQueue.depth()).dead).toBe(0);
  console.log(
    `5 jobs, each reference ${TIMES} times at once: 5 SMS, ${transitionsRefused - refusedBefore} conditional state changes refused`,
  );
}, 120_000);
