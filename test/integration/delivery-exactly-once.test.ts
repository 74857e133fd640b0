// Exactly once under failure: 200 jobs through the real queue, sender and SMSAPI client against the simulator
// injecting 20% transient faults (203, HTTP 500, 429, timeouts, and accepted-but-answer-lost), end with exactly
// 200 SMS in the outbox: none lost, none twice. (200 gives every fault kind dozens of hits; the whole webhook path
// under the same faults is test/load/faults-smsapi.test.ts.)
import type { LocalRuntime } from '../../local/runtime';
import { createAndDispatch } from '#services/dispatch';
import type { PlannedJob } from '#domain/planning';
import { eventually, startTestRuntime, connectDemoSmsapi } from '../support/runtime';

const JOBS = 200;
let rt: LocalRuntime;
let licence: string;

beforeAll(async () => {
  rt = await startTestRuntime({
    env: { SENDER_MAX_ATTEMPTS: '12', SMSAPI_TIMEOUT_MS: '200' },
    senderConcurrency: 4,
    // The redelivery delay of a failed attempt; long enough that a batch is finished before it reappears.
    sendsVisibilityTimeoutMs: 1000,
  });
  licence = rt.shop.createShop({ slug: 'load', name: 'Sklep Obciążony' }).licence;
  expect((await rt.shop.install('load')).status).toBe(200);
  await connectDemoSmsapi(rt, licence);
}, 150_000);

afterAll(async () => {
  await rt?.stop();
}, 30_000);

test(`${JOBS} jobs with 20% transient faults end with exactly ${JOBS} SMS: none lost, none twice`, async () => {
  rt.smsapi.setFaults({
    transientRate: 0.2,
    transientKinds: ['203', '500', '429', 'timeout', 'accepted-then-timeout'],
    timeoutMs: 300,
    seed: 1,
    // Every number here is a good one: no number fails on purpose.
    failingSuffixes: {},
  });
  const now = rt.deps.clock.now();
  const planned: PlannedJob[] = Array.from({ length: JOBS }, (_, i) => ({
    key: `load-${i}`,
    kind: 'order-status',
    phone: `+48601${String(i).padStart(6, '0')}`,
    text: `Zamówienie ${i} wysłane`,
    dueAt: now,
    source: { event: 'order.status', orderId: String(i) },
  }));
  const started = Date.now();
  // Created in parallel chunks (createAndDispatch is sequential per call), as many planners would.
  const chunks = Array.from({ length: 10 }, (_, c) => planned.filter((_, i) => i % 10 === c));
  const jobs = (await Promise.all(chunks.map((chunk) => createAndDispatch(rt.deps, licence, chunk)))).flat();
  expect(jobs).toHaveLength(JOBS);

  // Wait on the outbox (in memory) rather than polling the table, then for the queues to drain.
  // Generous limits: the time is a printed figure, not an assertion (a loaded machine is slower).
  await eventually(() => rt.smsapi.outbox().length >= JOBS, 100_000, 100);
  expect(await rt.idle(30_000)).toBe(true);
  const seconds = (Date.now() - started) / 1000;
  const settled = await rt.deps.store.listJobs(licence);
  expect(settled.filter((j) => ['SENT', 'DELIVERED', 'UNDELIVERED'].includes(j.state))).toHaveLength(JOBS);
  expect(settled.filter((j) => j.state === 'FAILED')).toEqual([]);

  const ids = new Set(jobs.map((j) => j.jobId));
  const outbox = rt.smsapi.outbox().filter((m) => m.idx !== undefined && ids.has(m.idx));
  const perIdx = new Map<string, number>();
  for (const m of outbox) perIdx.set(m.idx!, (perIdx.get(m.idx!) ?? 0) + 1);
  expect(outbox).toHaveLength(JOBS);
  expect(perIdx.size).toBe(JOBS);
  expect([...perIdx.values()].every((n) => n === 1)).toBe(true);

  // The faults really happened: many more calls than SMS, jobs with several attempts, answers lost after acceptance.
  const calls = rt.smsapi.requests().filter((r) => r.path === '/sms.do').length;
  const retried = settled.filter((j) => j.attempts > 1).length;
  expect(calls).toBeGreaterThan(JOBS * 1.15);
  expect(retried).toBeGreaterThan(JOBS * 0.1);
  // The counters agree with the outbox.
  const stats = await rt.deps.store.listStats(licence, '2000-01-01', '2999-12-31');
  expect(stats.reduce((n, d) => n + d.sent, 0)).toBe(JOBS);
  expect((await rt.deps.sendsQueue.depth()).dead).toBe(0);
  console.info(`${JOBS} jobs: ${calls} sms.do calls, ${retried} jobs retried, ${seconds.toFixed(1)} s`);
}, 150_000);
