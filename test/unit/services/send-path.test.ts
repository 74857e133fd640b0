// The send path against the in-memory jobs repository (no Java): a single send, a batch, SMSAPI's refusals and
// retries, and delivery reports (also one that overtakes the sender) — each settled once, and counted once by the
// statistics aggregator reading the jobs' change stream (as the stats function reads the table's stream in AWS).
import { readConfig } from '#config';
import type { Job } from '#domain/model';
import { DEFAULT_SETTINGS } from '#domain/settings';
import type { Deps } from '#services/deps';
import type { SmsSendRequest, SmsSendResult } from '#services/ports';
import { sendJob, recordSent } from '#services/send-job';
import { sendBatch } from '#services/send-batch';
import { applyDeliveryReports } from '#services/delivery-reports';
import { countJobChanges } from '#services/stats-stream';
import { limitsState } from '#services/limits-state';
import { createFakeJobs, createFakeSendLimits, createFakeSendingStore } from '../../support/fake-jobs';
import { createFakeStats } from '../../support/fake-stats';

const SHOP = 'shop-1';
const NOW = new Date('2026-03-03T10:00:00Z'); // a Tuesday, 11:00 in Warsaw

function job(jobId: string, over: Partial<Job> = {}): Job {
  return {
    shop: SHOP,
    jobId,
    kind: 'order-status',
    phone: `+4850010020${jobId.length % 10}`,
    text: 'Zamówienie 12 wysłane',
    dueAt: NOW.toISOString(),
    state: 'QUEUED',
    attempts: 0,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    source: { event: 'order.status', orderId: '12' },
    ...over,
  };
}

function setup(answers: ((req: SmsSendRequest) => SmsSendResult)[] = []) {
  const jobs = createFakeJobs();
  const store = createFakeSendingStore({
    smsapi: { token: 'tok', method: 'token', login: 'demo', replaceSpecialCharacters: false, connectedAt: NOW.toISOString() },
  });
  const requests: SmsSendRequest[] = [];
  let id = 7000;
  const accept = (req: SmsSendRequest): SmsSendResult => ({
    ok: true,
    messages: req.to.map((number, i) => ({ id: String(id++), number, idx: req.idx?.[i], points: 0.16, parts: 1, status: 'QUEUE' })),
  });
  const logs: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => void logs.push({ level, message });
  const deps = {
    config: readConfig({}),
    secrets: async () => ({ sessionSecret: 'unit-test-secret' }),
    clock: { now: () => NOW },
    store,
    jobs,
    sendLimits: createFakeSendLimits(),
    stats: createFakeStats(store),
    sms: {
      send: async (req: SmsSendRequest) => {
        requests.push(req);
        return (answers.shift() ?? accept)(req);
      },
    },
    cipher: { decrypt: async (text: string) => text, encrypt: async (text: string) => text },
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
  } as unknown as Deps;
  // The statistics as the tab shows them once the stream is counted (each change once: the stream's next part only).
  let counted = 0;
  const today = async () => {
    await countJobChanges(deps, { shardId: 'shard-1', changes: jobs.stream.slice(counted) });
    counted = jobs.stream.length;
    return [...store.stats.values()].find((d) => d.date === '2026-03-03');
  };
  return { deps, jobs, store, requests, logs, today };
}

const refused =
  (code: number, transport: 'api' | 'http' | 'network' = 'api'): (() => SmsSendResult) =>
  () => ({
    ok: false,
    code,
    message: `error ${code}`,
    transport,
  });

