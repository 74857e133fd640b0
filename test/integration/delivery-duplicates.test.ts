// A job reference delivered twice, or concurrently, sends one SMS; a crash between SMSAPI's answer and our write
// does not send a second one (check_idx -> 53); a delivery report that overtakes the sender settles the job and
// it is counted once; the counters are exact under concurrency.
import { transitionJob } from '#adapters/dynamodb/jobs';
import type { LocalRuntime } from '../../local/runtime';
import type { Job } from '#domain/model';
import { sendJob } from '#services/send-job';
import { createSmsapiGateway } from '#adapters/smsapi-http';
import { reportsUrl } from '#services/delivery-reports';
import { eventually, startTestRuntime, connectDemoSmsapi, storeQueuedJob } from '../support/runtime';

let rt: LocalRuntime;
let licence: string;
let seq = 0;

// Numbers end in 0: the simulator refuses numbers ending in 13 by default (its failingSuffixes fault).
const storedJob = (phone = `+4860${String(++seq).padStart(6, '0')}0`, text?: string) => storeQueuedJob(rt, licence, phone, text);

/** The deps with an SMSAPI client that stops waiting after 300 ms (the simulator hangs for a second). */
const impatient = () => ({ ...rt.deps, sms: createSmsapiGateway({ baseUrl: rt.smsapi.url, timeoutMs: 300 }) });
const outboxOf = (job: Job) => rt.smsapi.outbox().filter((m) => m.idx === job.jobId);
const smsCalls = () => rt.smsapi.requests().filter((r) => r.path === '/sms.do').length;

beforeAll(async () => {
  // Delivery reports far in the future, so that none settles a job behind a test's back (one test sends its own).
  rt = await startTestRuntime({ smsapiReportDelayMs: 3_600_000 });
  licence = rt.shop.createShop({ slug: 'dup', name: 'Sklep Duplikat' }).licence;
  expect((await rt.shop.install('dup')).status).toBe(200);
  await connectDemoSmsapi(rt, licence);
}, 60_000);

afterAll(async () => {
  rt?.smsapi.setFaults({ transientRate: 0 });
  await rt?.stop();
});

test('sendJob called twice in parallel for one job sends one SMS; a later call sends nothing', async () => {
  const job = await storedJob();
  const outcomes = await Promise.all([sendJob(rt.deps, job), sendJob(rt.deps, job), sendJob(rt.deps, job)]);
  expect(outcomes.filter((o) => o.result === 'sent')).toHaveLength(1);
  // The others either found it being sent (and would come back later) or already sent.
  expect(outcomes.filter((o) => o.result !== 'sent').every((o) => o.result === 'retry' || o.result === 'skipped')).toBe(true);
  expect(await sendJob(rt.deps, job)).toEqual({ result: 'skipped', reason: 'JOB_SENT' });
  expect(outboxOf(job)).toHaveLength(1);
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({ state: 'SENT', attempts: 1 });
});

test('the same reference enqueued twice (and once more later) is sent once by the queue consumers', async () => {
  const job = await storedJob();
  const ref = { shop: licence, jobId: job.jobId };
  await Promise.all([rt.deps.sendsQueue.send(ref), rt.deps.sendsQueue.send(ref)]);
  await eventually(() => outboxOf(job).length > 0);
  await rt.deps.sendsQueue.send(ref);
  expect(await rt.idle()).toBe(true);
  expect(outboxOf(job)).toHaveLength(1);
  expect((await rt.deps.store.getJob(licence, job.jobId))?.state).toBe('SENT');
});

test('an answer lost after SMSAPI accepted the SMS: the retry gets 53, the job is SENT, no second SMS', async () => {
  const job = await storedJob();
  const calls = smsCalls();
  rt.smsapi.setFaults({ transientRate: 1, transientKinds: ['accepted-then-timeout'], timeoutMs: 1_000 });
  try {
    // The sender gives up waiting (our timeout is shorter than the hang) and puts the job back.
    const first = await sendJob(impatient(), job);
    expect(first.result).toBe('retry');
  } finally {
    rt.smsapi.setFaults({ transientRate: 0 });
  }
  expect(outboxOf(job)).toHaveLength(1);
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({ state: 'QUEUED', attempts: 1, error: { code: 'TIMEOUT' } });

  const second = await sendJob(rt.deps, job);
  expect(second.result).toBe('sent');
  expect(smsCalls()).toBe(calls + 2);
  expect(outboxOf(job)).toHaveLength(1);
  const sent = await rt.deps.store.getJob(licence, job.jobId);
  expect(sent).toMatchObject({ state: 'SENT', attempts: 2, parts: 1 });
});

