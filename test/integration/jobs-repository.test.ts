// One contract, two implementations: the same tests run against the in-memory jobs repository the unit tests use
// (test/support/fake-jobs.ts) and the DynamoDB adapter on DynamoDB Local, so the fake cannot drift from the real one.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Job } from '#domain/model';
import type { JobsRepository, SendLimitsRepository } from '#services/jobs-repository';
import type { LocalRuntime } from '../../local/runtime';
import { createFakeJobs, createFakeSendLimits } from '../support/fake-jobs';
import { startTestRuntime } from '../support/runtime';

const SHOP = 'contract-shop';
const T0 = '2026-03-03T10:00:00.000Z';
const T1 = '2026-03-03T10:01:00.000Z';
const LATER = '2026-03-03T10:05:00.000Z';

const job = (jobId: string, over: Partial<Job> = {}): Job => ({
  shop: SHOP,
  jobId,
  kind: 'order-status',
  phone: '+48500100200',
  text: 'Zamówienie 12 wysłane',
  dueAt: T0,
  state: 'QUEUED',
  attempts: 0,
  createdAt: T0,
  updatedAt: T0,
  source: { event: 'order.status', orderId: '12' },
  ...over,
});

interface Subject {
  repo: JobsRepository;
  seed(job: Job): Promise<void>;
  /** A `MSG#` lookup item as the previous release wrote it (before SENT). */
  seedLegacyMessage(shop: string, msgId: string, jobId: string): Promise<void>;
}

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.stop());

const subjects: [string, () => Subject][] = [
  [
    'in-memory fake',
    () => {
      const repo = createFakeJobs();
      return {
        repo,
        seed: async (j) => repo.put(j),
        seedLegacyMessage: async (shop, msgId, jobId) => void repo.legacyMessages.set(`${shop}\u0000${msgId}`, jobId),
      };
    },
  ],
  [
    'DynamoDB Local',
    () => ({
      repo: rt.deps.jobs,
      seed: async (j) => void (await rt.deps.store.createJob(j)),
      seedLegacyMessage: async (shop, msgId, jobId) => {
        const Item = { pk: `SHOP#${shop}`, sk: `MSG#${msgId}`, jobId, acceptedAt: T0, timeZone: 'Europe/Warsaw', expiresAt: 2_000_000_000 };
        await rt.deps.store.doc.send(new PutCommand({ TableName: rt.deps.store.tableName, Item }));
      },
    }),
  ],
];