test('a job is sent once: SENT with SMSAPI figures, counted once, and a second delivery of its reference sends nothing', async () => {
  const t = setup();
  t.jobs.put(job('a1'));
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'a1' })).toEqual({ result: 'sent', smsapiId: '7000' });
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'a1' })).toEqual({ result: 'skipped', reason: 'JOB_SENT' });
  expect(t.requests).toHaveLength(1);
  expect(t.requests[0]).toMatchObject({ to: ['48500100202'], idx: ['a1'], message: 'Zamówienie 12 wysłane' });
  expect(await t.jobs.get(SHOP, 'a1')).toMatchObject({ state: 'SENT', smsapiId: '7000', parts: 1, points: 0.16, attempts: 1 });
  expect(await t.today()).toMatchObject({ sent: 1, parts: 1, points: 0.16, newNumbers: 1, failed: 0 });
  // Its delivery report finds it by SMSAPI's id, stored by the SENT write itself: no lookup item of its own.
  expect(await t.jobs.findJobByMessage(SHOP, '7000')).toBe('a1');
});

test('a daily spend limit holds across sender invocations at once, before the statistics have counted what went', async () => {
  const t = setup();
  const { limits } = DEFAULT_SETTINGS;
  t.store.state.settings = {
    limits: { ...limits, spend: { ...limits.spend, dailyParts: 2 }, frequencyCap: { ...limits.frequencyCap, enabled: false } },
  };
  const reminder = (id: string, n: number) =>
    job(id, {
      kind: 'abandoned-cart',
      phone: `+4850010030${n}`,
      text: 'Koszyk czeka',
      source: { event: 'basket.activity', userId: String(n) },
    });
  for (const [i, id] of ['m1', 'm2', 'm3'].entries()) t.jobs.put(reminder(id, i));
  // Three invocations one after another; the stream has counted none of them yet.
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'm1' })).toMatchObject({ result: 'sent' });
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'm2' })).toMatchObject({ result: 'sent' });
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'm3' })).toEqual({ result: 'skipped', reason: 'HELD_BACK' });
  expect(t.requests).toHaveLength(2);
  expect(await t.jobs.get(SHOP, 'm3')).toMatchObject({ state: 'SKIPPED', skipReason: { code: 'SPEND_LIMIT' } });
  // The banner says so at once too, from the same figures.
  expect((await limitsState(t.deps, SHOP)).reached).toEqual([expect.objectContaining({ limit: 'dailyParts', used: 2 })]);
  expect(await t.today()).toMatchObject({ sent: 2, parts: 2 });
});

test('an unknown job, and one another sender holds, are not sent', async () => {
  const t = setup();
  t.jobs.put(job('busy', { state: 'SENDING', attempts: 1, leaseUntil: new Date(NOW.getTime() + 60_000).toISOString() }));
  t.jobs.put(job('stale', { state: 'SENDING', attempts: 1, leaseUntil: new Date(NOW.getTime() - 1).toISOString() }));
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'nope' })).toEqual({ result: 'skipped', reason: 'JOB_NOT_FOUND' });
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'busy' })).toEqual({ result: 'retry', reason: 'JOB_BEING_SENT' });
  // A crashed sender's lease ran out: the job is taken over (attempt 2; check_idx keeps the SMS single).
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'stale' })).toMatchObject({ result: 'sent' });
  expect(await t.jobs.get(SHOP, 'stale')).toMatchObject({ state: 'SENT', attempts: 2 });
  expect(t.requests.map((r) => r.idx)).toEqual([['stale']]);
});

test('a transient SMSAPI failure requeues the job until the attempts run out, then it fails once and is logged', async () => {
  const t = setup([refused(0, 'network'), refused(0, 'network'), refused(0, 'network'), refused(0, 'network'), refused(0, 'network')]);
  t.jobs.put(job('r1'));
  for (let i = 1; i < 5; i++) {
    expect(await sendJob(t.deps, { shop: SHOP, jobId: 'r1' })).toMatchObject({ result: 'retry' });
    expect(await t.jobs.get(SHOP, 'r1')).toMatchObject({ state: 'QUEUED', attempts: i });
  }
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'r1' })).toMatchObject({ result: 'failed' });
  expect(await t.jobs.get(SHOP, 'r1')).toMatchObject({ state: 'FAILED', attempts: 5 });
  expect(t.store.errors).toHaveLength(1);
  expect(await t.today()).toMatchObject({ failed: 1, sent: 0 });
});