test("a report matched by the previous release's MSG# item overtakes the sender; the late SENT write only fills in figures; counted once", async () => {
  // The previous release stored SMSAPI's MsgId as a MSG# item before SENT: the report arrives before the job became
  // SENT (a deploy in between). Such items are read for 14 days after the deploy.
  const job = await storedJob();
  const sending = await transitionJob(rt.deps.store.doc, rt.deps.store.tableName, licence, job.jobId, {
    from: ['QUEUED'],
    to: 'SENDING',
    set: { attempts: 1 },
  });
  expect(sending).toBeDefined();
  const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const legacy = {
    pk: `SHOP#${licence}`,
    sk: 'MSG#7074294081650020450',
    jobId: job.jobId,
    acceptedAt: sending!.updatedAt,
    timeZone: 'Europe/Warsaw',
  };
  await rt.deps.store.doc.send(new PutCommand({ TableName: rt.deps.store.tableName, Item: { ...legacy, expiresAt: 2_000_000_000 } }));
  // The statistics are counted from the table's stream: read them once it is counted (idle).
  expect(await rt.idle()).toBe(true);
  const before = await rt.deps.store.listStats(licence, '2000-01-01', '2999-12-31');
  const sentBefore = before.reduce((n, d) => n + d.sent, 0);
  // SMSAPI's report, as it calls notify_url: no idx.
  const report = await fetch(
    `${await reportsUrl(rt.deps, licence)}&MsgId=7074294081650020450&status=404&donedate=${Math.floor(Date.now() / 1000)}&username=demo-shop`,
  );
  expect(await report.text()).toBe('OK');
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({
    state: 'DELIVERED',
    smsapiId: '7074294081650020450',
    reportStatus: 'DELIVERED',
  });
  const { recordSent } = await import('#services/send-job');
  await recordSent(rt.deps, sending!, 'Europe/Warsaw', { smsapiId: '7074294081650020450', parts: 1, points: 0.16 });
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({ state: 'DELIVERED', points: 0.16 });
  expect(await sendJob(rt.deps, job)).toEqual({ result: 'skipped', reason: 'JOB_DELIVERED' });
  expect(await rt.idle()).toBe(true);
  const after = await rt.deps.store.listStats(licence, '2000-01-01', '2999-12-31');
  expect(after.reduce((n, d) => n + d.sent, 0)).toBe(sentBefore + 1);
  expect(after.reduce((n, d) => n + d.delivered, 0)).toBe(before.reduce((n, d) => n + d.delivered, 0) + 1);
  // The same report again changes nothing.
  await fetch(`${await reportsUrl(rt.deps, licence)}&MsgId=7074294081650020450&status=404`);
  expect(await rt.idle()).toBe(true);
  expect((await rt.deps.store.listStats(licence, '2000-01-01', '2999-12-31')).reduce((n, d) => n + d.delivered, 0)).toBe(
    after.reduce((n, d) => n + d.delivered, 0),
  );
});

test('an answer lost in a timeout: a report with a MsgId we never stored settles nothing; the retry gets 53 and sends nothing twice', async () => {
  const job = await storedJob();
  rt.smsapi.setFaults({ transientRate: 1, transientKinds: ['accepted-then-timeout'], timeoutMs: 1_000 });
  try {
    expect((await sendJob(impatient(), job)).result).toBe('retry');
  } finally {
    rt.smsapi.setFaults({ transientRate: 0 });
  }
  const sms = outboxOf(job)[0]!;
  const report = await fetch(`${await reportsUrl(rt.deps, licence)}&MsgId=${sms.id}&status=404&idx=${job.jobId}&to=${sms.to}`);
  expect(await report.text()).toBe('OK');
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({ state: 'QUEUED' });
  expect(await sendJob(rt.deps, job)).toMatchObject({ result: 'sent' });
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({ state: 'SENT' });
  expect(outboxOf(job)).toHaveLength(1);
});

test('transient failures are retried until SENDER_MAX_ATTEMPTS, then the job is FAILED and logged', async () => {
  const job = await storedJob();
  rt.smsapi.setFaults({ transientRate: 1, transientKinds: ['203'] });
  const outcomes: string[] = [];
  try {
    for (let i = 0; i < rt.deps.config.SENDER_MAX_ATTEMPTS; i++) outcomes.push((await sendJob(rt.deps, job)).result);
  } finally {
    rt.smsapi.setFaults({ transientRate: 0 });
  }
  expect(outcomes).toEqual([...Array(rt.deps.config.SENDER_MAX_ATTEMPTS - 1).fill('retry'), 'failed']);
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({
    state: 'FAILED',
    attempts: rt.deps.config.SENDER_MAX_ATTEMPTS,
    error: { code: 203 },
  });
  const log = await rt.deps.store.listErrors(licence, { limit: 5 });
  expect(log.items[0]).toMatchObject({ jobId: job.jobId, code: 203, place: 'Zmiana statusu zamówienia', phone: job.phone });
  expect(log.items[0]!.message).toContain('Zbyt wiele odwołań do SMSAPI');
  expect(outboxOf(job)).toHaveLength(0);
});