describe.each(subjects)('jobs repository: %s', (_name, make) => {
  let s: Subject;
  let n = 0;
  let id: (name: string) => string;
  beforeEach(() => {
    s = make();
    const run = ++n;
    id = (name) => `${name}${run}x${Math.random().toString(36).slice(2, 8)}`;
  });

  test('claiming takes a waiting job once, with one more attempt and a lease; a busy one says who holds it', async () => {
    const a = id('a');
    await s.seed(job(a));
    const first = await s.repo.claimForSending(SHOP, a, { at: T0, leaseUntil: T1 });
    expect(first).toMatchObject({ claimed: true, job: { state: 'SENDING', attempts: 1, leaseUntil: T1 } });
    expect(await s.repo.claimForSending(SHOP, a, { at: T0, leaseUntil: T1 })).toEqual({ claimed: false, state: 'SENDING' });
    // The lease ran out (the worker died): another claim takes it over.
    expect(await s.repo.claimForSending(SHOP, a, { at: LATER, leaseUntil: '2026-03-03T10:10:00.000Z' })).toMatchObject({
      claimed: true,
      job: { attempts: 2 },
    });
    expect(await s.repo.claimForSending(SHOP, id('missing'), { at: T0, leaseUntil: T1 })).toEqual({ claimed: false });
    await s.repo.markSent(SHOP, a, T1, { parts: 1, points: 0 });
    expect(await s.repo.claimForSending(SHOP, a, { at: LATER, leaseUntil: LATER })).toEqual({ claimed: false, state: 'SENT' });
  });

  test('SENT, FAILED, SKIPPED, requeue and postpone apply only to a SENDING job and drop its lease', async () => {
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(id) as [string, string, string, string, string];
    for (const x of [a, b, c, d, e]) {
      await s.seed(job(x));
      await s.repo.claimForSending(SHOP, x, { at: T0, leaseUntil: T1 });
    }
    const sent = await s.repo.markSent(SHOP, a, T1, { smsapiId: '7001', parts: 2, points: 0.32 });
    expect(sent).toMatchObject({ state: 'SENT', sentAt: T1, smsapiId: '7001', parts: 2, points: 0.32 });
    expect(sent?.leaseUntil).toBeUndefined();
    expect(await s.repo.markSent(SHOP, a, T1, { parts: 1, points: 0 })).toBeUndefined();
    expect(await s.repo.markFailed(SHOP, a, T1, { code: 13, message: 'x' })).toBe(false);

    expect(await s.repo.markFailed(SHOP, b, T1, { code: 13, message: 'Nieprawidłowy numer' })).toBe(true);
    expect(await s.repo.get(SHOP, b)).toMatchObject({ state: 'FAILED', error: { code: 13 } });

    expect(await s.repo.skip(SHOP, c, T1, { code: 'EXPIRED', message: 'Wygasła' })).toBe(true);
    expect(await s.repo.get(SHOP, c)).toMatchObject({ state: 'SKIPPED', skipReason: { code: 'EXPIRED' } });

    expect(await s.repo.requeueForRetry(SHOP, d, T1, { code: 0, message: 'timeout' })).toBe(true);
    const requeued = await s.repo.get(SHOP, d);
    expect(requeued).toMatchObject({ state: 'QUEUED', attempts: 1, error: { code: 0 } });
    expect(requeued?.leaseUntil).toBeUndefined();

    const wait = { code: 'HOLIDAY', message: 'Niedziela' };
    expect(await s.repo.postpone(SHOP, e, T1, { dueAt: LATER, shiftedFrom: T0, waitReason: wait })).toBe(true);
    expect(await s.repo.get(SHOP, e)).toMatchObject({ state: 'SCHEDULED', dueAt: LATER, shiftedFrom: T0, waitReason: wait });
    expect(await s.repo.requeueForRetry(SHOP, e, T1)).toBe(false);
  });

  test('a report settles only the job SMSAPI accepted that message for; one that overtook the sender says so', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map(id) as [string, string, string];
    for (const x of [a, b, c]) {
      await s.seed(job(x));
      await s.repo.claimForSending(SHOP, x, { at: T0, leaseUntil: T1 });
    }
    await s.repo.markSent(SHOP, a, T1, { smsapiId: '100', parts: 1, points: 0.16 });
    const report = { outcome: 'DELIVERED' as const, deliveredAt: T1, reportStatus: 'DELIVERED', at: LATER };
    expect(await s.repo.settleFromReport(SHOP, a, { ...report, msgId: '999' })).toBeUndefined();
    const settled = await s.repo.settleFromReport(SHOP, a, { ...report, msgId: '100' });
    expect(settled).toMatchObject({ overtook: false, job: { state: 'DELIVERED', smsapiId: '100', deliveredAt: T1, parts: 1 } });
    expect(await s.repo.settleFromReport(SHOP, a, { ...report, msgId: '100' })).toBeUndefined();

    // b is still SENDING: the report overtook the sender's SENT write.
    const overtaken = await s.repo.settleFromReport(SHOP, b, {
      ...report,
      outcome: 'UNDELIVERED',
      reportStatus: 'UNDELIVERED',
      msgId: '200',
    });
    expect(overtaken).toMatchObject({ overtook: true, job: { state: 'UNDELIVERED', smsapiId: '200' } });
    expect((await s.repo.get(SHOP, b))?.leaseUntil).toBeUndefined();
    expect(await s.repo.markSent(SHOP, b, LATER, { smsapiId: '200', parts: 1, points: 0.16 })).toBeUndefined();
    expect(await s.repo.completeAfterReport(SHOP, b, LATER, { smsapiId: '200', parts: 1, points: 0.16 })).toBe('UNDELIVERED');
    expect(await s.repo.completeAfterReport(SHOP, b, LATER, { smsapiId: '200', parts: 1, points: 0.16 })).toBeUndefined();
    expect(await s.repo.get(SHOP, b)).toMatchObject({ state: 'UNDELIVERED', sentAt: LATER, points: 0.16 });

    // A cancelled job is never settled by a report.
    expect(await s.repo.cancel(SHOP, c, ['SENDING'], T1, 'ORDER_CANCELLED')).toMatchObject({
      state: 'CANCELLED',
      cancelReason: 'ORDER_CANCELLED',
    });
    expect(await s.repo.settleFromReport(SHOP, c, { ...report, msgId: '300' })).toBeUndefined();
  });

  test('a job is found by its SMSAPI id from the SENT write on, only in its own shop; without one it is not', async () => {
    const [a, b, msg] = [id('a'), id('b'), id('m')];
    for (const x of [a, b]) {
      await s.seed(job(x));
      await s.repo.claimForSending(SHOP, x, { at: T0, leaseUntil: T1 });
    }
    // SMSAPI accepted it, but the SENT write has not happened: nothing to find yet (the report is asked to repeat).
    expect(await s.repo.findJobByMessage(SHOP, msg)).toBeUndefined();
    const sent = await s.repo.markSent(SHOP, a, T1, { smsapiId: msg, parts: 1, points: 0.16 });
    expect(Object.keys(sent!)).not.toContain('msgRef');
    expect(await s.repo.findJobByMessage(SHOP, msg)).toBe(a);
    expect(await s.repo.findJobByMessage('another-shop', msg)).toBeUndefined();
    // Settled by its report, it is still found: a repeated report finds it and changes nothing.
    await s.repo.settleFromReport(SHOP, a, { msgId: msg, outcome: 'DELIVERED', deliveredAt: T1, reportStatus: 'DELIVERED', at: LATER });
    expect(await s.repo.findJobByMessage(SHOP, msg)).toBe(a);
    // 53: accepted by an earlier attempt whose answer we lost: SENT without an id, found by none.
    await s.repo.markSent(SHOP, b, T1, { parts: 1, points: 0 });
    const anonymous = await s.repo.get(SHOP, b);
    expect(anonymous).toMatchObject({ state: 'SENT' });
    expect(anonymous?.smsapiId).toBeUndefined();
  });

  test('a job whose SENT write failed is released with its SMSAPI id: found, settled by its report, and its retry keeps the id', async () => {
    const [a, msg] = [id('a'), id('m')];
    await s.seed(job(a));
    await s.repo.claimForSending(SHOP, a, { at: T0, leaseUntil: T1 });
    expect(await s.repo.releaseAccepted(SHOP, a, T1, msg)).toBe(true);
    expect(await s.repo.releaseAccepted(SHOP, a, T1, msg)).toBe(false);
    const released = await s.repo.get(SHOP, a);
    expect(released).toMatchObject({ state: 'QUEUED', smsapiId: msg });
    expect(released?.leaseUntil).toBeUndefined();
    expect(await s.repo.findJobByMessage(SHOP, msg)).toBe(a);
    // The retry gets 53 (no id): SENT keeps the id its report is matched by.
    await s.repo.claimForSending(SHOP, a, { at: LATER, leaseUntil: LATER });
    expect(await s.repo.markSent(SHOP, a, LATER, { parts: 1, points: 0 })).toMatchObject({ state: 'SENT', smsapiId: msg });
    const report = { msgId: msg, outcome: 'DELIVERED' as const, deliveredAt: LATER, reportStatus: 'DELIVERED', at: LATER };
    expect(await s.repo.settleFromReport(SHOP, a, report)).toMatchObject({ overtook: false, job: { state: 'DELIVERED' } });
  });

  test("a previous release's MSG# item is still read when the index has nothing, only for its own shop", async () => {
    const [a, msg] = [id('a'), id('m')];
    await s.seed(job(a, { state: 'SENDING', attempts: 1 }));
    await s.seedLegacyMessage(SHOP, msg, a);
    expect(await s.repo.findJobByMessage(SHOP, msg)).toBe(a);
    expect(await s.repo.findJobByMessage('another-shop', msg)).toBeUndefined();
    // Its report overtook the old release's SENT write: settled from SENDING, and from then on found by the index.
    const report = { msgId: msg, outcome: 'DELIVERED' as const, deliveredAt: T1, reportStatus: 'DELIVERED', at: LATER };
    expect(await s.repo.settleFromReport(SHOP, a, report)).toMatchObject({ overtook: true, job: { state: 'DELIVERED', smsapiId: msg } });
    expect(await s.repo.findJobByMessage(SHOP, msg)).toBe(a);
  });
});

describe.each([
  ['in-memory fake', () => createFakeSendLimits()],
  ['DynamoDB Local', () => rt.deps.sendLimits],
] as [string, () => SendLimitsRepository][])('recorded spend: %s', (_name, make) => {
  test("what was sent adds up per day and per month, each shop's apart; a month with none reads zero", async () => {
    const limits = make();
    const shop = `spend-${Math.random().toString(36).slice(2, 8)}`;
    await limits.addSpend(shop, '2026-03-03', 2, 0.32);
    await limits.addSpend(shop, '2026-03-03', 1, 0.16);
    await limits.addSpend(shop, '2026-03-04', 3, 0.48);
    const march = await limits.spendOf(shop, '2026-03');
    expect(march).toMatchObject({ parts: 6, days: { '2026-03-03': { parts: 3 }, '2026-03-04': { parts: 3 } } });
    expect(march.points).toBeCloseTo(0.96);
    expect(march.days['2026-03-03']!.points).toBeCloseTo(0.48);
    expect(await limits.spendOf(shop, '2026-04')).toEqual({ parts: 0, points: 0, days: {} });
    expect(await limits.spendOf('another-shop', '2026-03')).toEqual({ parts: 0, points: 0, days: {} });
  });
});