test('53 (accepted by an earlier attempt) settles the job as sent without a second SMS counted twice', async () => {
  const t = setup([refused(53)]);
  t.jobs.put(job('d1', { attempts: 1 }));
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'd1' })).toEqual({ result: 'sent', smsapiId: undefined });
  expect(await t.jobs.get(SHOP, 'd1')).toMatchObject({ state: 'SENT', parts: 1, points: 0 });
  expect(await t.today()).toMatchObject({ sent: 1, parts: 1 });
});

test('no SMSAPI account: the job fails with the Polish reason, counted once', async () => {
  const t = setup();
  t.store.state.smsapi = undefined;
  t.jobs.put(job('n1'));
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'n1' })).toEqual({ result: 'failed', code: 'SMSAPI_NOT_CONNECTED' });
  expect(t.store.errors[0]).toMatchObject({ code: 'SMSAPI_NOT_CONNECTED', message: expect.stringContaining('połącz konto') });
  expect(t.requests).toHaveLength(0);
});

test('a batch goes in one SMSAPI request; a number refused inside it fails alone; repeating the batch sends nothing', async () => {
  const t = setup([
    (req) => ({
      ok: true,
      messages: [{ id: '9001', number: req.to[0]!, idx: req.idx![0], points: 0.16, parts: 1, status: 'QUEUE' }],
    }),
  ]);
  t.jobs.put(job('b1', { phone: '+48500100201' }));
  t.jobs.put(job('b2', { phone: '+48500100202' }));
  t.jobs.put(job('b3', { state: 'CANCELLED' }));
  expect(await sendBatch(t.deps, { shop: SHOP, jobIds: ['b1', 'b2', 'b3'] })).toEqual({ result: 'done', sent: 1, failed: 1, skipped: 1 });
  expect(t.requests).toHaveLength(1);
  expect(t.requests[0]!.idx).toEqual(['b1', 'b2']);
  expect(await t.jobs.get(SHOP, 'b1')).toMatchObject({ state: 'SENT', smsapiId: '9001' });
  expect(await t.jobs.get(SHOP, 'b2')).toMatchObject({ state: 'FAILED', error: { code: 13 } });
  expect(await t.today()).toMatchObject({ sent: 1, failed: 1 });
  expect(await sendBatch(t.deps, { shop: SHOP, jobIds: ['b1', 'b2', 'b3'] })).toEqual({ result: 'done', sent: 0, failed: 0, skipped: 3 });
  expect(t.requests).toHaveLength(1);
});