test('a FAILED job is never settled by a report whose MsgId we never stored (not even after a timeout)', async () => {
  const job = await storedJob();
  const lastAttempt = { ...impatient(), config: { ...rt.deps.config, SENDER_MAX_ATTEMPTS: 1 } };
  rt.smsapi.setFaults({ transientRate: 1, transientKinds: ['accepted-then-timeout'], timeoutMs: 1_000 });
  try {
    expect((await sendJob(lastAttempt, job)).result).toBe('failed');
  } finally {
    rt.smsapi.setFaults({ transientRate: 0 });
  }
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({ state: 'FAILED', error: { code: 'TIMEOUT' } });
  const sms = outboxOf(job)[0]!;
  const report = await fetch(`${await reportsUrl(rt.deps, licence)}&MsgId=${sms.id}&status=404&idx=${job.jobId}&to=${sms.to}`);
  expect(await report.text()).toBe('OK');
  expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({ state: 'FAILED' });
  expect((await rt.deps.store.listErrors(licence, { limit: 50 })).items.some((e) => e.jobId === job.jobId)).toBe(true);
});

test('error 52 (too many to one number) is retried, not failed', async () => {
  const job = await storedJob('+48602999052');
  rt.smsapi.setFaults({ failingSuffixes: { '999052': 52 } });
  let first;
  try {
    first = await sendJob(rt.deps, job);
  } finally {
    rt.smsapi.setFaults({ failingSuffixes: { '13': 13 } });
  }
  expect(first.result).toBe('retry');
  expect(await sendJob(rt.deps, job)).toMatchObject({ result: 'sent' });
  expect(outboxOf(job)).toHaveLength(1);
});

test('50 concurrent counter updates add up exactly', async () => {
  const date = '2031-01-15';
  await Promise.all(
    Array.from({ length: 50 }, (_, i) => rt.deps.store.addStats(licence, date, { sent: 1, parts: 2, points: 0.16, failed: i % 2 })),
  );
  const [day] = await rt.deps.store.listStats(licence, date, date);
  expect(day).toMatchObject({ date, sent: 50, parts: 100, failed: 25 });
  expect(day!.points).toBeCloseTo(8, 6);
});

describe('a batch SMSAPI refuses as a whole goes out one by one: none lost, none doubled', () => {
  async function sameTextJobs(count: number): Promise<Job[]> {
    const jobs: Job[] = [];
    for (let i = 0; i < count; i++) jobs.push(await storedJob(undefined, 'Ten sam tekst dla wszystkich'));
    return jobs;
  }

  test.each([
    ['72 (notify_url only with one recipient, an older SMSAPI)', { notifyUrlSingleRecipientOnly: true }],
    ['20 (idx count)', { forcedErrors: [20] }],
    ['8 (parameter error)', { forcedErrors: [8] }],
  ])('refused with %s', async (_name, faults) => {
    const { sendBatch } = await import('#services/send-batch');
    const jobs = await sameTextJobs(3);
    const calls = smsCalls();
    rt.smsapi.setFaults(faults);
    try {
      const outcome = await sendBatch(rt.deps, { shop: licence, jobIds: jobs.map((j) => j.jobId) });
      expect(outcome).toMatchObject({ result: 'done', sent: 3, failed: 0 });
    } finally {
      rt.smsapi.setFaults({ notifyUrlSingleRecipientOnly: false, forcedErrors: [] });
    }
    // One refused batch request, then one request per job.
    expect(smsCalls()).toBe(calls + 4);
    for (const job of jobs) {
      expect(outboxOf(job)).toHaveLength(1);
      const stored = await rt.deps.store.getJob(licence, job.jobId);
      expect(stored).toMatchObject({ state: 'SENT', smsapiId: outboxOf(job)[0]!.id });
    }
    // A redelivery of the batch sends nothing more.
    expect(await sendBatch(rt.deps, { shop: licence, jobIds: jobs.map((j) => j.jobId) })).toMatchObject({ sent: 0, skipped: 3 });
    for (const job of jobs) expect(outboxOf(job)).toHaveLength(1);
  });

  test('without a refusal the batch is one request with idx[0], idx[1], … and every SMS keeps its own MsgId', async () => {
    const { sendBatch } = await import('#services/send-batch');
    const jobs = await sameTextJobs(2);
    const calls = smsCalls();
    expect(await sendBatch(rt.deps, { shop: licence, jobIds: jobs.map((j) => j.jobId) })).toMatchObject({ sent: 2 });
    expect(smsCalls()).toBe(calls + 1);
    const ids = jobs.map((j) => outboxOf(j)[0]!.id);
    expect(new Set(ids).size).toBe(2);
    for (const [i, job] of jobs.entries()) expect(await rt.deps.store.getJob(licence, job.jobId)).toMatchObject({ smsapiId: ids[i] });
  });
});