test('the members of an accepted batch are settled ten at a time, so their MsgIds are stored quickly; all are SENT once', async () => {
  const t = setup();
  const ids = Array.from({ length: 25 }, (_, i) => `q${i}`);
  ids.forEach((id, i) => t.jobs.put(job(id, { phone: `+485001003${String(i).padStart(2, '0')}` })));
  const markSent = t.jobs.markSent;
  let inFlight = 0;
  let most = 0;
  t.jobs.markSent = async (...args) => {
    most = Math.max(most, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    return markSent(...args);
  };
  expect(await sendBatch(t.deps, { shop: SHOP, jobIds: ids })).toEqual({ result: 'done', sent: 25, failed: 0, skipped: 0 });
  expect(t.requests).toHaveLength(1);
  expect(most).toBe(10);
  for (const [i, id] of ids.entries()) expect(await t.jobs.findJobByMessage(SHOP, String(7000 + i))).toBe(id);
  expect(await t.today()).toMatchObject({ sent: 25 });
});

test('a batch refused as a whole for a transient reason is requeued and asks for a retry', async () => {
  const t = setup([refused(503, 'http')]);
  t.jobs.put(job('c1', { phone: '+48500100201' }));
  t.jobs.put(job('c2', { phone: '+48500100202' }));
  expect(await sendBatch(t.deps, { shop: SHOP, jobIds: ['c1', 'c2'] })).toEqual({ result: 'retry', reason: 'TRANSIENT_SMSAPI_ERROR' });
  expect((await t.jobs.get(SHOP, 'c1'))?.state).toBe('QUEUED');
  expect((await t.jobs.get(SHOP, 'c2'))?.state).toBe('QUEUED');
  expect(await sendBatch(t.deps, { shop: SHOP, jobIds: ['c1', 'c2'] })).toEqual({ result: 'done', sent: 2, failed: 0, skipped: 0 });
  expect(await t.today()).toMatchObject({ sent: 2, failed: 0 });
});

const report = (msgId: string, status: number) => [{ msgId, status, doneAt: NOW }];

test('a delivery report settles its job once and counts the delivery once; a forged MsgId changes nothing', async () => {
  const t = setup();
  t.jobs.put(job('e1'));
  await sendJob(t.deps, { shop: SHOP, jobId: 'e1' });
  expect(await applyDeliveryReports(t.deps, SHOP, report('7000', 404))).toEqual({ applied: 1, early: 0 });
  expect(await applyDeliveryReports(t.deps, SHOP, report('7000', 404))).toEqual({ applied: 0, early: 0 });
  expect(await t.jobs.get(SHOP, 'e1')).toMatchObject({ state: 'DELIVERED', reportStatus: 'DELIVERED', deliveredAt: NOW.toISOString() });
  expect(await t.today()).toMatchObject({ sent: 1, delivered: 1 });
  // Unknown to us, finished just now: SMSAPI is asked to repeat the call (our write of its answer may be late).
  expect(await applyDeliveryReports(t.deps, SHOP, report('6666', 404))).toEqual({ applied: 0, early: 1 });
});

test('a report that overtakes the SENT write is asked to repeat; the repeat after the write settles the job', async () => {
  const t = setup();
  t.jobs.put(job('p1', { state: 'SENDING', attempts: 1 }));
  const sending = (await t.jobs.get(SHOP, 'p1'))!;
  expect(await applyDeliveryReports(t.deps, SHOP, report('8181', 404))).toEqual({ applied: 0, early: 1 });
  expect(await t.jobs.get(SHOP, 'p1')).toMatchObject({ state: 'SENDING' });
  await recordSent(t.deps, sending, 'Europe/Warsaw', { smsapiId: '8181', parts: 1, points: 0.16 });
  expect(await applyDeliveryReports(t.deps, SHOP, report('8181', 404))).toEqual({ applied: 1, early: 0 });
  expect(await t.jobs.get(SHOP, 'p1')).toMatchObject({ state: 'DELIVERED', smsapiId: '8181', points: 0.16 });
  expect(await t.today()).toMatchObject({ sent: 1, points: 0.16, delivered: 1 });
});

test('a SENT write that fails after SMSAPI accepted: released with its MsgId, its report settles it, the retry (53) sends nothing', async () => {
  const t = setup();
  t.jobs.put(job('f1'));
  const markSent = t.jobs.markSent;
  t.jobs.markSent = async () => {
    throw new Error('ProvisionedThroughputExceededException');
  };
  await expect(sendJob(t.deps, { shop: SHOP, jobId: 'f1' })).rejects.toThrow('ProvisionedThroughputExceededException');
  t.jobs.markSent = markSent;
  expect(await t.jobs.get(SHOP, 'f1')).toMatchObject({ state: 'QUEUED', smsapiId: '7000', attempts: 1 });
  // SMSAPI's report finds the job by its MsgId and settles it as sent and delivered.
  expect(await applyDeliveryReports(t.deps, SHOP, report('7000', 404))).toEqual({ applied: 1, early: 0 });
  expect(await t.jobs.get(SHOP, 'f1')).toMatchObject({ state: 'DELIVERED', smsapiId: '7000' });
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'f1' })).toEqual({ result: 'skipped', reason: 'JOB_DELIVERED' });
  expect(t.requests).toHaveLength(1);
  expect(await t.today()).toMatchObject({ sent: 1, delivered: 1 });
});

test('the same failure when the retry comes before the report: the retry gets 53, SENT keeps the MsgId, the report settles it', async () => {
  const acceptedAs =
    (id: string) =>
    (req: SmsSendRequest): SmsSendResult => ({
      ok: true,
      messages: [{ id, number: req.to[0]!, idx: req.idx![0], points: 0.16, parts: 1, status: 'QUEUE' }],
    });
  // The second request: SMSAPI's check_idx refuses the copy with 53, which tells no MsgId.
  const t = setup([acceptedAs('7000'), refused(53)]);
  t.jobs.put(job('f2'));
  const markSent = t.jobs.markSent;
  t.jobs.markSent = async () => {
    throw new Error('ProvisionedThroughputExceededException');
  };
  await expect(sendJob(t.deps, { shop: SHOP, jobId: 'f2' })).rejects.toThrow();
  t.jobs.markSent = markSent;
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'f2' })).toEqual({ result: 'sent', smsapiId: undefined });
  expect(await t.jobs.get(SHOP, 'f2')).toMatchObject({ state: 'SENT', smsapiId: '7000', attempts: 2 });
  expect(await applyDeliveryReports(t.deps, SHOP, report('7000', 404))).toEqual({ applied: 1, early: 0 });
  expect(await t.jobs.get(SHOP, 'f2')).toMatchObject({ state: 'DELIVERED' });
  expect(await t.today()).toMatchObject({ sent: 1, delivered: 1 });
});

test("a report matched by a previous release's MSG# item overtakes the sender: counted as sent; the late SENT write adds only the figures", async () => {
  const t = setup();
  t.jobs.put(job('o1', { state: 'SENDING', attempts: 1, text: 'Zamówienie 12 wysłane' }));
  const sending = (await t.jobs.get(SHOP, 'o1'))!;
  t.jobs.legacyMessages.set(`${SHOP}\u00008080`, 'o1');
  expect(await applyDeliveryReports(t.deps, SHOP, report('8080', 404))).toEqual({ applied: 1, early: 0 });
  expect(await t.today()).toMatchObject({ sent: 1, parts: 1, points: 0, delivered: 1, newNumbers: 1 });
  await recordSent(t.deps, sending, 'Europe/Warsaw', { smsapiId: '8080', parts: 2, points: 0.32 });
  expect(await t.today()).toMatchObject({ sent: 1, parts: 2, points: 0.32, delivered: 1 });
  expect(await t.jobs.get(SHOP, 'o1')).toMatchObject({ state: 'DELIVERED', parts: 2, points: 0.32 });
  // Repeating the late write changes nothing more.
  await recordSent(t.deps, sending, 'Europe/Warsaw', { smsapiId: '8080', parts: 2, points: 0.32 });
  expect(await t.today()).toMatchObject({ sent: 1, parts: 2, points: 0.32 });
});

test('the frequency cap holds back a second marketing SMS to one number; one that failed for good gives its place back', async () => {
  const t = setup([refused(13)]);
  const marketing = (jobId: string) => job(jobId, { kind: 'back-in-stock', phone: '+48500100299', text: 'Produkt wrócił' });
  t.jobs.put(marketing('m1'));
  t.jobs.put(marketing('m2'));
  t.jobs.put(marketing('m3'));
  // m1 is refused for good (13): it never reached the customer, so the cap (1 a day by default) stays free.
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'm1' })).toEqual({ result: 'failed', code: 13 });
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'm2' })).toMatchObject({ result: 'sent' });
  expect(await sendJob(t.deps, { shop: SHOP, jobId: 'm3' })).toEqual({ result: 'skipped', reason: 'HELD_BACK' });
  expect(await t.jobs.get(SHOP, 'm3')).toMatchObject({ state: 'SKIPPED', skipReason: { code: expect.stringMatching(/FREQUENCY/) } });
  expect(t.requests.map((r) => r.idx)).toEqual([['m1'], ['m2']]);
  expect(await t.today()).toMatchObject({ sent: 1, failed: 1 });
});
